//! The "parsing alone" baseline of issue 12's targets: the files a scan of
//! DIR reads (found by the scanner's own discovery, so the same walk: no
//! `.gitignore` filtering, hidden directories and Helm chart templates
//! skipped), each parsed with the parsers a scan uses (hcl-edit through
//! `parse_body` for Terraform, serde-saphyr through `parse_stream` for YAML,
//! serde_json for JSON), on rayon's thread pool as the scan does, keeping
//! nothing. Nothing is evaluated, normalised or reported.
//!
//! Usage: cargo run --release --example parse_only -- DIR
//! (`scripts/bench.sh` runs it beside each scan and prints the ratio.)
//! The same allocator as the scanner, so the two compare like for like.

use copguard::sources::terraform::parse::parse_body;
use copguard::sources::yaml::parse_stream;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let Some(root) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: parse_only DIR");
        std::process::exit(2);
    };
    let started = Instant::now();
    let discovered =
        match copguard::sources::discover(&[root], &copguard::config::Exclude::default()) {
            Ok(discovered) => discovered,
            Err(error) => {
                eprintln!("parse_only: {error}");
                std::process::exit(2);
            }
        };
    let files: Vec<&PathBuf> = discovered.files().collect();
    let (bytes, failed) = files
        .par_iter()
        .map(|path| {
            let Ok(text) = std::fs::read_to_string(path) else {
                return (0, 1);
            };
            let ok = match path.extension().and_then(|e| e.to_str()) {
                Some("tf") => parse_body(&text).is_ok(),
                Some("json") => serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                _ => {
                    let name: Arc<str> = Arc::from(path.to_string_lossy().as_ref());
                    parse_stream(&text, &name).1.is_empty()
                }
            };
            (text.len(), usize::from(!ok))
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "parse only: {} files, {:.1} MB, {failed} not parsed, {seconds:.3} s, {:.0} files/s",
        files.len(),
        bytes as f64 / 1e6,
        files.len() as f64 / seconds
    );
}
