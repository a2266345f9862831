//! Kubernetes manifests: every object in a YAML or JSON stream (documents,
//! `kind: List` items) becomes a resource of its own kind, with the position
//! of every attribute. Views and graph edges are the normaliser's job.

use super::yaml::{self, Document, Node, NodeValue};
use super::SourceFile;
use crate::attr_path::{join_index, join_key};
use crate::model::{Diagnostic, LineIndex, Location, Resource};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The provider name of manifest resources.
pub const PROVIDER: &str = "kubernetes";

/// Whether a file may hold Kubernetes objects: both keys appear somewhere.
/// A cheap test that keeps large unrelated YAML and JSON away from the parser.
pub fn may_hold_objects(text: &str) -> bool {
    text.contains("apiVersion") && text.contains("kind")
}

/// Cluster-scoped kinds get no namespace in their address.
pub trait Scopes {
    fn is_cluster_scoped(&self, kind: &str) -> bool;

    /// Whether `apiVersion` names a tool's own configuration (skaffold,
    /// kind), not an API object.
    fn is_tool_config(&self, _api_version: &str) -> bool {
        false
    }
}

/// Reads the objects of one manifest file. `explicit`: the file was named
/// on the command line (or is stdin), so even a file with no object in it
/// reports its broken documents.
pub fn load(file: &SourceFile, scopes: &dyn Scopes, explicit: bool) -> Loaded {
    let (documents, broken) = yaml::parse_stream(&file.text, &file.display);
    let lines = LineIndex::new(&file.text);
    let mut loaded = Loaded::default();
    for document in &documents {
        let mut found = Vec::new();
        objects(
            &document.root,
            &format!("document-{}", document.index),
            &mut found,
        );
        for (object, ordinal) in found {
            // Not objects for a cluster: a tool's configuration, or a
            // strategic-merge patch that deletes its object.
            let tool_config =
                string_at(object, "apiVersion").is_some_and(|v| scopes.is_tool_config(v));
            let delete_patch = string_at(object, "$patch") == Some("delete");
            if tool_config || delete_patch {
                loaded.skipped += 1;
                continue;
            }
            loaded.resources.push(resource(
                object,
                &ordinal,
                document,
                &lines,
                &file.display,
                scopes,
                &mut loaded.diagnostics,
            ));
        }
    }
    // A broken document in a file of other YAML (a CI workflow) is not ours
    // to report; in a manifest, or when it reads like an object, it is.
    let manifest = !loaded.resources.is_empty() || explicit;
    for (diagnostic, range) in broken {
        if manifest || chunk_looks_like_object(&file.text[range]) {
            loaded.diagnostics.push(diagnostic);
        }
    }
    loaded
}

#[derive(Default)]
pub struct Loaded {
    pub resources: Vec<Resource>,
    pub diagnostics: Vec<Diagnostic>,
    /// Documents that look like objects but are not (tool configuration,
    /// delete patches), left out quietly.
    pub skipped: usize,
}

/// Whether a document has top-level `apiVersion:` and `kind:` keys.
fn chunk_looks_like_object(chunk: &str) -> bool {
    let top_key = |key: &str| {
        chunk.lines().any(|l| {
            l.strip_prefix(key)
                .or_else(|| l.strip_prefix(&format!("\"{key}\"")))
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
    };
    top_key("apiVersion") && top_key("kind")
}

/// Whether a node is an object: a map with `apiVersion` and `kind`.
fn is_object(node: &Node) -> bool {
    string_at(node, "kind").is_some() && string_at(node, "apiVersion").is_some()
}

/// The objects in a node, each with an ordinal that names it when it has no
/// name: the node itself when it is an object, or the items of a `List`
/// (`kind: List`, or a `*List` kind whose items are objects), lists within
/// lists included.
fn objects<'a>(node: &'a Node, ordinal: &str, out: &mut Vec<(&'a Node, String)>) {
    if !is_object(node) {
        return;
    }
    let kind = string_at(node, "kind").unwrap_or_default();
    if let Some(Node {
        value: NodeValue::Seq(items),
        ..
    }) = get(node, "items")
    {
        // A CRD kind that ends in "List" and holds plain data is an object.
        if kind == "List" || (kind.ends_with("List") && items.iter().any(is_object)) {
            for (i, item) in items.iter().enumerate() {
                objects(item, &format!("{ordinal}-item-{}", i + 1), out);
            }
            return;
        }
    }
    out.push((node, ordinal.to_string()));
}

fn get<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    match &node.value {
        NodeValue::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
        _ => None,
    }
}

fn string_at<'a>(node: &'a Node, key: &str) -> Option<&'a str> {
    match &get(node, key)?.value {
        NodeValue::String(s) if !s.is_empty() => Some(s),
        _ => None,
    }
}

/// A scalar as text (`name: 123` names an object "123", as kubectl reads it).
fn scalar_at(node: &Node, key: &str) -> Option<String> {
    match &get(node, key)?.value {
        NodeValue::String(s) if !s.is_empty() => Some(s.clone()),
        NodeValue::Int(i) => Some(i.to_string()),
        NodeValue::UInt(u) => Some(u.to_string()),
        NodeValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn resource(
    object: &Node,
    ordinal: &str,
    document: &Document,
    lines: &LineIndex,
    path: &Arc<str>,
    scopes: &dyn Scopes,
    diagnostics: &mut Vec<Diagnostic>,
) -> Resource {
    let api_version = string_at(object, "apiVersion").unwrap_or_default();
    let kind = string_at(object, "kind").unwrap_or_default();
    let metadata = get(object, "metadata");
    let name = metadata.and_then(|m| scalar_at(m, "name")).or_else(|| {
        metadata
            .and_then(|m| string_at(m, "generateName"))
            .map(|g| format!("{g}*"))
    });
    let location = node_location(object, lines, path);
    let name = name.unwrap_or_else(|| {
        diagnostics.push(Diagnostic::warning(
            format!(
                "{kind} in YAML document {} has no metadata.name; it is named after its document",
                document.index
            ),
            Some(location.clone()),
        ));
        ordinal.to_string()
    });
    let address = if scopes.is_cluster_scoped(kind) {
        format!("k8s/{api_version}/{kind}/{name}")
    } else {
        let namespace = metadata
            .and_then(|m| scalar_at(m, "namespace"))
            .unwrap_or_else(|| "default".to_string());
        format!("k8s/{api_version}/{kind}/{namespace}/{name}")
    };
    let mut attribute_locations = BTreeMap::new();
    let attributes = match to_json(object, "", lines, path, &mut attribute_locations) {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    };
    Resource {
        attributes,
        attribute_locations,
        document: Some(document.index),
        ..Resource::new(address, kind, PROVIDER, location)
    }
}

/// A node's location: from its start to the end of its last descendant.
fn node_location(node: &Node, lines: &LineIndex, path: &Arc<str>) -> Location {
    lines.location(path, node.span.start..node_end(node))
}

fn node_end(node: &Node) -> usize {
    let last = match &node.value {
        NodeValue::Seq(items) => items.last().map(node_end),
        NodeValue::Map(entries) => entries.last().map(|(_, v)| node_end(v)),
        _ => None,
    };
    last.unwrap_or(node.span.end).max(node.span.end)
}

/// The JSON value of a node, recording the location of each path below
/// `at`. Nulls are dropped: unset and null are both absent in the model.
fn to_json(
    node: &Node,
    at: &str,
    lines: &LineIndex,
    path: &Arc<str>,
    locations: &mut BTreeMap<String, Location>,
) -> Option<Value> {
    Some(match &node.value {
        NodeValue::Null => return None,
        NodeValue::Bool(b) => Value::Bool(*b),
        NodeValue::Int(i) => Value::from(*i),
        NodeValue::UInt(u) => Value::from(*u),
        NodeValue::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        NodeValue::String(s) => Value::String(s.clone()),
        NodeValue::Seq(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let item_path = join_index(at, i);
                    locations.insert(item_path.clone(), node_location(item, lines, path));
                    to_json(item, &item_path, lines, path, locations).unwrap_or(Value::Null)
                })
                .collect(),
        ),
        NodeValue::Map(entries) => {
            let mut map = Map::new();
            for (key, value) in entries {
                let Some(json) = ({
                    let key_path = join_key(at, &key.name);
                    let json = to_json(value, &key_path, lines, path, locations);
                    if json.is_some() {
                        // A key points at `key: value` when the value is a
                        // scalar, at the key alone when it is a block.
                        let end = match value.value {
                            NodeValue::Map(_) | NodeValue::Seq(_) => key.span.end,
                            _ => value.span.end.max(key.span.end),
                        };
                        locations.insert(key_path, lines.location(path, key.span.start..end));
                    }
                    json
                }) else {
                    continue;
                };
                map.insert(key.name.clone(), json);
            }
            Value::Object(map)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoClusterKinds;
    impl Scopes for NoClusterKinds {
        fn is_cluster_scoped(&self, kind: &str) -> bool {
            kind == "ClusterRole"
        }
    }

    fn addresses(loaded: &Loaded) -> Vec<&str> {
        loaded
            .resources
            .iter()
            .map(|r| r.address.as_str())
            .collect()
    }

    fn load_text(text: &str) -> Loaded {
        let file = SourceFile {
            display: "k8s.yaml".into(),
            text: text.into(),
        };
        load(&file, &NoClusterKinds, false)
    }

    #[test]
    fn objects_from_documents_and_lists_with_addresses() {
        let loaded = load_text(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: b, namespace: prod}\n- apiVersion: rbac.authorization.k8s.io/v1\n  kind: ClusterRole\n  metadata: {name: c}\n---\nname: not-a-manifest\n",
        );
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        assert_eq!(
            addresses(&loaded),
            [
                "k8s/v1/Pod/default/a",
                "k8s/apps/v1/Deployment/prod/b",
                "k8s/rbac.authorization.k8s.io/v1/ClusterRole/c"
            ]
        );
        assert_eq!(loaded.resources[1].document, Some(2));
        assert_eq!(loaded.resources[1].resource_type, "Deployment");
        let name = &loaded.resources[1].attribute_locations["metadata.name"];
        assert_eq!((name.start_line, name.start_column), (11, 14));
    }

    #[test]
    fn nested_lists_are_read_and_list_named_kinds_with_data_are_objects() {
        let loaded = load_text(
            "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: inner}\n  - apiVersion: v1\n    kind: Pod\n---\napiVersion: example.com/v1\nkind: IPAllowList\nmetadata: {name: office, namespace: 7}\nitems: [{cidr: 10.0.0.0/8}]\n",
        );
        assert_eq!(
            addresses(&loaded),
            [
                "k8s/v1/Pod/default/inner",
                "k8s/v1/Pod/default/document-1-item-1-item-2",
                "k8s/example.com/v1/IPAllowList/7/office"
            ]
        );
        // Only the unnamed Pod is worth a warning.
        assert_eq!(loaded.diagnostics.len(), 1, "{:?}", loaded.diagnostics);
    }

    #[test]
    fn locations_point_at_key_and_value() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n    securityContext:\n      privileged: true\n    env: ~\n";
        let loaded = load_text(text);
        let pod = &loaded.resources[0];
        let privileged = &pod.attribute_locations["spec.containers[0].securityContext.privileged"];
        assert_eq!(
            (
                privileged.start_line,
                privileged.start_column,
                privileged.end_line,
                privileged.end_column
            ),
            (9, 7, 9, 23)
        );
        assert_eq!(pod.attribute_locations["spec.containers[0]"].start_line, 7);
        // Null is absent, as in every canonical resource.
        assert!(pod.attributes["spec"]["containers"][0].get("env").is_none());
        assert_eq!(pod.location.start_line, 1);
        assert_eq!(pod.location.end_line, 10);
    }

    #[test]
    fn broken_documents_are_reported_only_in_manifests() {
        let broken = "apiVersion: v1\nkind: Pod\nmetadata: [\n";
        let loaded = load_text(&format!(
            "{broken}---\napiVersion: v1\nkind: Pod\nmetadata: {{name: ok}}\n"
        ));
        assert_eq!(loaded.resources.len(), 1);
        assert_eq!(loaded.diagnostics.len(), 1);
        // A broken CI workflow is not a manifest: no noise.
        let loaded = load_text("on: [push\njobs: {}\n");
        assert!(loaded.resources.is_empty() && loaded.diagnostics.is_empty());
        // A broken document that reads like an object is reported.
        let loaded = load_text(broken);
        assert_eq!(loaded.diagnostics.len(), 1, "{:?}", loaded.diagnostics);
    }
}
