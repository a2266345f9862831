//! Any bytes as a Kubernetes manifest through the whole pipeline: must not
//! panic, and every diagnostic must be located inside the input. The test
//! for Go templates reads the same text first, and must point inside it.
#![no_main]

#[path = "common.rs"]
mod common;

use copguard::sources::{kubernetes, template, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(at) = template::first_action(text) {
        assert!(text[at..].starts_with("{{"), "template action at {at}");
    }
    let (_, normaliser) = common::setup();
    let file = SourceFile {
        display: "fuzz.yaml".into(),
        text: text.to_string(),
    };
    let loaded = kubernetes::load(&file, normaliser.kubernetes(), true);
    common::check(text, loaded.resources, loaded.diagnostics);
});
