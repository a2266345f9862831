//! Any bytes as a copguard snapshot of a live account through the whole
//! pipeline: must not panic, and every diagnostic must be located inside
//! the input.
#![no_main]

#[path = "common.rs"]
mod common;

use copguard::sources::{snapshot, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile {
        display: "fuzz.json".into(),
        text: text.to_string(),
    };
    let loaded = snapshot::load(&file);
    common::check(text, loaded.resources, loaded.diagnostics);
});
