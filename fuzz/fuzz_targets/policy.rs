//! Any bytes as a user policy file: parsing must not panic, a rejected
//! policy's error must point inside the file, and an accepted policy must
//! evaluate over a fixed set of resources (Terraform and Kubernetes
//! examples) without panicking. Its condition may well fail to evaluate on
//! them: that is a diagnostic naming the policy, not a crash.
#![no_main]

#[path = "common.rs"]
mod common;

use copguard::graph::ResourceGraph;
use copguard::model::Resource;
use copguard::policy::{eval, parse_policy, Registry};
use copguard::sources::{kubernetes, terraform, SourceFile};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// The resources every accepted policy is evaluated over, built once.
fn graph() -> &'static ResourceGraph {
    static GRAPH: OnceLock<ResourceGraph> = OnceLock::new();
    GRAPH.get_or_init(|| {
        let (_, normaliser) = common::setup();
        let file = |display: &str, text: &str| SourceFile {
            display: display.into(),
            text: text.to_string(),
        };
        let tf = [
            file(
                "insecure.tf",
                include_str!("../../testdata/examples/insecure/main.tf"),
            ),
            file(
                "secure.tf",
                include_str!("../../testdata/examples/secure/main.tf"),
            ),
        ];
        let mut diagnostics = Vec::new();
        let mut resources: Vec<Resource> = Vec::new();
        for one in &tf {
            let module = terraform::load_module(std::slice::from_ref(one));
            resources.extend(module.resources);
        }
        for (name, text) in [
            (
                "amf.yaml",
                include_str!("../../testdata/examples/kubernetes/amf.yaml"),
            ),
            (
                "rbac.yaml",
                include_str!("../../testdata/examples/kubernetes/rbac.yaml"),
            ),
        ] {
            let loaded = kubernetes::load(&file(name, text), normaliser.kubernetes(), true);
            resources.extend(loaded.resources);
        }
        ResourceGraph::build(normaliser.normalise(resources, &mut diagnostics))
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let policy = match parse_policy("fuzz.yaml", text, false) {
        Ok(policy) => policy,
        Err(error) => {
            // YAML breaks lines at a lone CR too (`str::lines` does not).
            let lines = text.matches(['\n', '\r']).count() + 1;
            if let Some((line, _)) = error.location {
                assert!(line <= lines, "{error}");
            }
            return;
        }
    };
    let mut registry = Registry::default();
    if registry.add(policy).is_err() {
        return;
    }
    let _ = eval::evaluate(&registry, graph());
});
