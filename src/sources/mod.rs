//! Sources: finding input files under the scan paths and reading them into
//! resources. Each format has its own module; none knows about policies.

pub mod kubernetes;
pub mod kustomize;
pub mod plan;
pub mod snapshot;
pub mod template;
pub mod terraform;
pub mod yaml;

use crate::model::{Diagnostic, Location, Resource};
use crate::ScanError;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use terraform::variables::CommandLineInput;

/// One input file's text and the path shown to users.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub display: std::sync::Arc<str>,
    pub text: String,
}

/// Input files found under the scan paths, grouped as their loaders need them.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Terraform modules: a directory and its `.tf` files, sorted.
    pub terraform_modules: BTreeMap<PathBuf, Vec<PathBuf>>,
    /// Variable files Terraform loads automatically, per directory, in
    /// precedence order (lowest first).
    pub tfvars: BTreeMap<PathBuf, Vec<PathBuf>>,
    /// JSON files: Terraform plans and Kubernetes objects are recognised by
    /// content when loading.
    pub json: Vec<PathBuf>,
    /// YAML files: Kubernetes manifests are recognised by content.
    pub yaml: Vec<PathBuf>,
    /// Files named on the command line: a broken document in one is
    /// reported even when no Kubernetes object was found in it.
    pub explicit: BTreeSet<PathBuf>,
    /// Manifests piped in (`copguard scan -`), as read.
    pub stdin: Option<Vec<u8>>,
    /// Notes from discovery (a Helm chart's templates are not read).
    pub diagnostics: Vec<Diagnostic>,
    /// The patch files that kustomizations list (canonical paths), each
    /// with the kustomization file that lists it first: skipped with a note.
    pub kustomize_patches: BTreeMap<PathBuf, PathBuf>,
    /// YAML files in Helm charts' `templates/` directories: not read.
    pub chart_templates: usize,
}

/// How standard input is named in reports.
pub const STDIN: &str = "<stdin>";

impl Discovered {
    pub fn file_count(&self) -> usize {
        self.files().count() + usize::from(self.stdin.is_some())
    }

    /// Every file found: the Terraform files of each module, then JSON,
    /// then YAML (standard input is not a file).
    pub fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.terraform_modules
            .values()
            .flatten()
            .chain(&self.json)
            .chain(&self.yaml)
    }
}

/// Walks `paths` for input files. Hidden directories (`.git`, `.terraform`)
/// are skipped, and symbolic links are not followed, so a scan never leaves
/// the tree it was given. A path that does not exist is an error.
pub fn discover(
    paths: &[PathBuf],
    exclude: &crate::config::Exclude,
) -> Result<Discovered, ScanError> {
    let mut found = Discovered::default();
    for root in paths {
        let metadata = std::fs::metadata(root).map_err(|source| ScanError::Path {
            path: root.clone(),
            source,
        })?;
        if metadata.is_file() {
            // A file named on the command line is scanned whatever its name,
            // unless the kustomization beside it lists it as a patch.
            if let Some(dir) = root.parent() {
                for name in kustomize::FILE_NAMES {
                    let kustomization = dir.join(name);
                    if kustomization.is_file() {
                        add_kustomization(&mut found, &kustomization);
                    }
                }
            }
            found.explicit.insert(root.clone());
            if is_json(root) {
                found.json.push(root.clone());
            } else if is_yaml(root) {
                found.yaml.push(root.clone());
            } else {
                add_file(&mut found, root.clone());
            }
            continue;
        }
        let mut charts = Vec::new();
        let exclude = exclude.clone();
        let walker = ignore::WalkBuilder::new(root)
            .standard_filters(false)
            .hidden(true)
            .follow_links(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .filter_entry(move |entry| {
                !is_chart_templates(entry.path()) && !exclude.matches(entry.path())
            })
            .build();
        for entry in walker {
            let entry = entry.map_err(|error| ScanError::Walk {
                path: root.clone(),
                message: error.to_string(),
            })?;
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            if entry.file_name() == "Chart.yaml" {
                charts.push(
                    entry
                        .path()
                        .parent()
                        .map(Path::to_path_buf)
                        .unwrap_or_default(),
                );
            }
            if kustomize::is_kustomization(entry.path()) {
                add_kustomization(&mut found, entry.path());
            }
            if is_terraform(entry.path()) {
                add_file(&mut found, entry.into_path());
            } else if is_yaml(entry.path()) {
                found.yaml.push(entry.into_path());
            } else if is_json(entry.path()) && auto_tfvars_rank(entry.path()).is_none() {
                found.json.push(entry.into_path());
            } else if auto_tfvars_rank(entry.path()).is_some() {
                let dir = entry
                    .path()
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                found.tfvars.entry(dir).or_default().push(entry.into_path());
            }
        }
        for chart in charts {
            let shown = chart.display();
            let templates = chart_template_files(&chart);
            found.chart_templates += templates;
            found.diagnostics.push(Diagnostic {
                level: crate::model::DiagnosticLevel::Note,
                message: format!(
                    "{shown} is a Helm chart: its templates ({templates} YAML {}) were not read; render it to scan it: helm template {shown} | copguard scan -",
                    if templates == 1 { "file" } else { "files" }
                ),
                location: None,
            });
        }
    }
    for files in found.terraform_modules.values_mut() {
        files.sort();
        files.dedup();
    }
    for files in found.tfvars.values_mut() {
        files.sort_by_key(|path| (auto_tfvars_rank(path), path.clone()));
        files.dedup();
    }
    Ok(found)
}

/// Precedence of a variables file Terraform loads by itself: `terraform.tfvars`,
/// then `terraform.tfvars.json`, then `*.auto.tfvars(.json)` by name.
fn auto_tfvars_rank(path: &Path) -> Option<u8> {
    let name = path.file_name()?.to_str()?;
    match name {
        "terraform.tfvars" => Some(0),
        "terraform.tfvars.json" => Some(1),
        _ if name.ends_with(".auto.tfvars") || name.ends_with(".auto.tfvars.json") => Some(2),
        _ => None,
    }
}

fn is_terraform(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "tf")
}

fn is_json(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "json")
}

fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext == "yaml" || ext == "yml")
}

/// A Helm chart's `templates/` directory: Go templates, not YAML, until
/// rendered.
fn is_chart_templates(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name == "templates")
        && path
            .parent()
            .is_some_and(|chart| chart.join("Chart.yaml").is_file())
}

/// The YAML files below a chart's `templates/`, as the walk would have
/// found them.
fn chart_template_files(chart: &Path) -> usize {
    ignore::WalkBuilder::new(chart.join("templates"))
        .standard_filters(false)
        .hidden(true)
        .follow_links(false)
        .build()
        .flatten()
        .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()) && is_yaml(entry.path()))
        .count()
}

/// Notes the patch files a kustomization lists. One that cannot be read or
/// parsed lists none: it is kustomize's to report.
fn add_kustomization(found: &mut Discovered, kustomization: &Path) {
    let Ok(text) = std::fs::read_to_string(kustomization) else {
        return;
    };
    let dir = kustomization.parent().unwrap_or(Path::new(""));
    for file in kustomize::patch_files(&text) {
        if let Ok(patch) = std::fs::canonicalize(dir.join(file)) {
            found
                .kustomize_patches
                .entry(patch)
                .or_insert_with(|| kustomization.to_path_buf());
        }
    }
}

fn add_file(found: &mut Discovered, path: PathBuf) {
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    found.terraform_modules.entry(dir).or_default().push(path);
}

/// The path shown to users: relative to `base` (already canonical) with `/`
/// separators when the file is below it, otherwise as given.
pub fn display_path(path: &Path, canonical_base: &Path) -> String {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let shown = absolute.strip_prefix(canonical_base).unwrap_or(path);
    let joined = shown
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    // The root component is itself "/": `/` + `/` + `tmp` would be "//tmp".
    match joined.strip_prefix("//") {
        Some(rest) => format!("/{rest}"),
        None => joined,
    }
}

/// Reads a file as UTF-8 text (a leading byte-order mark is dropped). A file
/// that cannot be read or is not UTF-8 becomes a diagnostic.
pub fn read_source(path: &Path, display: String) -> Result<SourceFile, Diagnostic> {
    let display: std::sync::Arc<str> = display.into();
    let bytes = std::fs::read(path).map_err(|error| {
        Diagnostic::error(
            format!("cannot read file: {error}"),
            Some(Location::file_start(&display)),
        )
    })?;
    decode_source(bytes, display)
}

/// Text from bytes as `read_source` takes it: UTF-8, a leading byte-order
/// mark dropped; otherwise a diagnostic at the first invalid byte.
pub fn decode_source(
    bytes: Vec<u8>,
    display: std::sync::Arc<str>,
) -> Result<SourceFile, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let lines = crate::model::LineIndex::new(&prefix);
            let location = lines.location(&display, valid..valid);
            return Err(Diagnostic::error(
                format!(
                    "file is not valid UTF-8 (invalid byte at offset {valid}); it was not scanned"
                ),
                Some(location),
            ));
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(SourceFile { display, text })
}

/// Finds members of generated JSON (plans, snapshots) by their text, so a
/// resource can point at its line without a span-keeping JSON parser.
pub(crate) struct JsonLocator<'a> {
    file: &'a SourceFile,
    lines: crate::model::LineIndex<'a>,
    section_start: usize,
}

impl<'a> JsonLocator<'a> {
    /// Searches only after the first occurrence of `section` (a quoted
    /// member name), or the whole file when it is absent.
    pub(crate) fn new(file: &'a SourceFile, section: &str) -> Self {
        JsonLocator {
            file,
            lines: crate::model::LineIndex::new(&file.text),
            section_start: file.text.find(section).unwrap_or(0),
        }
    }

    /// Where the section starts (its member name), or the file's start.
    pub(crate) fn section(&self) -> Location {
        let start = self.section_start;
        self.lines.location(&self.file.display, start..start)
    }

    /// The first `"key": value` (pretty or compact) in the section, or the
    /// file's start.
    pub(crate) fn locate(&self, key: &str, value: &str) -> Location {
        let needle = format!(
            "{}: {}",
            serde_json::to_string(key).unwrap_or_default(),
            serde_json::to_string(value).unwrap_or_default()
        );
        let compact = needle.replacen(": ", ":", 1);
        let text = &self.file.text[self.section_start..];
        let found = text
            .find(&needle)
            .map(|at| (at, needle.len()))
            .or_else(|| text.find(&compact).map(|at| (at, compact.len())));
        match found {
            Some((offset, len)) => {
                let start = self.section_start + offset;
                self.lines.location(&self.file.display, start..start + len)
            }
            None => Location::file_start(&self.file.display),
        }
    }
}

/// Everything the sources produced.
#[derive(Default)]
pub struct Loaded {
    pub resources: Vec<Resource>,
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    /// Files not scanned because they are templates or patches (see
    /// [`crate::report::Summary::skipped`]).
    pub skipped: usize,
}

/// The note for a kustomize patch, skipped.
fn patch_note(shown: &std::sync::Arc<str>, kustomization: &Path, base: &Path) -> Diagnostic {
    let listed_by = display_path(kustomization, base);
    let dir = kustomization
        .parent()
        .map(|dir| display_path(dir, base))
        .filter(|dir| !dir.is_empty())
        .unwrap_or_else(|| ".".to_string());
    Diagnostic {
        level: crate::model::DiagnosticLevel::Note,
        message: format!(
            "a kustomize patch ({listed_by} lists it), not a whole object: not scanned; scan what kustomize builds: kustomize build {dir} | copguard scan -"
        ),
        location: Some(Location::file_start(shown)),
    }
}

/// The note for a YAML file that is a Go template, skipped, at its first
/// template action.
fn template_note(file: &SourceFile, at: usize) -> Diagnostic {
    let lines = crate::model::LineIndex::new(&file.text);
    Diagnostic {
        level: crate::model::DiagnosticLevel::Note,
        message: "a Go template, not YAML: a template action ({{ ... }}) stands where YAML expects a value; not scanned; render it and scan the output: helm template <chart> | copguard scan - (or the tool the template is for). If the {{ is text, quote the value and the file is scanned".to_string(),
        location: Some(lines.location(&file.display, at..at + 2)),
    }
}

/// The Kubernetes objects of a YAML or JSON file; nothing (and no noise)
/// when it holds none.
/// `skip` counts a file whose every object-like document is not an
/// object (a tool's configuration, a delete patch).
fn load_manifest(
    file: &SourceFile,
    scopes: &(dyn kubernetes::Scopes + Sync),
    explicit: bool,
    skip: &(dyn Fn() + Sync),
) -> (Vec<Resource>, Vec<Diagnostic>) {
    if !explicit && !kubernetes::may_hold_objects(&file.text) {
        return (Vec::new(), Vec::new());
    }
    let loaded = kubernetes::load(file, scopes, explicit);
    if loaded.skipped > 0 && loaded.resources.is_empty() {
        skip();
    }
    (loaded.resources, loaded.diagnostics)
}

/// Variable values from outside the files: environment and command line.
#[derive(Debug, Clone, Default)]
pub struct Variables {
    /// Where the configuration of a plan is, when not beside the plan.
    pub plan_source: Option<PathBuf>,
    pub environment: Vec<(String, String)>,
    /// `--var-file` and `--var`, in command-line order.
    pub command_line: Vec<terraform::variables::CommandLineInput<PathBuf>>,
}

/// Reads and loads every discovered input, in parallel per module. Output
/// order depends only on the input, never on thread scheduling. `read(n)`
/// is called as each `n` files are done (from worker threads); the calls
/// add up to [`Discovered::file_count`].
pub fn load(
    discovered: &Discovered,
    base: &Path,
    variables: &Variables,
    scopes: &(dyn kubernetes::Scopes + Sync),
    download: Option<&terraform::download::Downloader>,
    read: &(dyn Fn(usize) + Sync),
) -> Loaded {
    let base = std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
    let base = base.as_path();
    let mut diagnostics = discovered.diagnostics.clone();
    let skipped = std::sync::atomic::AtomicUsize::new(discovered.chart_templates);
    let skip = || {
        skipped.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    };
    // The kustomization that lists a file as a patch.
    let patch_of = |path: &Path| -> Option<&PathBuf> {
        if discovered.kustomize_patches.is_empty() {
            return None;
        }
        let canonical = std::fs::canonicalize(path).ok()?;
        discovered.kustomize_patches.get(&canonical)
    };
    let inputs = terraform::variables::VariableInputs {
        environment: variables.environment.clone(),
        command_line: variables
            .command_line
            .iter()
            .filter_map(|input| match input {
                CommandLineInput::File(path) => read_source(path, display_path(path, base))
                    .map(CommandLineInput::File)
                    .map_err(|d| diagnostics.push(d))
                    .ok(),
                CommandLineInput::Var(name, value) => {
                    Some(CommandLineInput::Var(name.clone(), value.clone()))
                }
            })
            .collect(),
    };
    let read_files = |paths: &[PathBuf], diagnostics: &mut Vec<Diagnostic>| -> Vec<SourceFile> {
        paths
            .iter()
            .filter_map(|path| {
                read_source(path, display_path(path, base))
                    .map_err(|d| diagnostics.push(d))
                    .ok()
            })
            .collect()
    };
    let parse_cache = terraform::ParseCache::default();
    // Child modules are read by directory, wherever they are.
    let read_dir = |dir: &Path| -> (Vec<SourceFile>, Vec<Diagnostic>) {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.is_file() && is_terraform(p))
                    .collect()
            })
            .unwrap_or_default();
        paths.sort();
        let mut diagnostics = Vec::new();
        let files = read_files(&paths, &mut diagnostics);
        (files, diagnostics)
    };

    // Directories that a scanned directory calls as a local module are
    // loaded through their callers (with their arguments), not as roots.
    let modules: Vec<(&PathBuf, &Vec<PathBuf>)> = discovered.terraform_modules.iter().collect();
    let called: BTreeSet<PathBuf> = modules
        .par_iter()
        .flat_map_iter(|(dir, paths)| {
            let files = read_files(paths, &mut Vec::new());
            terraform::modules::local_module_dirs(dir, &files)
        })
        .collect();
    // Terraform plans and Kubernetes objects, recognised by content; other
    // JSON and YAML is not ours.
    let (snapshots, json): (Vec<SourceFile>, Vec<SourceFile>) = discovered
        .json
        .iter()
        .filter(|path| match patch_of(path) {
            Some(kustomization) => {
                skip();
                let shown = display_path(path, base).into();
                diagnostics.push(patch_note(&shown, kustomization, base));
                false
            }
            None => true,
        })
        .filter_map(|path| read_source(path, display_path(path, base)).ok())
        .partition(|file| snapshot::is_snapshot(&file.text));
    // JSON that is a patch or cannot be read is done with; the rest counts
    // as it is loaded.
    read(discovered.json.len() - snapshots.len() - json.len());
    let (plans, other_json): (Vec<SourceFile>, Vec<SourceFile>) =
        json.into_iter().partition(|file| plan::is_plan(&file.text));
    let explicit: BTreeSet<String> = discovered
        .explicit
        .iter()
        .map(|path| display_path(path, base))
        .collect();
    let load_yaml = |path: &PathBuf| -> (Vec<Resource>, Vec<Diagnostic>) {
        let shown: std::sync::Arc<str> = display_path(path, base).into();
        let explicit = discovered.explicit.contains(path);
        // kustomize's configuration, not an object.
        if kustomize::is_kustomization(path) {
            return (Vec::new(), Vec::new());
        }
        if let Some(kustomization) = patch_of(path) {
            skip();
            return (Vec::new(), vec![patch_note(&shown, kustomization, base)]);
        }
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) if explicit => {
                let location = Location::file_start(&shown);
                let message = format!("cannot read file: {error}");
                return (Vec::new(), vec![Diagnostic::error(message, Some(location))]);
            }
            Err(_) => return (Vec::new(), Vec::new()),
        };
        // YAML that cannot hold an object (a CI workflow) is not ours,
        // even when it is not UTF-8.
        if !explicit && !kubernetes::may_hold_objects(&String::from_utf8_lossy(&bytes)) {
            return (Vec::new(), Vec::new());
        }
        match decode_source(bytes, shown) {
            Ok(file) => match template::first_action(&file.text) {
                Some(at) => {
                    skip();
                    (Vec::new(), vec![template_note(&file, at)])
                }
                None => load_manifest(&file, scopes, explicit, &skip),
            },
            Err(diagnostic) => (Vec::new(), vec![diagnostic]),
        }
    };
    // Each file counts as read once it is loaded.
    let counted = |loaded: (Vec<Resource>, Vec<Diagnostic>)| {
        read(1);
        loaded
    };
    let manifest_results: Vec<(Vec<Resource>, Vec<Diagnostic>)> = discovered
        .yaml
        .par_iter()
        .map(|path| counted(load_yaml(path)))
        .chain(other_json.par_iter().map(|file| {
            counted(load_manifest(
                file,
                scopes,
                explicit.contains(&*file.display),
                &skip,
            ))
        }))
        .chain(snapshots.par_iter().map(|file| {
            let loaded = snapshot::load(file);
            counted((loaded.resources, loaded.diagnostics))
        }))
        .chain(discovered.stdin.par_iter().map(|bytes| {
            counted(match decode_source(bytes.clone(), STDIN.into()) {
                Ok(file) => match template::first_action(&file.text) {
                    Some(at) => {
                        skip();
                        (Vec::new(), vec![template_note(&file, at)])
                    }
                    None => load_manifest(&file, scopes, true, &skip),
                },
                Err(diagnostic) => (Vec::new(), vec![diagnostic]),
            })
        }))
        .collect();
    let plan_dir = |file: &SourceFile| -> PathBuf {
        let dir = variables.plan_source.clone().unwrap_or_else(|| {
            base.join(&*file.display)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default()
        });
        std::fs::canonicalize(&dir).unwrap_or(dir)
    };
    // A directory with a plan is scanned through the plan: its .tf files
    // only give the plan's resources their source locations.
    let planned: BTreeSet<PathBuf> = plans.iter().map(plan_dir).collect();
    let plan_results: Vec<(Vec<Resource>, Vec<Diagnostic>)> = plans
        .par_iter()
        .map(|file| {
            let dir = plan_dir(file);
            let (files, _) = read_dir(&dir);
            let mut config = terraform::LoadedModule::default();
            let context = terraform::modules::Context::root(&dir, &read_dir)
                .downloading(download)
                .caching(&parse_cache);
            let no_inputs = terraform::variables::VariableInputs::default();
            terraform::load_instance(
                &files,
                terraform::VariableSource::Root {
                    tfvars: &[],
                    inputs: &no_inputs,
                },
                &context,
                &mut config,
            );
            let loaded = plan::load(file, &config.resources);
            counted((loaded.resources, loaded.diagnostics))
        })
        .collect();

    let roots: Vec<(PathBuf, &Vec<PathBuf>)> = modules
        .iter()
        .map(|(dir, paths)| {
            (
                std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()),
                *paths,
            )
        })
        .filter(|(dir, _)| !called.contains(dir) && !planned.contains(dir))
        .collect();
    // The files of called modules and of plans' configurations are read
    // through their callers and plans: done with as roots.
    let terraform_files: usize = discovered.terraform_modules.values().map(Vec::len).sum();
    read(terraform_files.saturating_sub(roots.iter().map(|(_, paths)| paths.len()).sum()));

    let results: Vec<(Vec<Resource>, Vec<Diagnostic>)> = roots
        .par_iter()
        .map(|(dir, paths)| {
            let mut diagnostics = Vec::new();
            let files = read_files(paths, &mut diagnostics);
            let tfvars_paths = discovered
                .tfvars
                .iter()
                .find(|(d, _)| std::fs::canonicalize(d).ok().as_ref() == Some(dir))
                .map_or(&[][..], |(_, paths)| paths.as_slice());
            let tfvars = read_files(tfvars_paths, &mut diagnostics);
            let mut module = terraform::LoadedModule::default();
            let context = terraform::modules::Context::root(dir, &read_dir)
                .downloading(download)
                .caching(&parse_cache);
            terraform::load_instance(
                &files,
                terraform::VariableSource::Root {
                    tfvars: &tfvars,
                    inputs: &inputs,
                },
                &context,
                &mut module,
            );
            diagnostics.extend(module.diagnostics);
            let namespace: std::sync::Arc<str> = match display_path(dir, base) {
                shown if shown.is_empty() => ".".into(),
                shown => shown.into(),
            };
            for resource in &mut module.resources {
                resource.namespace = Some(namespace.clone());
            }
            read(paths.len());
            (module.resources, diagnostics)
        })
        .collect();
    let mut loaded = Loaded {
        files: discovered.file_count(),
        diagnostics,
        skipped: skipped.into_inner(),
        ..Loaded::default()
    };
    for (resources, diagnostics) in results
        .into_iter()
        .chain(plan_results)
        .chain(manifest_results)
    {
        loaded.resources.extend(resources);
        loaded.diagnostics.extend(diagnostics);
    }
    loaded
}
