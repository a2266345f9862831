//! Criterion benchmarks of the scan pipeline, one stage at a time, on a tree
//! from `examples/gen_corpus.rs` (`--files` mix: Terraform for AWS and
//! Azure, Kubernetes manifests).
//!
//! ```text
//! cargo bench --bench stages
//! cargo bench --bench stages -- --warm-up-time 1 --measurement-time 3
//! cargo bench --bench stages -- evaluate      # one stage
//! ```
//!
//! Stages: `parse` (parsing alone, the baseline), `load` (discover, read,
//! parse, evaluate Terraform, build resources), `normalise`, `evaluate` and
//! `sarif` (writing the log).
//!
//! The stages are chained as `scan_here` in `src/lib.rs` chains them; each
//! benchmark times only its own stage, the earlier ones run once in setup.
//! Throughput is the tree's input bytes, counted in decimal units as
//! `scripts/bench.sh` counts them, so every stage reads as MB/s of input
//! (1 MB = 10^6 bytes). No timing is asserted anywhere.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use copguard::model::{Diagnostic, Resource};
use copguard::normalise::Normaliser;
use copguard::report::Report;
use copguard::sources::terraform::parse::parse_body;
use copguard::sources::yaml::parse_stream;
use copguard::sources::{Discovered, Loaded};
use copguard::{config, graph, policy, report, residency, sources, ScanOptions};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode, Throughput};
use rayon::prelude::*;

// The corpus generator, shared with the example; its `main` is unused here.
#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

/// Files in the generated tree (20 modules of 10): tens of milliseconds an
/// iteration for the slower stages in a release build.
const FILES: usize = 200;

fn discover(root: &Path) -> Discovered {
    sources::discover(&[root.to_path_buf()], &config::Exclude::default())
        .expect("the generated tree is walkable")
}

fn load(discovered: &Discovered, root: &Path, normaliser: &Normaliser) -> Loaded {
    sources::load(
        discovered,
        root,
        &sources::Variables::default(),
        normaliser.kubernetes(),
        None,
        &|_| {},
    )
}

/// Bytes of every input file discovery found.
fn input_bytes(discovered: &Discovered) -> u64 {
    discovered
        .files()
        .map(|path| std::fs::metadata(path).expect("a discovered file").len())
        .sum()
}

fn stages(c: &mut Criterion) {
    let tree = tempfile::tempdir().expect("a temporary directory");
    let root = tree.path().to_path_buf();
    let written = gen_corpus::generate(&root, FILES).expect("the corpus is written");

    // As scan_here: policies, provider data, then each stage in turn.
    let registry = copguard::load_policies(&ScanOptions::default()).expect("built-in policies");
    let normaliser = Normaliser::builtin().expect("built-in provider data");
    let discovered = discover(&root);
    assert_eq!(discovered.file_count(), written, "discovery finds the tree");
    let bytes = input_bytes(&discovered);
    let loaded = load(&discovered, &root, &normaliser);
    let mut diagnostics: Vec<Diagnostic> = loaded.diagnostics.clone();
    let mut resources = normaliser.normalise(loaded.resources.clone(), &mut diagnostics);
    residency::resolve_regions(&mut resources, registry.data_stores());
    let graph = graph::ResourceGraph::build(resources);
    let evaluated = policy::eval::evaluate(&registry, &graph);
    let report = Report::new(
        &registry,
        &graph,
        evaluated,
        diagnostics,
        loaded.files,
        false,
        Duration::ZERO,
    );
    eprintln!(
        "stages: {written} files, {:.2} MB, {} loaded resources, {} in the graph, {} findings",
        bytes as f64 / 1e6,
        loaded.resources.len(),
        graph.resources.len(),
        report.findings.len(),
    );

    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::BytesDecimal(bytes));
    // Iterations of tens of milliseconds: the same number in every sample,
    // so a sample count is reached in the measurement time.
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(20);

    // Parsing alone: every file's text (read once, in setup) parsed with
    // the parsers loading uses, nothing evaluated; the baseline the other
    // stages are measured against (`examples/parse_only.rs` is the same
    // for a whole tree, with the reading).
    let texts: Vec<(PathBuf, String)> = discovered
        .files()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("a generated file");
            (path.clone(), text)
        })
        .collect();
    group.bench_function("parse", |b| {
        // On rayon's pool, as loading parses.
        b.iter(|| {
            texts
                .par_iter()
                .map(|(path, text)| {
                    if path.extension().is_some_and(|e| e == "tf") {
                        usize::from(parse_body(black_box(text)).is_ok())
                    } else {
                        let name: Arc<str> = Arc::from(path.to_string_lossy().as_ref());
                        parse_stream(black_box(text), &name).0.len()
                    }
                })
                .sum::<usize>()
        })
    });

    group.bench_function("load", |b| {
        b.iter(|| {
            let discovered = discover(black_box(&root));
            load(&discovered, &root, &normaliser)
        })
    });

    group.bench_function("normalise", |b| {
        b.iter_batched(
            || (loaded.resources.clone(), loaded.diagnostics.clone()),
            |(resources, mut diagnostics): (Vec<Resource>, Vec<Diagnostic>)| {
                let normalised = normaliser.normalise(resources, &mut diagnostics);
                (normalised, diagnostics)
            },
            BatchSize::LargeInput,
        )
    });

    group.bench_function("evaluate", |b| {
        b.iter(|| policy::eval::evaluate(&registry, black_box(&graph)))
    });

    let mut sarif = Vec::new();
    report::sarif::render(&report, &mut sarif).expect("SARIF renders");
    let capacity = sarif.len();
    group.bench_function("sarif", |b| {
        b.iter(|| {
            sarif.clear();
            report::sarif::render(black_box(&report), &mut sarif).expect("SARIF renders");
            sarif.len()
        })
    });
    group.finish();
    eprintln!(
        "stages: SARIF log {:.2} MB ({capacity} bytes)",
        capacity as f64 / 1e6
    );
}

criterion_group!(benches, stages);
criterion_main!(benches);
