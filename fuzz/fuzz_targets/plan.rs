//! Any bytes as a Terraform plan (`terraform show -json`) through the whole
//! pipeline: must not panic, and every diagnostic must be located inside
//! the input.
#![no_main]

#[path = "common.rs"]
mod common;

use copguard::sources::{plan, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile {
        display: "fuzz.json".into(),
        text: text.to_string(),
    };
    // No configuration beside the plan: locations come from the plan itself.
    let loaded = plan::load(&file, &[]);
    common::check(text, loaded.resources, loaded.diagnostics);
});
