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
use std::time::Instant;

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
    let loaded = sources::load(
        &discovered,
        &options.base_dir,
        &options.variables,
        normaliser.kubernetes(),
        downloader.as_ref(),
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
    let mut evaluated = policy::eval::evaluate(&registry, &graph);
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
