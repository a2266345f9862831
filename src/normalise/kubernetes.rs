//! Kubernetes objects in the graph: a `kubernetes_pod_spec` view of every
//! workload's pod template, in-source suppressions, and the edges between
//! objects (Service and NetworkPolicy selections, RBAC bindings, service
//! accounts). Driven by the `kubernetes:` section of
//! `providers/kubernetes/normalise.yaml`.

use crate::attr_path::join_key;
use crate::model::{Diagnostic, Reference, Resource, Suppression};
use crate::sources::kubernetes::{Scopes, PROVIDER};
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The canonical type of a workload's pod template view.
pub const POD_SPEC: &str = "kubernetes_pod_spec";

/// The `kubernetes:` section of the provider data.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KubernetesData {
    /// Workload kind -> path of its pod template ("" for a Pod). A key is
    /// `Kind` (that kind in any API group) or `group/Kind`
    /// (`serving.knative.dev/Service`), which wins over a plain `Kind`.
    #[serde(default)]
    pub workloads: BTreeMap<String, String>,
    #[serde(default)]
    pub cluster_scoped: BTreeSet<String>,
    /// Annotation holding `<rule-id>[,<rule-id>] <reason>`.
    #[serde(default)]
    pub ignore_annotation: Option<String>,
    /// API groups (of `apiVersion`) of tools' own configuration files
    /// (skaffold, kind, kustomize): written like objects, never applied to
    /// a cluster. Skipped quietly, counted as skipped.
    #[serde(default)]
    pub tool_config_groups: BTreeSet<String>,
}

impl KubernetesData {
    /// Where an object of `kind` in `api_version` keeps its pod template,
    /// if it is a workload: the entry for its group and kind, else the one
    /// for its kind alone.
    pub fn pod_template_path(&self, api_version: Option<&str>, kind: &str) -> Option<&str> {
        // "serving.knative.dev/v1" is group serving.knative.dev; "v1" is the core group.
        let group = api_version
            .and_then(|v| v.rsplit_once('/'))
            .map(|(group, _)| group);
        group
            .and_then(|group| self.workloads.get(&format!("{group}/{kind}")))
            .or_else(|| self.workloads.get(kind))
            .map(String::as_str)
    }

    /// Adds workload kinds (`group/Kind` or `Kind` -> pod template path),
    /// replacing the entries they name: the `kubernetes-workloads` of a
    /// config file.
    pub fn add_workloads(&mut self, workloads: &BTreeMap<String, String>) {
        self.workloads
            .extend(workloads.iter().map(|(k, v)| (k.clone(), v.clone())));
    }

    pub fn merge(&mut self, other: KubernetesData) {
        self.workloads.extend(other.workloads);
        self.cluster_scoped.extend(other.cluster_scoped);
        self.tool_config_groups.extend(other.tool_config_groups);
        if other.ignore_annotation.is_some() {
            self.ignore_annotation = other.ignore_annotation;
        }
    }
}

impl Scopes for KubernetesData {
    fn is_cluster_scoped(&self, kind: &str) -> bool {
        self.cluster_scoped.contains(kind)
    }

    fn is_tool_config(&self, api_version: &str) -> bool {
        // `skaffold/v4beta6`: the group is what comes before the version.
        let group = api_version.rsplit_once('/').map_or("", |(group, _)| group);
        self.tool_config_groups.contains(group)
    }
}

/// Whether a resource came from a manifest (not from Terraform).
fn is_manifest(resource: &Resource) -> bool {
    resource.provider == PROVIDER && resource.address.starts_with("k8s/")
}

/// Adds views, suppressions and references to the manifest resources.
pub fn normalise(
    data: &KubernetesData,
    resources: &mut Vec<Resource>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if !resources.iter().any(is_manifest) {
        return;
    }
    // Each object's suppressions and view depend on it alone: in parallel,
    // diagnostics kept in resource order.
    let mut found: Vec<Vec<Diagnostic>> = resources
        .par_iter_mut()
        .filter(|r| is_manifest(r))
        .map(|resource| {
            let mut found = Vec::new();
            let suppressions = suppressions_at(data, resource, "metadata", &mut found);
            resource.suppressions.extend(suppressions);
            found
        })
        .collect();
    let views: Vec<(Option<Resource>, Vec<Diagnostic>)> = resources
        .par_iter()
        .filter(|r| is_manifest(r))
        .map(|r| {
            let mut found = Vec::new();
            let api_version = r.attributes.get("apiVersion").and_then(Value::as_str);
            let view = data
                .pod_template_path(api_version, &r.resource_type)
                .and_then(|template| pod_spec_view(data, r, template, &mut found));
            (view, found)
        })
        .collect();
    let (views, view_found): (Vec<_>, Vec<_>) = views.into_iter().unzip();
    found.extend(view_found);
    diagnostics.extend(found.into_iter().flatten());
    resources.extend(views.into_iter().flatten());
    link(data, resources);
}

/// A metadata field as text, as the loader named the object (`name: 123`
/// is "123").
fn metadata_text(resource: &Resource, field: &str) -> Option<String> {
    match resource.attributes.get("metadata")?.get(field)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The namespace of a namespaced object (`default` when not written).
fn namespace_of(resource: &Resource) -> String {
    metadata_text(resource, "namespace").unwrap_or_else(|| "default".to_string())
}

fn name_of(resource: &Resource) -> Option<String> {
    metadata_text(resource, "name")
}

/// `rest` when `path` is `prefix` followed by `.rest` or `[..]rest`.
fn strip_path_prefix<'a>(path: &'a str, prefix: &str) -> Option<&'a str> {
    if prefix.is_empty() {
        return Some(path);
    }
    let rest = path.strip_prefix(prefix)?;
    if rest.is_empty() {
        Some("")
    } else if let Some(rest) = rest.strip_prefix('.') {
        Some(rest)
    } else if rest.starts_with('[') {
        Some(rest)
    } else {
        None
    }
}

/// The view of a workload's pod template: the pod spec's fields, the
/// template's `metadata`, and `workload` naming the object it came from.
fn pod_spec_view(
    data: &KubernetesData,
    workload: &Resource,
    template: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Resource> {
    let spec_path = join_key(template, "spec");
    let metadata_path = join_key(template, "metadata");
    let spec = crate::attr_path::value_at(&workload.attributes, &spec_path)?.as_object()?;
    let mut attributes: Map<String, Value> = spec.clone();
    let metadata = crate::attr_path::value_at(&workload.attributes, &metadata_path)
        .cloned()
        .unwrap_or_else(|| Value::Object(Map::new()));
    attributes.insert("metadata".into(), metadata);
    let mut owner = Map::new();
    owner.insert(
        "apiVersion".into(),
        workload
            .attributes
            .get("apiVersion")
            .cloned()
            .unwrap_or(Value::Null),
    );
    owner.insert("kind".into(), Value::String(workload.resource_type.clone()));
    owner.insert(
        "name".into(),
        name_of(workload).map_or(Value::Null, Value::String),
    );
    owner.insert("namespace".into(), Value::String(namespace_of(workload)));
    // Whether the manifest wrote the namespace: one without is applied to
    // whatever namespace the tool that applies it names.
    owner.insert(
        "namespace_written".into(),
        Value::Bool(metadata_text(workload, "namespace").is_some()),
    );
    owner.insert("address".into(), Value::String(workload.address.clone()));
    attributes.insert("workload".into(), Value::Object(owner));

    let mut attribute_locations = BTreeMap::new();
    for (path, location) in &workload.attribute_locations {
        if let Some(rest) = strip_path_prefix(path, &spec_path) {
            if !rest.is_empty() {
                attribute_locations
                    .insert(rest.trim_start_matches('.').to_string(), location.clone());
            }
        } else if let Some(rest) = strip_path_prefix(path, &metadata_path) {
            let key = if rest.is_empty() {
                "metadata".to_string()
            } else if rest.starts_with('[') {
                format!("metadata{rest}")
            } else {
                format!("metadata.{rest}")
            };
            attribute_locations.insert(key, location.clone());
        }
    }
    // The workload's own namespace line, for a policy about the namespace.
    if let Some(location) = workload.attribute_locations.get("metadata.namespace") {
        attribute_locations.insert("workload.namespace".to_string(), location.clone());
    }
    let location = workload
        .attribute_locations
        .get(&spec_path)
        .unwrap_or(&workload.location)
        .clone();
    let mut view = Resource {
        attributes,
        attribute_locations,
        document: workload.document,
        suppressions: workload.suppressions.clone(),
        ..Resource::new(
            format!("{}/{spec_path}", workload.address),
            POD_SPEC,
            PROVIDER,
            location,
        )
    };
    if !template.is_empty() {
        let own = suppressions_at(data, &view, "metadata", diagnostics);
        view.suppressions.extend(own);
    }
    Some(view)
}

/// The suppressions written in the ignore annotation of the metadata at
/// `metadata_path`.
fn suppressions_at(
    data: &KubernetesData,
    resource: &Resource,
    metadata_path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Suppression> {
    let Some(annotation) = &data.ignore_annotation else {
        return Vec::new();
    };
    let annotations_path = join_key(metadata_path, "annotations");
    let Some(value) = crate::attr_path::value_at(&resource.attributes, &annotations_path)
        .and_then(|a| a.get(annotation))
    else {
        return Vec::new();
    };
    let path = join_key(&annotations_path, annotation);
    let location = resource
        .location_of(&path)
        .unwrap_or(&resource.location)
        .clone();
    let Some(text) = value.as_str() else {
        diagnostics.push(Diagnostic::warning(
            format!(
                "{annotation} must be a string \"<rule-id>[,<rule-id>] <reason>\"; it was ignored"
            ),
            Some(location),
        ));
        return Vec::new();
    };
    let (rules, reason) = parse_ignore(text);
    if rules.is_empty() {
        diagnostics.push(Diagnostic::warning(
            format!("{annotation} names no rule id; write \"<rule-id>[,<rule-id>] <reason>\""),
            Some(location),
        ));
        return Vec::new();
    }
    let reason = reason.trim();
    if reason.is_empty() {
        diagnostics.push(Diagnostic::warning(
            format!(
                "{annotation} suppresses {} without a reason; write the reason after the rule ids",
                rules.join(",")
            ),
            Some(location.clone()),
        ));
    }
    vec![Suppression {
        rules,
        justification: reason.to_string(),
        location,
    }]
}

/// `"CG-K8S-001, cg-k8s-003 reason"` -> ([CG-K8S-001, CG-K8S-003], "reason"):
/// ids (any case, upper-cased) separated by commas with optional spaces,
/// then the reason.
pub(crate) fn parse_ignore(text: &str) -> (Vec<String>, &str) {
    let mut rest = text.trim_start();
    let mut rules = Vec::new();
    loop {
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        rules.push(rest[..end].to_ascii_uppercase());
        rest = &rest[end..];
        match rest.trim_start().strip_prefix(',') {
            Some(after) => rest = after.trim_start(),
            None => break,
        }
    }
    (rules, rest.trim())
}

/// Pod labels of a view (its template's labels).
fn pod_labels(view: &Resource) -> Option<&Map<String, Value>> {
    view.attributes
        .get("metadata")
        .and_then(|m| m.get("labels"))
        .and_then(Value::as_object)
}

fn label_equals(labels: Option<&Map<String, Value>>, key: &str, value: &Value) -> bool {
    labels.and_then(|l| l.get(key)).is_some_and(|v| v == value)
}

/// Whether a Service's `spec.selector` (a plain map) selects these labels.
/// An empty selector selects nothing: such a Service has no endpoints
/// chosen by labels.
fn map_selects(selector: &Map<String, Value>, labels: Option<&Map<String, Value>>) -> bool {
    !selector.is_empty() && selector.iter().all(|(k, v)| label_equals(labels, k, v))
}

/// Whether a LabelSelector (`matchLabels`, `matchExpressions`) selects these
/// labels. An empty selector selects every pod.
fn label_selector_selects(selector: &Value, labels: Option<&Map<String, Value>>) -> bool {
    let match_labels = selector
        .get("matchLabels")
        .and_then(Value::as_object)
        .is_none_or(|m| m.iter().all(|(k, v)| label_equals(labels, k, v)));
    let expressions = selector
        .get("matchExpressions")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    match_labels
        && expressions.iter().all(|expression| {
            let Some(key) = expression.get("key").and_then(Value::as_str) else {
                return false;
            };
            let value = labels.and_then(|l| l.get(key));
            let values = expression
                .get("values")
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice);
            match expression.get("operator").and_then(Value::as_str) {
                Some("In") => value.is_some_and(|v| values.contains(v)),
                Some("NotIn") => value.is_none_or(|v| !values.contains(v)),
                Some("Exists") => value.is_some(),
                Some("DoesNotExist") => value.is_none(),
                _ => false,
            }
        })
}

/// A view as selectors see it: pod labels, and the addresses a selection
/// reaches (the view and its workload).
type SelectableView = (Option<Map<String, Value>>, [String; 2]);

/// Adds references: Service and NetworkPolicy to the workloads (and views)
/// they select, NetworkPolicy to its namespace, bindings to their role and
/// subjects, workloads and views to their service account.
fn link(data: &KubernetesData, resources: &mut [Resource]) {
    // (kind, namespace or "", name) -> addresses, whatever the apiVersion.
    let mut by_name: HashMap<(String, String, String), Vec<String>> = HashMap::new();
    for resource in resources.iter().filter(|r| is_manifest(r)) {
        if let Some(name) = name_of(resource) {
            let namespace = if data.is_cluster_scoped(&resource.resource_type) {
                String::new()
            } else {
                namespace_of(resource).to_string()
            };
            by_name
                .entry((resource.resource_type.clone(), namespace, name.to_string()))
                .or_default()
                .push(resource.address.clone());
        }
    }
    // Selectors only reach their own namespace: views grouped by it.
    let mut views: HashMap<String, Vec<SelectableView>> = HashMap::new();
    for view in resources
        .iter()
        .filter(|r| r.resource_type == POD_SPEC && is_manifest(r))
    {
        let owner = view.attributes.get("workload");
        let namespace = owner
            .and_then(|o| o.get("namespace"))
            .and_then(Value::as_str);
        let workload = owner.and_then(|o| o.get("address")).and_then(Value::as_str);
        if let (Some(namespace), Some(workload)) = (namespace, workload) {
            views.entry(namespace.to_string()).or_default().push((
                pod_labels(view).cloned(),
                [view.address.clone(), workload.to_string()],
            ));
        }
    }
    let no_views = Vec::new();
    let lookup = |kind: &str, namespace: &str, name: &str| -> Vec<String> {
        by_name
            .get(&(kind.to_string(), namespace.to_string(), name.to_string()))
            .cloned()
            .unwrap_or_default()
    };

    for resource in resources.iter_mut().filter(|r| is_manifest(r)) {
        let namespace = namespace_of(resource);
        let in_namespace = views.get(&namespace).unwrap_or(&no_views);
        let mut references: Vec<Reference> = Vec::new();
        let mut add = |path: &str, targets: Vec<String>| {
            references.extend(targets.into_iter().map(|target| Reference {
                path: path.to_string(),
                target,
            }));
        };
        let spec = resource.attributes.get("spec");
        match resource.resource_type.as_str() {
            "Service" => {
                if let Some(selector) = spec
                    .and_then(|s| s.get("selector"))
                    .and_then(Value::as_object)
                {
                    for (labels, targets) in in_namespace {
                        if map_selects(selector, labels.as_ref()) {
                            add("spec.selector", targets.to_vec());
                        }
                    }
                }
            }
            "NetworkPolicy" => {
                let empty = Value::Object(Map::new());
                let selector = spec.and_then(|s| s.get("podSelector")).unwrap_or(&empty);
                for (labels, targets) in in_namespace {
                    if label_selector_selects(selector, labels.as_ref()) {
                        add("spec.podSelector", targets.to_vec());
                    }
                }
                add("metadata.namespace", lookup("Namespace", "", &namespace));
            }
            "RoleBinding" | "ClusterRoleBinding" => {
                let cluster = resource.resource_type == "ClusterRoleBinding";
                if let Some(role) = resource.attributes.get("roleRef") {
                    let kind = role.get("kind").and_then(Value::as_str).unwrap_or("");
                    let name = role.get("name").and_then(Value::as_str).unwrap_or("");
                    let role_namespace = if kind == "Role" {
                        namespace.as_str()
                    } else {
                        ""
                    };
                    add("roleRef", lookup(kind, role_namespace, name));
                }
                let subjects = resource
                    .attributes
                    .get("subjects")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                for (i, subject) in subjects.iter().enumerate() {
                    if subject.get("kind").and_then(Value::as_str) != Some("ServiceAccount") {
                        continue;
                    }
                    let name = subject.get("name").and_then(Value::as_str).unwrap_or("");
                    let subject_namespace = subject
                        .get("namespace")
                        .and_then(Value::as_str)
                        .unwrap_or(if cluster { "" } else { namespace.as_str() });
                    add(
                        &crate::attr_path::join_index("subjects", i),
                        lookup("ServiceAccount", subject_namespace, name),
                    );
                }
            }
            POD_SPEC => {
                let account = resource
                    .attributes
                    .get("serviceAccountName")
                    .or_else(|| resource.attributes.get("serviceAccount"))
                    .and_then(Value::as_str)
                    .unwrap_or("default")
                    .to_string();
                let namespace = resource
                    .attributes
                    .get("workload")
                    .and_then(|w| w.get("namespace"))
                    .and_then(Value::as_str)
                    .unwrap_or("default")
                    .to_string();
                add(
                    "serviceAccountName",
                    lookup("ServiceAccount", &namespace, &account),
                );
            }
            _ => {}
        }
        resource.references.extend(references);
    }
    // Workloads reference their service account as their view does.
    let view_accounts: HashMap<String, Vec<Reference>> = resources
        .iter()
        .filter(|r| r.resource_type == POD_SPEC && is_manifest(r))
        .filter_map(|view| {
            let workload = view.attributes.get("workload")?.get("address")?.as_str()?;
            let spec_path = view.address.strip_prefix(workload)?.trim_start_matches('/');
            let references: Vec<Reference> = view
                .references
                .iter()
                .filter(|r| r.path == "serviceAccountName")
                .map(|r| Reference {
                    path: join_key(spec_path, &r.path),
                    target: r.target.clone(),
                })
                .collect();
            Some((workload.to_string(), references))
        })
        .collect();
    for resource in resources.iter_mut() {
        if let Some(references) = view_accounts.get(&resource.address) {
            resource.references.extend(references.iter().cloned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::ResourceGraph;
    use crate::normalise::Normaliser;
    use crate::sources::{kubernetes, SourceFile};

    /// (from, to, path) of every edge of the manifests' graph.
    fn edges(text: &str) -> BTreeSet<(String, String, String)> {
        let normaliser = Normaliser::builtin().unwrap();
        let file = SourceFile {
            display: "m.yaml".into(),
            text: text.into(),
        };
        let loaded = kubernetes::load(&file, normaliser.kubernetes(), true);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let mut diagnostics = Vec::new();
        let resources = normaliser.normalise(loaded.resources, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let graph = ResourceGraph::build(resources);
        graph
            .edges
            .iter()
            .map(|e| {
                (
                    graph.resources[e.from].address.clone(),
                    graph.resources[e.to].address.clone(),
                    e.path.clone(),
                )
            })
            .collect()
    }

    fn edge(from: &str, to: &str, path: &str) -> (String, String, String) {
        (from.into(), to.into(), path.into())
    }

    const WORKLOADS: &str = r#"
apiVersion: v1
kind: Namespace
metadata: {name: core}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: amf, namespace: core}
spec:
  template:
    metadata:
      labels: {app: amf, tier: control}
    spec:
      serviceAccountName: amf
      containers: [{name: amf, image: r/amf:1}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: backup, namespace: core}
spec:
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {app: backup}
        spec:
          containers: [{name: b, image: r/b:1}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: amf, namespace: core}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: core}
"#;

    #[test]
    fn services_select_workloads_by_template_labels_in_their_namespace() {
        let text = format!(
            "{WORKLOADS}---
apiVersion: v1
kind: Service
metadata: {{name: amf, namespace: core}}
spec:
  selector: {{app: amf}}
---
apiVersion: v1
kind: Service
metadata: {{name: amf, namespace: other}}
spec:
  selector: {{app: amf}}
"
        );
        let edges = edges(&text);
        let deployment = "k8s/apps/v1/Deployment/core/amf";
        let view = "k8s/apps/v1/Deployment/core/amf/spec.template.spec";
        assert!(edges.contains(&edge(
            "k8s/v1/Service/core/amf",
            deployment,
            "spec.selector"
        )));
        assert!(edges.contains(&edge("k8s/v1/Service/core/amf", view, "spec.selector")));
        // Another namespace's Service selects nothing here.
        assert!(!edges
            .iter()
            .any(|(from, _, _)| from == "k8s/v1/Service/other/amf"));
        // Workloads reach their service account, the CronJob the default one.
        assert!(edges.contains(&edge(
            view,
            "k8s/v1/ServiceAccount/core/amf",
            "serviceAccountName"
        )));
        assert!(edges.contains(&edge(
            deployment,
            "k8s/v1/ServiceAccount/core/amf",
            "spec.template.spec.serviceAccountName"
        )));
        assert!(edges.contains(&edge(
            "k8s/batch/v1/CronJob/core/backup/spec.jobTemplate.spec.template.spec",
            "k8s/v1/ServiceAccount/core/default",
            "serviceAccountName"
        )));
    }

    #[test]
    fn network_policies_select_by_label_selector_and_reach_their_namespace() {
        let text = format!(
            "{WORKLOADS}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {{name: deny, namespace: core}}
spec:
  podSelector: {{}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {{name: control, namespace: core}}
spec:
  podSelector:
    matchExpressions:
      - {{key: tier, operator: In, values: [control, mgmt]}}
      - {{key: legacy, operator: DoesNotExist}}
"
        );
        let edges = edges(&text);
        let deny = "k8s/networking.k8s.io/v1/NetworkPolicy/core/deny";
        let control = "k8s/networking.k8s.io/v1/NetworkPolicy/core/control";
        let amf = "k8s/apps/v1/Deployment/core/amf/spec.template.spec";
        let backup = "k8s/batch/v1/CronJob/core/backup/spec.jobTemplate.spec.template.spec";
        assert!(edges.contains(&edge(deny, amf, "spec.podSelector")));
        assert!(edges.contains(&edge(deny, backup, "spec.podSelector")));
        assert!(edges.contains(&edge(deny, "k8s/v1/Namespace/core", "metadata.namespace")));
        assert!(edges.contains(&edge(control, amf, "spec.podSelector")));
        assert!(!edges.contains(&edge(control, backup, "spec.podSelector")));
    }

    #[test]
    fn bindings_reach_their_role_and_service_account_subjects() {
        let text = format!(
            "{WORKLOADS}---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {{name: reader, namespace: core}}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {{name: amf-reader, namespace: core}}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}}
subjects:
  - {{kind: User, name: alice}}
  - {{kind: ServiceAccount, name: amf}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {{name: viewer}}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {{name: amf-viewer}}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: viewer}}
subjects:
  - {{kind: ServiceAccount, name: amf, namespace: core}}
"
        );
        let edges = edges(&text);
        let binding = "k8s/rbac.authorization.k8s.io/v1/RoleBinding/core/amf-reader";
        let cluster_binding = "k8s/rbac.authorization.k8s.io/v1/ClusterRoleBinding/amf-viewer";
        assert!(edges.contains(&edge(
            binding,
            "k8s/rbac.authorization.k8s.io/v1/Role/core/reader",
            "roleRef"
        )));
        assert!(edges.contains(&edge(
            binding,
            "k8s/v1/ServiceAccount/core/amf",
            "subjects[1]"
        )));
        assert!(edges.contains(&edge(
            cluster_binding,
            "k8s/rbac.authorization.k8s.io/v1/ClusterRole/viewer",
            "roleRef"
        )));
        assert!(edges.contains(&edge(
            cluster_binding,
            "k8s/v1/ServiceAccount/core/amf",
            "subjects[0]"
        )));
    }

    #[test]
    fn ignore_annotations_take_ids_in_any_case_with_spaces_after_commas() {
        assert_eq!(
            parse_ignore("CG-K8S-001, cg-k8s-003 ,CG-K8S-004 vendor needs it"),
            (
                vec![
                    "CG-K8S-001".into(),
                    "CG-K8S-003".into(),
                    "CG-K8S-004".into()
                ],
                "vendor needs it"
            )
        );
        assert_eq!(parse_ignore("CG-K8S-001"), (vec!["CG-K8S-001".into()], ""));
        assert_eq!(
            parse_ignore("  , reason"),
            (Vec::<String>::new(), ", reason")
        );
    }

    #[test]
    fn views_carry_template_locations_and_suppressions() {
        let normaliser = Normaliser::builtin().unwrap();
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n  annotations:\n    copguard.io/ignore: \"CG-K8S-009 vendor image\"\nspec:\n  template:\n    metadata:\n      annotations:\n        copguard.io/ignore: CG-K8S-007,CG-K8S-008   because\n    spec:\n      containers:\n        - name: a\n          image: r/a:1\n";
        let file = SourceFile {
            display: "m.yaml".into(),
            text: text.into(),
        };
        let loaded = kubernetes::load(&file, normaliser.kubernetes(), true);
        let mut diagnostics = Vec::new();
        let resources = normaliser.normalise(loaded.resources, &mut diagnostics);
        let view = resources
            .iter()
            .find(|r| r.resource_type == POD_SPEC)
            .expect("a view");
        assert_eq!(
            view.address,
            "k8s/apps/v1/Deployment/default/a/spec.template.spec"
        );
        assert_eq!(view.location.start_line, 12);
        assert_eq!(
            view.attribute_locations["containers[0].image"].start_line,
            15
        );
        assert_eq!(view.attributes["workload"]["kind"], "Deployment");
        // No namespace written: the address says default, the view says so.
        assert_eq!(view.attributes["workload"]["namespace"], "default");
        assert_eq!(view.attributes["workload"]["namespace_written"], false);
        assert!(!view.attribute_locations.contains_key("workload.namespace"));
        let rules: Vec<&str> = view
            .suppressions
            .iter()
            .flat_map(|s| s.rules.iter().map(String::as_str))
            .collect();
        assert_eq!(rules, ["CG-K8S-009", "CG-K8S-007", "CG-K8S-008"]);
        assert_eq!(view.suppressions[1].justification, "because");
        assert_eq!(view.suppressions[1].location.start_line, 11);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn views_say_whether_and_where_the_workload_wrote_its_namespace() {
        let normaliser = Normaliser::builtin().unwrap();
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: default\nspec:\n  containers:\n    - {name: p, image: r/p:1}\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\n  namespace: ops\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - {name: c, image: r/c:1}\n";
        let file = SourceFile {
            display: "m.yaml".into(),
            text: text.into(),
        };
        let loaded = kubernetes::load(&file, normaliser.kubernetes(), true);
        let mut diagnostics = Vec::new();
        let resources = normaliser.normalise(loaded.resources, &mut diagnostics);
        let views: Vec<&Resource> = resources
            .iter()
            .filter(|r| r.resource_type == POD_SPEC)
            .collect();
        assert_eq!(views.len(), 2);
        let got: Vec<(&str, &Value, &Value, u32)> = views
            .iter()
            .map(|v| {
                (
                    v.address.as_str(),
                    &v.attributes["workload"]["namespace"],
                    &v.attributes["workload"]["namespace_written"],
                    v.attribute_locations["workload.namespace"].start_line,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "k8s/v1/Pod/default/p/spec",
                    &Value::from("default"),
                    &Value::from(true),
                    5
                ),
                (
                    "k8s/batch/v1/CronJob/ops/c/spec.jobTemplate.spec.template.spec",
                    &Value::from("ops"),
                    &Value::from(true),
                    14
                ),
            ]
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }
}
