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
}

/// Reads the objects of one manifest file. `explicit`: the file was named
/// on the command line (or is stdin), so even a file with no object in it
/// reports its broken documents.
pub fn load(file: &SourceFile, scopes: &dyn Scopes, explicit: bool) -> Loaded {
    let (documents, parse_errors) = yaml::parse_stream(&file.text, &file.display);
    let lines = LineIndex::new(&file.text);
    let mut loaded = Loaded::default();
    for document in &documents {
        for object in objects(document) {
            loaded.resources.push(resource(
                object,
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
    for diagnostic in parse_errors {
        let looks_like_object = diagnostic
            .location
            .as_ref()
            .is_some_and(|l| chunk_looks_like_object(&file.text, l.start_line));
        if manifest || looks_like_object {
            loaded.diagnostics.push(diagnostic);
        }
    }
    loaded
}

#[derive(Default)]
pub struct Loaded {
    pub resources: Vec<Resource>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether the document around `line` has top-level `apiVersion:` and
/// `kind:` keys.
fn chunk_looks_like_object(text: &str, line: usize) -> bool {
    let ranges = yaml::split_documents(text);
    let lines = LineIndex::new(text);
    let Some(range) = ranges.iter().find(|r| {
        let (start, _) = lines.position(r.start);
        let (end, _) = lines.position(r.end);
        start <= line && line <= end
    }) else {
        return false;
    };
    let chunk = &text[range.clone()];
    let top_key = |key: &str| {
        chunk.lines().any(|l| {
            l.strip_prefix(key)
                .or_else(|| l.strip_prefix(&format!("\"{key}\"")))
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
    };
    top_key("apiVersion") && top_key("kind")
}

/// The objects of a document: the document itself when it has `apiVersion`
/// and `kind`, or the items of a `List`.
fn objects(document: &Document) -> Vec<&Node> {
    let Some(kind) = string_at(&document.root, "kind") else {
        return Vec::new();
    };
    if string_at(&document.root, "apiVersion").is_none() {
        return Vec::new();
    }
    if kind == "List" || kind.ends_with("List") {
        if let Some(Node {
            value: NodeValue::Seq(items),
            ..
        }) = get(&document.root, "items")
        {
            return items
                .iter()
                .filter(|item| {
                    string_at(item, "kind").is_some() && string_at(item, "apiVersion").is_some()
                })
                .collect();
        }
    }
    vec![&document.root]
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

fn resource(
    object: &Node,
    document: &Document,
    lines: &LineIndex,
    path: &Arc<str>,
    scopes: &dyn Scopes,
    diagnostics: &mut Vec<Diagnostic>,
) -> Resource {
    let api_version = string_at(object, "apiVersion").unwrap_or_default();
    let kind = string_at(object, "kind").unwrap_or_default();
    let metadata = get(object, "metadata");
    let name = metadata
        .and_then(|m| string_at(m, "name"))
        .map(str::to_string)
        .or_else(|| {
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
        format!("document-{}", document.index)
    });
    let address = if scopes.is_cluster_scoped(kind) {
        format!("k8s/{api_version}/{kind}/{name}")
    } else {
        let namespace = metadata
            .and_then(|m| string_at(m, "namespace"))
            .unwrap_or("default");
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
        let addresses: Vec<&str> = loaded
            .resources
            .iter()
            .map(|r| r.address.as_str())
            .collect();
        assert_eq!(
            addresses,
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
