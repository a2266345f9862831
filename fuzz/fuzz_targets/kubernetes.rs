//! Any bytes as a Kubernetes manifest through the whole pipeline: must not
//! panic, and every diagnostic must be located inside the input.
#![no_main]

#[path = "common.rs"]
mod common;

use copguard::sources::{kubernetes, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (_, normaliser) = common::setup();
    let file = SourceFile { display: "fuzz.yaml".into(), text: text.to_string() };
    let loaded = kubernetes::load(&file, normaliser.kubernetes(), true);
    common::check(text, loaded.resources, loaded.diagnostics);
});
