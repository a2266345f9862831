//! Module calls: a `module` block loads another directory as a child module,
//! once per `count` / `for_each` instance, with its arguments as the child's
//! variables. Resources of the child are addressed `module.NAME[KEY].…`, and
//! keep their own file locations, so findings point into the module's files.
//!
//! Local sources (`./x`, `../x`) load from disk. Registry and git sources load
//! from where `terraform init` downloaded them (`.terraform/modules/modules.json`),
//! else, with `--download-modules`, from the module cache ([`super::download`]);
//! otherwise a note says they were not read and nothing is guessed. A local
//! source inside a downloaded module resolves within its package.

use super::eval::{Eval, ModuleOutputs, Scope, Trace};
use super::variables::VariableValue;
use super::{
    instances, label_text, load_instance, span_location, LoadedModule, ParsedFile, VariableSource,
};
use crate::model::{Diagnostic, DiagnosticLevel, Resource};
use crate::sources::SourceFile;
use hcl::edit::structure::Block;
use hcl::edit::Span;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Modules nested deeper than this are not loaded (and are reported).
pub const MAX_DEPTH: usize = 16;

/// The most module instances one root loads, all levels together: module
/// calls multiply (`count` at every level), so the budget is shared.
pub const MAX_MODULE_INSTANCES: usize = 2_000;

/// Arguments of a `module` block that are not the child's variables.
const META_ARGUMENTS: &[&str] = &[
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

/// Reads the `.tf` files of a directory.
pub type ReadDir<'a> = &'a (dyn Fn(&Path) -> (Vec<SourceFile>, Vec<Diagnostic>) + Sync);

/// Where in the module tree an instance is loaded.
#[derive(Clone)]
pub struct Context<'a> {
    /// The directory of the module being loaded; `None` when files were
    /// given without one (then child modules cannot be resolved).
    pub dir: Option<PathBuf>,
    /// Downloaded modules of the root (`modules.json`): key -> directory.
    pub downloaded: BTreeMap<String, PathBuf>,
    /// Address prefix of this instance's resources: `module.net["a"].`.
    pub prefix: String,
    /// `modules.json` key of this module: `net.subnets`.
    pub key: String,
    /// Directories being loaded, outermost first, to stop cycles.
    pub stack: Vec<PathBuf>,
    pub read: Option<ReadDir<'a>>,
    /// Parsed files shared by the scan's root modules, when there is one.
    pub parse_cache: Option<&'a super::ParseCache>,
    /// Module instances this root may still load.
    pub budget: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    /// The region of each provider configuration this module sees.
    pub providers: super::providers::ProviderRegions,
    /// Fetches registry and git modules (`--download-modules`).
    pub download: Option<&'a super::download::Downloader>,
    /// The downloaded package this module is in: its local sources must
    /// stay inside it.
    pub package: Option<PathBuf>,
}

impl<'a> Context<'a> {
    /// No directory: files given directly.
    pub fn detached() -> Context<'a> {
        Context {
            dir: None,
            downloaded: BTreeMap::new(),
            prefix: String::new(),
            key: String::new(),
            stack: Vec::new(),
            read: None,
            parse_cache: None,
            budget: Default::default(),
            providers: Default::default(),
            download: None,
            package: None,
        }
    }

    /// A root module in `dir`, reading directories with `read`.
    pub fn root(dir: &Path, read: ReadDir<'a>) -> Context<'a> {
        Context {
            dir: Some(dir.to_path_buf()),
            downloaded: downloaded_modules(dir),
            prefix: String::new(),
            key: String::new(),
            stack: vec![dir.to_path_buf()],
            read: Some(read),
            parse_cache: None,
            budget: std::sync::Arc::new(MAX_MODULE_INSTANCES.into()),
            providers: Default::default(),
            download: None,
            package: None,
        }
    }

    /// Parses through `cache`, shared with the scan's other root modules.
    pub fn caching(mut self, cache: &'a super::ParseCache) -> Self {
        self.parse_cache = Some(cache);
        self
    }

    /// Downloads the registry and git modules that were not downloaded by
    /// `terraform init`.
    pub fn downloading(mut self, download: Option<&'a super::download::Downloader>) -> Self {
        self.download = download;
        self
    }

    /// Puts a resource of this instance under its module address (its
    /// references are full addresses already).
    pub fn prefix_address(&self, resource: &mut Resource) {
        if !self.prefix.is_empty() {
            resource.address = format!("{}{}", self.prefix, resource.address);
        }
    }
}

/// `.terraform/modules/modules.json` of a root module: key -> directory.
fn downloaded_modules(root: &Path) -> BTreeMap<String, PathBuf> {
    #[derive(serde::Deserialize)]
    struct Manifest {
        #[serde(rename = "Modules", default)]
        modules: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        #[serde(rename = "Key")]
        key: String,
        #[serde(rename = "Dir")]
        dir: String,
    }
    let path = root.join(".terraform/modules/modules.json");
    let Ok(text) = std::fs::read_to_string(path) else {
        return BTreeMap::new();
    };
    let Ok(manifest) = serde_json::from_str::<Manifest>(&text) else {
        return BTreeMap::new();
    };
    manifest
        .modules
        .into_iter()
        .filter(|e| !e.key.is_empty())
        .map(|e| (e.key, root.join(e.dir)))
        .collect()
}

/// Whether a module source is a local path.
pub fn is_local_source(source: &str) -> bool {
    source.starts_with("./") || source.starts_with("../")
}

/// The directories a module's files call as local modules: these are not
/// scanned as roots of their own. A file it parses is parsed again when
/// its module is loaded: keeping the parsed files for the loader instead
/// raised the public corpus's peak memory by 22 MB (every one held until
/// its root is loaded) and saved no measurable time once only files that
/// may call a local module are parsed here (BENCHMARKS.md, third round).
pub fn local_module_dirs(dir: &Path, files: &[SourceFile]) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    for file in files {
        if !may_call_local_module(&file.text) {
            continue;
        }
        let Ok((body, _)) = super::parse::parse_body(&file.text) else {
            continue;
        };
        for block in body.get_blocks("module") {
            let source = block
                .body
                .get_attribute("source")
                .and_then(|a| match &a.value {
                    hcl::edit::expr::Expression::String(s) => Some(s.value().clone()),
                    _ => None,
                });
            if let Some(source) = source.filter(|s| is_local_source(s)) {
                if let Ok(child) = std::fs::canonicalize(dir.join(source)) {
                    dirs.push(child);
                }
            }
        }
    }
    dirs
}

/// Whether a file's text may hold a `module` block with a local source:
/// the word `module`, and a string that starts `./` or `../` (or an
/// escape, which could spell one). Most files that call a module call one
/// from a registry (every component of terraform-aws-components has its
/// `context.tf`, 1,841 of the public corpus's 2,981 `.tf` files mention
/// `module`, 451 may call a local one): the pre-pass parses only these.
fn may_call_local_module(text: &str) -> bool {
    text.contains("module")
        && (text.contains("\"./") || text.contains("\"../") || text.contains("\\u"))
}

/// Loads every instance of the child module `block` calls, and makes its
/// outputs visible to `scope` as `module.NAME`.
pub(crate) fn load_child(
    file: &ParsedFile,
    block: &Block,
    scope: &Scope,
    context: &Context,
    caller_variables: &BTreeMap<String, VariableValue>,
    out: &mut LoadedModule,
) {
    let [label] = block.labels.as_slice() else {
        return;
    };
    let name = label_text(label).to_string();
    let location = span_location(file, block.span());
    let note = |out: &mut LoadedModule, level: DiagnosticLevel, message: String| {
        out.diagnostics.push(Diagnostic {
            level,
            message,
            location: location.clone(),
        });
    };
    let source = match block
        .body
        .get_attribute("source")
        .map(|a| scope.eval(&a.value, &mut Trace::default()))
    {
        Some(Eval::String(source)) => source,
        _ => {
            note(
                out,
                DiagnosticLevel::Error,
                format!("module \"{name}\" needs a literal source"),
            );
            return;
        }
    };
    let key = if context.key.is_empty() {
        name.clone()
    } else {
        format!("{}.{name}", context.key)
    };
    let mut package = context.package.clone();
    let dir = if is_local_source(&source) {
        let Some(parent) = &context.dir else { return };
        match std::fs::canonicalize(parent.join(&source)) {
            Ok(dir) if package.as_ref().is_some_and(|p| !dir.starts_with(p)) => {
                note(
                    out,
                    DiagnosticLevel::Error,
                    format!("module \"{name}\": source {source} leaves the downloaded module it is in; it is not scanned"),
                );
                return;
            }
            Ok(dir) => dir,
            Err(error) => {
                note(
                    out,
                    DiagnosticLevel::Error,
                    format!("module \"{name}\": source {source} cannot be read: {error}"),
                );
                return;
            }
        }
    } else if let Some(dir) = context.downloaded.get(&key) {
        dir.clone()
    } else if let Some(download) = context.download {
        let version = match block
            .body
            .get_attribute("version")
            .map(|a| scope.eval(&a.value, &mut Trace::default()))
        {
            None => None,
            Some(Eval::String(version)) => Some(version),
            Some(_) => {
                note(
                    out,
                    DiagnosticLevel::Error,
                    format!("module \"{name}\" needs a literal version to be downloaded; its resources are not scanned"),
                );
                return;
            }
        };
        match download.module(&source, version.as_deref()) {
            Ok(fetched) => {
                package = Some(fetched.package);
                fetched.dir
            }
            Err(error) => {
                note(
                    out,
                    DiagnosticLevel::Error,
                    format!("module \"{name}\" ({source}) could not be downloaded, so its resources are not scanned: {error}"),
                );
                return;
            }
        }
    } else {
        note(
            out,
            DiagnosticLevel::Note,
            format!("module \"{name}\" ({source}) is not downloaded, so its resources are not scanned; run terraform init, or scan with --download-modules"),
        );
        return;
    };
    if context.stack.len() > MAX_DEPTH {
        note(
            out,
            DiagnosticLevel::Warning,
            format!("module \"{name}\" is nested more than {MAX_DEPTH} deep; it is not scanned"),
        );
        return;
    }
    if context.stack.contains(&dir) {
        note(
            out,
            DiagnosticLevel::Warning,
            format!(
                "module \"{name}\" calls itself through {}; it is not scanned again",
                dir.display()
            ),
        );
        return;
    }
    let Some(read) = context.read else { return };
    let (files, diagnostics) = read(&dir);
    out.diagnostics.extend(diagnostics);

    let has_count = block.body.get_attribute("count").is_some();
    let has_for_each = block.body.get_attribute("for_each").is_some();
    let mut list = Vec::new();
    let mut by_key = BTreeMap::new();
    let mut single = Eval::Unknown;
    let mut references: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut unset_inputs: BTreeMap<String, std::collections::BTreeSet<crate::model::ValueOrigin>> =
        BTreeMap::new();
    let mut instance_list = instances(file, block, scope, &mut out.diagnostics);
    let wanted = instance_list.len();
    let granted = context
        .budget
        .fetch_update(
            std::sync::atomic::Ordering::Relaxed,
            std::sync::atomic::Ordering::Relaxed,
            |left| Some(left.saturating_sub(wanted)),
        )
        .map_or(0, |left| left.min(wanted));
    if granted < wanted {
        note(
            out,
            DiagnosticLevel::Warning,
            format!("module \"{name}\": more than {MAX_MODULE_INSTANCES} module instances in this configuration; {} of its instances are not scanned", wanted - granted),
        );
        instance_list.truncate(granted);
    }
    let all_instances_known =
        !instance_list.iter().any(|(suffix, _)| suffix.is_empty()) || !(has_count || has_for_each);
    for (suffix, names) in instance_list {
        let arguments = scope.with_bindings(names.clone(), |scope| {
            arguments(file, block, scope, &context.prefix, caller_variables)
        });
        let mut stack = context.stack.clone();
        stack.push(dir.clone());
        let child = Context {
            dir: Some(dir.clone()),
            downloaded: context.downloaded.clone(),
            prefix: format!("{}module.{name}{suffix}.", context.prefix),
            key: key.clone(),
            stack,
            read: context.read,
            parse_cache: context.parse_cache,
            budget: context.budget.clone(),
            providers: super::providers::child_regions(block, &context.providers),
            download: context.download,
            package: package.clone(),
        };
        let outputs = load_instance(&files, VariableSource::Child(arguments), &child, out);
        // The caller sees the child's resources under `module.NAME[KEY].`.
        for (output, refs) in outputs.references {
            references.entry(output).or_default().extend(
                refs.into_iter()
                    .map(|r| format!("module.{name}{suffix}.{r}")),
            );
        }
        for (output, inputs) in outputs.unset_inputs {
            unset_inputs.entry(output).or_default().extend(inputs);
        }
        let outputs = outputs.values;
        match names.first().map(|(bound, value)| (bound.as_str(), value)) {
            Some(("each", Eval::Object(each))) => {
                if let Some(k) = each.get("key").and_then(|k| k.to_template_string()) {
                    by_key.insert(k, outputs);
                }
            }
            Some(("count", _)) => list.push(outputs),
            _ => single = outputs,
        }
    }
    // An unknown count or for_each: how many instances, and so the outputs'
    // shape, is not known.
    let values = if !all_instances_known {
        Eval::Unknown
    } else if has_for_each {
        Eval::Object(by_key)
    } else if has_count {
        Eval::List(list)
    } else {
        single
    };
    scope.set_module_outputs(
        &name,
        ModuleOutputs {
            values,
            references,
            unset_inputs,
        },
    );
}

/// The child's variable values: the `module` block's arguments, evaluated
/// in the caller's scope, each located at its argument.
/// `prefix` is the calling module's address prefix: the references of the
/// arguments are made full addresses with it.
fn arguments(
    file: &ParsedFile,
    block: &Block,
    scope: &Scope,
    prefix: &str,
    caller_variables: &BTreeMap<String, VariableValue>,
) -> BTreeMap<String, VariableValue> {
    block
        .body
        .attributes()
        .filter(|attr| !META_ARGUMENTS.contains(&attr.key.value().as_str()))
        .map(|attr| {
            let location = span_location(file, attr.span());
            let origin = location.as_ref().map_or_else(
                || "a module argument".to_string(),
                |l| format!("the module argument at {l}"),
            );
            let mut trace = Trace::default();
            let value = scope.eval(&attr.value, &mut trace);
            let unset_input = !value.is_known()
                && (!trace.unset_inputs.is_empty()
                    || trace
                        .variables
                        .iter()
                        .any(|v| caller_variables.get(v).is_some_and(|c| c.unset_input)));
            // `x = var.x` only passes the caller's variable on: the value was
            // set where the caller's was (a tfvars line, a default, the
            // example's module block), which is the place to show.
            let (location, origin) =
                match pass_through(&attr.value).and_then(|name| caller_variables.get(name)) {
                    Some(caller) => (
                        caller.location.clone(),
                        match &location {
                            Some(l) => format!(
                                "{} (passed on by the module argument at {l})",
                                caller.origin
                            ),
                            None => caller.origin.clone(),
                        },
                    ),
                    None => (location, origin),
                };
            let unloaded_modules = if value.is_known() {
                Vec::new()
            } else {
                trace.unloaded_modules_under(prefix, caller_variables)
            };
            (
                attr.key.value().as_str().to_string(),
                VariableValue {
                    value,
                    location,
                    origin,
                    unloaded_modules,
                    references: trace
                        .references
                        .into_iter()
                        .map(|target| format!("{prefix}{target}"))
                        .collect(),
                    unset_input,
                },
            )
        })
        .collect()
}

/// The caller's variable an argument only passes on (`x = var.x`), if so.
fn pass_through(expr: &hcl::edit::expr::Expression) -> Option<&str> {
    use hcl::edit::expr::{Expression, TraversalOperator};
    let Expression::Traversal(traversal) = expr else {
        return None;
    };
    let Expression::Variable(root) = &traversal.expr else {
        return None;
    };
    match traversal.operators.as_slice() {
        [operator] if root.value().as_str() == "var" => match operator.value() {
            TraversalOperator::GetAttr(name) => Some(name.value().as_str()),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::may_call_local_module as may;

    #[test]
    fn the_pre_pass_parses_only_files_that_may_call_a_local_module() {
        assert!(may("module \"net\" {\n  source = \"./net\"\n}\n"));
        assert!(may("module \"all\" {\n  source = \"../../\"\n}\n"));
        assert!(may("module \"odd\" {\n  source = \"\\u002e/net\"\n}\n"));
        assert!(!may(
            "module \"label\" {\n  source = \"cloudposse/label/null\"\n}\n"
        ));
        assert!(!may(
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"./x\"\n}\n"
        ));
    }
}
