//! Any bytes as a .tf file through the whole pipeline: must not panic, and
//! every diagnostic must be located inside the input.
#![no_main]

#[path = "common.rs"]
mod common;

use copguard::sources::{terraform, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile {
        display: "fuzz.tf".into(),
        text: text.to_string(),
    };
    let module = terraform::load_module(std::slice::from_ref(&file));
    common::check(text, module.resources, module.diagnostics);
});
