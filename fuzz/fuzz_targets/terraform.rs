//! Any bytes as a .tf file through the whole pipeline: must not panic, and
//! every diagnostic must be located inside the input.
#![no_main]

use copguard::graph::ResourceGraph;
use copguard::normalise::Normaliser;
use copguard::policy::{eval, Registry};
use copguard::sources::{terraform, SourceFile};
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
    let file = SourceFile { display: "fuzz.tf".into(), text: text.to_string() };
    let module = terraform::load_module(std::slice::from_ref(&file));
    let mut diagnostics = module.diagnostics;
    let resources = normaliser.normalise(module.resources, &mut diagnostics);
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
