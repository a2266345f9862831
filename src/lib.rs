//! copguard: a policy scanner for cloud infrastructure that gives evidence
//! for the UK Telecommunications Security Code of Practice.
//!
//! The pipeline, one module per stage, each a plain function over data:
//!
//! ```text
//! sources (.tf, plans, manifests, snapshots) -> normalise (providers/*.yaml) -> graph -> policy (CEL) -> report
//! ```
//!
//! [`scan`] runs all of it and returns a [`report::Report`], which the
//! `report::{sarif, text, json}` printers render. Bad input never stops a
//! scan: it becomes a [`model::Diagnostic`] and the rest is still scanned.

pub mod attr_path;
pub mod config;
pub mod explain;
pub mod graph;
pub mod live;
pub mod model;
pub mod normalise;
pub mod policy;
pub mod report;
pub mod residency;
pub mod sources;
pub mod timings;

/// Built-in policies, provider data and measure lists, embedded by build.rs.
pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// The two long parts of a scan, as [`Progress`] counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Input files read and loaded (`total`: the files the summary counts).
    Reading,
    /// Resources evaluated against the policies (`total`: the resources
    /// the summary counts).
    Evaluating,
}

/// How far a scan has got: `done` of `total` in `stage`. Reported from
/// worker threads as each file or resource is done, so two reports can
/// arrive out of order; each stage's last report has `done == total`. A
/// stage with nothing to do reports nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

/// What a scan calls with its [`Progress`] (`ScanOptions::progress`). The
/// library never prints: the command line draws a bar from these. Called
/// once per file and per resource, so it must be cheap.
#[derive(Clone)]
pub struct ProgressObserver(Arc<dyn Fn(Progress) + Send + Sync>);

impl ProgressObserver {
    pub fn new(observe: impl Fn(Progress) + Send + Sync + 'static) -> ProgressObserver {
        ProgressObserver(Arc::new(observe))
    }

    fn report(&self, progress: Progress) {
        (self.0)(progress)
    }
}

impl std::fmt::Debug for ProgressObserver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgressObserver")
    }
}

/// Counts one stage's work and reports each step to the observer, if any.
struct Counter<'a> {
    observer: Option<&'a ProgressObserver>,
    stage: Stage,
    total: usize,
    done: AtomicUsize,
}

impl<'a> Counter<'a> {
    fn new(observer: Option<&'a ProgressObserver>, stage: Stage, total: usize) -> Self {
        Counter {
            observer,
            stage,
            total,
            done: AtomicUsize::new(0),
        }
    }

    /// `n` more done.
    fn add(&self, n: usize) {
        if n == 0 {
            return;
        }
        if let Some(observer) = self.observer {
            let done = self.done.fetch_add(n, Ordering::Relaxed) + n;
            observer.report(Progress {
                stage: self.stage,
                done,
                total: self.total,
            });
        }
    }

    /// Reports the count so far as the `done` of the stage.
    fn report(&self, done: usize) {
        if let Some(observer) = self.observer {
            observer.report(Progress {
                stage: self.stage,
                done,
                total: self.total,
            });
        }
    }
}

/// What to scan and how, as the library understands it (the CLI builds it).
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Files and directories to scan.
    pub paths: Vec<PathBuf>,
    /// Reported paths are relative to this directory (SARIF's `%SRCROOT%`).
    pub base_dir: PathBuf,
    /// Directories of user policies, added to the built-ins.
    pub policy_dirs: Vec<PathBuf>,
    /// Run only these policy ids (all when empty).
    pub only: Vec<String>,
    /// Never run these policy ids.
    pub skip: Vec<String>,
    /// Severity per policy id, replacing the policy's own.
    pub severity: std::collections::BTreeMap<String, model::Severity>,
    /// Paths the walk leaves out (`exclude:` globs of `.copguard.yaml`).
    pub exclude: config::Exclude,
    /// Regions where data may be kept (empty: the UK regions).
    pub allowed_regions: Vec<String>,
    /// Whether reports list results that depend on unknown values.
    pub show_unknown: bool,
    /// Whether text reports list suppressed results (SARIF and JSON always
    /// carry them).
    pub show_suppressed: bool,
    /// Whether inline suppressions apply (`--no-inline-suppressions` turns
    /// them all off for an audit). `ScanOptions::default()` applies them.
    pub inline_suppressions: bool,
    /// Variable values from the environment (`TF_VAR_*`) and command line.
    pub variables: sources::Variables,
    /// Manifests read from standard input (`copguard scan -`), shown as
    /// `<stdin>`.
    pub stdin: Option<Vec<u8>>,
    /// Custom resources with a pod template (`kubernetes-workloads` of
    /// `.copguard.yaml`): `group/Kind` or `Kind` -> template path.
    pub kubernetes_workloads: std::collections::BTreeMap<String, String>,
    /// Download registry and git modules into a cache
    /// (`--download-modules`); `None` leaves them unread, with a note.
    pub download_modules: Option<sources::terraform::download::DownloadOptions>,
    /// Told how far the scan has got (files read, resources evaluated);
    /// `None` for no reports.
    pub progress: Option<ProgressObserver>,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            paths: Vec::new(),
            base_dir: PathBuf::new(),
            policy_dirs: Vec::new(),
            only: Vec::new(),
            skip: Vec::new(),
            severity: Default::default(),
            exclude: config::Exclude::default(),
            allowed_regions: Vec::new(),
            show_unknown: false,
            show_suppressed: false,
            inline_suppressions: true,
            variables: sources::Variables::default(),
            stdin: None,
            kubernetes_workloads: Default::default(),
            download_modules: None,
            progress: None,
        }
    }
}

/// Why a scan could not run at all (exit code 2). Problems with single
/// inputs are diagnostics in the report instead.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("cannot scan {}: {source}", path.display())]
    Path {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot walk {}: {message}", path.display())]
    Walk { path: PathBuf, message: String },
    #[error(transparent)]
    Policy(#[from] policy::PolicyError),
    #[error("{0}")]
    Selection(String),
    #[error("built-in provider data {path} is invalid: {message}")]
    ProviderData { path: String, message: String },
}

/// Loads the policies the options ask for: built-ins, user policies, then
/// `--only` / `--skip`.
pub fn load_policies(options: &ScanOptions) -> Result<policy::Registry, ScanError> {
    let mut registry = policy::Registry::builtin()?;
    for dir in &options.policy_dirs {
        registry.load_dir(dir)?;
    }
    registry
        .select(&options.only, &options.skip)
        .map_err(ScanError::Selection)?;
    for (id, severity) in &options.severity {
        registry
            .override_severity(id, *severity)
            .map_err(ScanError::Selection)?;
    }
    registry.set_allowed_regions(options.allowed_regions.clone());
    Ok(registry)
}

/// A suppression naming a rule no policy has is a typo that would
/// otherwise suppress nothing, silently.
fn warn_unknown_suppressions(
    registry: &policy::Registry,
    resources: &[model::Resource],
    diagnostics: &mut Vec<model::Diagnostic>,
) {
    let mut seen = std::collections::BTreeSet::new();
    for suppression in resources.iter().flat_map(|r| &r.suppressions) {
        for id in &suppression.rules {
            if !registry.knows(id) && seen.insert((id.clone(), suppression.location.clone())) {
                diagnostics.push(model::Diagnostic::warning(
                    format!("suppression names {id}, which no policy has; `copguard policies` lists them"),
                    Some(suppression.location.clone()),
                ));
            }
        }
    }
}

/// Stack for the scan's worker threads. Parsing nests a few frames per level
/// of YAML or HCL; at the depth the parsers allow (64), a debug build needs
/// more than the 2 MiB threads get by default. Untouched stack costs nothing.
const WORKER_STACK_BYTES: usize = 32 << 20;

/// Runs a whole scan: discover, load, normalise, build the graph, evaluate,
/// on worker threads with room for deeply nested input.
pub fn scan(options: &ScanOptions) -> Result<report::Report, ScanError> {
    match rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK_BYTES)
        .build()
    {
        Ok(pool) => pool.install(|| scan_here(options)),
        // No threads to be had: the current one will do.
        Err(_) => scan_here(options),
    }
}

fn scan_here(options: &ScanOptions) -> Result<report::Report, ScanError> {
    let started = Instant::now();
    let mut timings = timings::Timings::from_env();
    let registry = load_policies(options)?;
    timings.stage("policies");
    let mut normaliser = normalise::Normaliser::builtin()?;
    normaliser.add_kubernetes_workloads(&options.kubernetes_workloads);
    timings.stage("provider-data");
    let mut discovered = sources::discover(&options.paths, &options.exclude)?;
    discovered.stdin = options.stdin.clone();
    timings.stage("discover");
    let downloader = options
        .download_modules
        .as_ref()
        .map(sources::terraform::download::Downloader::new);
    let reading = Counter::new(
        options.progress.as_ref(),
        Stage::Reading,
        discovered.file_count(),
    );
    let loaded = sources::load(
        &discovered,
        &options.base_dir,
        &options.variables,
        normaliser.kubernetes(),
        downloader.as_ref(),
        &|files| reading.add(files),
    );
    timings.stage("load");
    let skipped = loaded.skipped;
    let mut diagnostics = loaded.diagnostics;
    let mut resources = normaliser.normalise(loaded.resources, &mut diagnostics);
    timings.stage("normalise");
    if !options.inline_suppressions {
        for resource in &mut resources {
            resource.suppressions.clear();
        }
    }
    warn_unknown_suppressions(&registry, &resources, &mut diagnostics);
    residency::resolve_regions(&mut resources, registry.data_stores());
    let data_stores = residency::inventory(
        &resources,
        registry.data_stores(),
        &registry.allowed_regions(),
    );
    timings.stage("residency");
    let graph = graph::ResourceGraph::build(resources);
    timings.stage("graph");
    let evaluating = Counter::new(
        options.progress.as_ref(),
        Stage::Evaluating,
        graph.resources.len(),
    );
    let mut evaluated =
        policy::eval::evaluate_with_progress(&registry, &graph, &|done| evaluating.report(done));
    diagnostics.append(&mut evaluated.diagnostics);
    timings.stage("evaluate");
    let mut report = report::Report::new(
        &registry,
        &graph,
        evaluated,
        diagnostics,
        loaded.files,
        options.show_unknown,
        started.elapsed(),
    )
    .show_suppressed(options.show_suppressed);
    report.data_stores = data_stores;
    report.summary.skipped = skipped;
    timings.stage("report");
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Every kind of input the loader counts: Terraform roots (with a
    /// local module), a plan with its configuration, manifests, Go
    /// templates, a Helm chart, kustomize, a snapshot.
    #[test]
    fn progress_counts_every_file_and_resource_the_summary_counts() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let seen: Arc<Mutex<Vec<Progress>>> = Arc::default();
        let record = Arc::clone(&seen);
        let report = scan(&ScanOptions {
            paths: [
                "testdata/examples",
                "testdata/terraform/roots",
                "testdata/terraform/plan",
                "testdata/kubernetes",
                "testdata/policies/aws/cg-aws-040/fail_root_keys.json",
            ]
            .iter()
            .map(|p| root.join(p))
            .collect(),
            base_dir: root.clone(),
            progress: Some(ProgressObserver::new(move |progress| {
                if let Ok(mut seen) = record.lock() {
                    seen.push(progress);
                }
            })),
            ..ScanOptions::default()
        })
        .expect("the fixtures scan");
        let seen = seen.lock().expect("no observer panicked").clone();
        let (reading, evaluating): (Vec<Progress>, Vec<Progress>) =
            seen.iter().partition(|p| p.stage == Stage::Reading);
        // Reading is over before evaluating starts.
        let first_evaluated = seen.iter().position(|p| p.stage == Stage::Evaluating);
        assert_eq!(first_evaluated, Some(reading.len()));

        let files = report.summary.files;
        assert!(files > 20, "{files}");
        assert!(reading.iter().all(|p| p.total == files && p.done <= files));
        assert_eq!(reading.iter().map(|p| p.done).max(), Some(files));
        // Each report is a step of its own (several files at once when a
        // plan or caller read them), never the same count twice.
        let mut done: Vec<usize> = reading.iter().map(|p| p.done).collect();
        done.sort_unstable();
        done.dedup();
        assert_eq!(done.len(), reading.len());

        // One report per resource, counting 1 to the summary's resources.
        let resources = report.summary.resources;
        assert!(resources > 20, "{resources}");
        assert!(evaluating.iter().all(|p| p.total == resources));
        let mut done: Vec<usize> = evaluating.iter().map(|p| p.done).collect();
        done.sort_unstable();
        assert_eq!(done, (1..=resources).collect::<Vec<_>>());
    }

    #[test]
    fn a_scan_without_an_observer_reports_nothing_and_counts_the_same() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let options = ScanOptions {
            paths: vec![root.join("testdata/examples/mixed")],
            base_dir: root,
            ..ScanOptions::default()
        };
        let quiet = scan(&options).expect("scans");
        let counted = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&counted);
        let observed = scan(&ScanOptions {
            progress: Some(ProgressObserver::new(move |_| {
                count.fetch_add(1, Ordering::Relaxed);
            })),
            ..options
        })
        .expect("scans");
        assert_eq!(quiet.summary.files, observed.summary.files);
        assert_eq!(quiet.summary.resources, observed.summary.resources);
        // One file per report here (a .tf root of one file, a manifest),
        // and one report per resource.
        assert_eq!(
            counted.load(Ordering::Relaxed),
            observed.summary.files + observed.summary.resources
        );
        assert_eq!(observed.summary.files, 2);
    }
}
