//! Embeds the built-in policies (`policies/`) and provider data (`providers/`)
//! into the binary, so a copguard binary needs no files beside it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut out = String::new();
    // providers/ also holds the live collectors' crates and their own data
    // (live.yaml): only the normalisation files are the core's.
    for (name, dir, exts, only) in [
        ("POLICY_FILES", "policies", &["yaml", "yml"][..], None),
        (
            "PROVIDER_FILES",
            "providers",
            &["yaml"][..],
            Some("normalise.yaml"),
        ),
        ("MEASURE_FILES", "policies", &["tsv"][..], None),
    ] {
        let mut files = Vec::new();
        collect(&root.join(dir), exts, &mut files);
        if let Some(only) = only {
            files.retain(|f| f.file_name().is_some_and(|n| n == only));
        }
        files.sort();
        writeln!(out, "pub static {name}: &[(&str, &str)] = &[").unwrap();
        for file in &files {
            let rel = file
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            writeln!(
                out,
                "    ({rel:?}, include_str!({:?})),",
                file.display().to_string()
            )
            .unwrap();
        }
        writeln!(out, "];").unwrap();
        println!("cargo:rerun-if-changed={dir}");
    }
    let dest = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(dest, out).expect("write embedded.rs");
}

fn collect(dir: &Path, exts: &[&str], files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| n == "src" || n == "target")
            {
                continue;
            }
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, exts, files);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.contains(&e))
        {
            files.push(path);
        }
    }
}
