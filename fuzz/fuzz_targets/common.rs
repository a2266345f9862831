//! What the loader targets check once their loader has run: every
//! diagnostic is located inside the input, and no policy breaks on what was
//! loaded. (The policy target uses only `setup`.)
#![allow(dead_code)]

use copguard::graph::ResourceGraph;
use copguard::model::{Diagnostic, DiagnosticLevel, Resource};
use copguard::normalise::Normaliser;
use copguard::policy::{eval, Registry};
use std::sync::OnceLock;

pub fn setup() -> &'static (Registry, Normaliser) {
    static SETUP: OnceLock<(Registry, Normaliser)> = OnceLock::new();
    SETUP.get_or_init(|| {
        (
            Registry::builtin().expect("built-in policies"),
            Normaliser::builtin().expect("built-in provider data"),
        )
    })
}

pub fn check(text: &str, resources: Vec<Resource>, mut diagnostics: Vec<Diagnostic>) {
    let (registry, normaliser) = setup();
    let resources = normaliser.normalise(resources, &mut diagnostics);
    let lines = text.lines().count() + 1;
    for d in &diagnostics {
        let location = d.location.as_ref().expect("input diagnostics are located");
        assert!(location.start_line <= lines);
    }
    let graph = ResourceGraph::build(resources);
    let broken: Vec<_> = eval::evaluate(registry, &graph)
        .diagnostics
        .into_iter()
        .filter(|d| d.level == DiagnosticLevel::Error)
        .collect();
    assert!(broken.is_empty(), "{broken:?}");
}
