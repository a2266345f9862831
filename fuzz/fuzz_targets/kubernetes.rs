//! Any bytes as a Kubernetes manifest through the whole pipeline: must not
//! panic, and every diagnostic must be located inside the input.
#![no_main]

use copguard::graph::ResourceGraph;
use copguard::normalise::Normaliser;
use copguard::policy::{eval, Registry};
use copguard::sources::{kubernetes, SourceFile};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn setup() -> &'static (Registry, Normaliser) {
    static SETUP: OnceLock<(Registry, Normaliser)> = OnceLock::new();
    SETUP.get_or_init(|| {
        (
            Registry::builtin().expect("built-in policies"),
            Normaliser::builtin().expect("built-in provider data"),
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (registry, normaliser) = setup();
    let file = SourceFile { display: "fuzz.yaml".into(), text: text.to_string() };
    let loaded = kubernetes::load(&file, normaliser.kubernetes(), true);
    let mut diagnostics = loaded.diagnostics;
    let resources = normaliser.normalise(loaded.resources, &mut diagnostics);
    let lines = text.lines().count() + 1;
    for d in &diagnostics {
        let location = d.location.as_ref().expect("input diagnostics are located");
        assert!(location.start_line <= lines);
    }
    let graph = ResourceGraph::build(resources);
    let broken: Vec<_> = eval::evaluate(registry, &graph)
        .diagnostics
        .into_iter()
        .filter(|d| d.level == copguard::model::DiagnosticLevel::Error)
        .collect();
    assert!(broken.is_empty(), "{broken:?}");
});
