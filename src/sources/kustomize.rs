//! kustomize: a `kustomization.yaml` is kustomize's configuration, not a
//! cluster object, and the patches it lists are partial objects (strategic
//! merge) or JSON patches, which only mean something once `kustomize build`
//! applies them. Scanned as manifests they give findings about objects that
//! never exist (a patch with no `resources.limits` "has no limits"). So the
//! kustomization is not read as a manifest and its patches are skipped with
//! a note; the files under `resources:` are scanned as usual.

use super::yaml::{self, Node, NodeValue};
use std::path::Path;

/// The names kustomize looks for in a directory.
pub const FILE_NAMES: [&str; 3] = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/// Whether `path` is a kustomization file.
pub fn is_kustomization(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| FILE_NAMES.contains(&name))
}

/// The patch files a kustomization lists, as written (relative to its
/// directory): `patches[].path`, `patchesStrategicMerge[]` (an entry that is
/// a patch written inline is not a file) and `patchesJson6902[].path`.
/// Nothing when the text is not a YAML mapping.
pub fn patch_files(text: &str) -> Vec<String> {
    let Ok(Some(root)) = yaml::parse_document(text) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for key in ["patches", "patchesJson6902"] {
        for entry in items(&root, key) {
            if let Some(path) = string(get(entry, "path")) {
                files.push(path.to_string());
            }
        }
    }
    for entry in items(&root, "patchesStrategicMerge") {
        if let Some(path) = string(Some(entry)).filter(|p| !p.contains('\n')) {
            files.push(path.to_string());
        }
    }
    files
}

fn get<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    match &node.value {
        NodeValue::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
        _ => None,
    }
}

fn items<'a>(node: &'a Node, key: &str) -> &'a [Node] {
    match get(node, key).map(|n| &n.value) {
        Some(NodeValue::Seq(items)) => items,
        _ => &[],
    }
}

fn string(node: Option<&Node>) -> Option<&str> {
    match &node?.value {
        NodeValue::String(s) if !s.trim().is_empty() => Some(s.trim()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_kind_of_patch_file_and_no_resource() {
        let text = r#"apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../base
  - configmap.yaml
patches:
  - path: privileged.yaml
  - target: {kind: Deployment}
    patch: |-
      - op: replace
        path: /spec/replicas
        value: 2
patchesStrategicMerge:
  - memory.yaml
  - |-
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api}
patchesJson6902:
  - target: {group: apps, version: v1, kind: Deployment, name: api}
    path: json/replicas.yaml
"#;
        assert_eq!(
            patch_files(text),
            vec!["privileged.yaml", "json/replicas.yaml", "memory.yaml"]
        );
    }

    #[test]
    fn a_kustomization_that_is_not_a_mapping_lists_nothing() {
        assert!(patch_files("").is_empty());
        assert!(patch_files("- a\n- b\n").is_empty());
        assert!(patch_files("patches: [\n").is_empty());
        assert!(patch_files("patches: {path: x}\n").is_empty());
    }

    #[test]
    fn names_kustomize_reads() {
        assert!(is_kustomization(Path::new(
            "overlays/prod/kustomization.yaml"
        )));
        assert!(is_kustomization(Path::new("kustomization.yml")));
        assert!(is_kustomization(Path::new("a/Kustomization")));
        assert!(!is_kustomization(Path::new("kustomization.json")));
        assert!(!is_kustomization(Path::new("my-kustomization.yaml")));
    }
}
