//! Terraform HCL source: parses every `.tf` file of a module directory with
//! hcl-edit (which keeps byte spans), evaluates what it can statically
//! (`eval`), and turns each `resource` block into a `Resource` whose
//! attributes and nested blocks all carry their source location.

mod data_sources;
pub mod download;
pub mod eval;
mod functions;
pub mod modules;
pub mod parse;
mod providers;
pub mod variables;

use self::eval::{DataSource, Eval, ModuleOutputs, ResourceArguments, Scope, Trace};
use self::variables::{VariableInputs, VariableValue};
use super::SourceFile;
use crate::attr_path::{join_index, join_key};
use crate::model::{
    Diagnostic, LineIndex, Location, Reference, Resource, Suppression, ValueOrigin,
};
use hcl::edit::expr::Expression;
use hcl::edit::structure::{Block, BlockLabel, Body, Structure};
use hcl::edit::Span;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Resource arguments that configure Terraform itself, not the resource.
/// How many times data sources are evaluated again while one makes another
/// known (a chain of documents merging documents).
const MAX_DATA_PASSES: usize = 4;

const META_ARGUMENTS: &[&str] = &["count", "for_each", "depends_on", "provider"];
const META_BLOCKS: &[&str] = &["lifecycle", "provisioner", "connection"];

/// What loading one module produced.
#[derive(Default)]
pub struct LoadedModule {
    pub resources: Vec<Resource>,
    pub diagnostics: Vec<Diagnostic>,
}

pub(crate) struct ParsedFile<'a> {
    file: &'a SourceFile,
    body: std::sync::Arc<Body>,
    lines: LineIndex<'a>,
    /// `# copguard:ignore` comments, by 1-based line.
    suppressions: Vec<(usize, Suppression)>,
}

type ParseResult = Result<(std::sync::Arc<Body>, Vec<parse::Note>), parse::ParseError>;

/// Files parsed once per scan and shared by every root module that loads
/// them: in a module repository each example calls the same module files
/// (terraform-aws-security-group: 548 files read 1,246 times), and parsing
/// was most of the loading time.
#[derive(Default)]
pub struct ParseCache(
    std::sync::Mutex<std::collections::HashMap<std::sync::Arc<str>, (u64, ParseResult)>>,
);

impl ParseCache {
    fn parse(&self, file: &SourceFile) -> ParseResult {
        use std::hash::{Hash, Hasher};
        // The text is part of the key: a path read twice is the same file
        // only if it says the same thing.
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        file.text.hash(&mut hasher);
        let hash = hasher.finish();
        let cached = self.0.lock().ok().and_then(|cache| {
            cache
                .get(&file.display)
                .filter(|(h, _)| *h == hash)
                .map(|(_, result)| result.clone())
        });
        if let Some(result) = cached {
            return result;
        }
        // Parsed outside the lock: other threads go on meanwhile.
        let result: ParseResult =
            parse::parse_body(&file.text).map(|(body, notes)| (body.into(), notes));
        if let Ok(mut cache) = self.0.lock() {
            cache.insert(file.display.clone(), (hash, result.clone()));
        }
        result
    }
}

/// The comment that suppresses rules in Terraform, after `#` or `//`.
const IGNORE_COMMENT: &str = "copguard:ignore";

/// The `# copguard:ignore <rule-id>[,<rule-id>] <reason>` (or `//`)
/// comments of a file, each with its line; a warning for one without a
/// reason (still honoured) or without rule ids (ignored).
fn inline_suppressions(
    file: &SourceFile,
    lines: &LineIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(usize, Suppression)> {
    let mut found = Vec::new();
    if !file.text.contains(IGNORE_COMMENT) {
        return found;
    }
    let mut offset = 0;
    for (index, line) in file.text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let Some(at) = line.find(IGNORE_COMMENT) else {
            continue;
        };
        let before = line[..at].trim_end();
        if !(before.ends_with('#') || before.ends_with("//")) {
            continue;
        }
        let location = lines.location(&file.display, start + at..start + line.trim_end().len());
        let (rules, reason) =
            crate::normalise::kubernetes::parse_ignore(&line[at + IGNORE_COMMENT.len()..]);
        if rules.is_empty() {
            diagnostics.push(Diagnostic::warning(
                "copguard:ignore names no rule id; write `# copguard:ignore <rule-id>[,<rule-id>] <reason>`",
                Some(location),
            ));
            continue;
        }
        let reason = reason.trim().to_string();
        if reason.is_empty() {
            diagnostics.push(Diagnostic::warning(
                format!(
                    "copguard:ignore suppresses {} without a reason; write the reason after the rule ids",
                    rules.join(",")
                ),
                Some(location.clone()),
            ));
        }
        found.push((
            index + 1,
            Suppression {
                rules,
                justification: reason,
                location,
            },
        ));
    }
    found
}

/// The suppressions that apply to a block spanning `location`: those
/// written inside it, or in the comment lines right above it.
fn block_suppressions(file: &ParsedFile, location: &Location) -> Vec<Suppression> {
    if file.suppressions.is_empty() {
        return Vec::new();
    }
    let lines: Vec<&str> = file.file.text.lines().collect();
    let only_comments_between = |from: usize, to: usize| {
        (from..to).all(|line| {
            let text = lines.get(line - 1).map_or("", |l| l.trim_start());
            text.starts_with('#') || text.starts_with("//")
        })
    };
    file.suppressions
        .iter()
        .filter(|(line, _)| {
            let (start, end) = (location.start_line as usize, location.end_line as usize);
            (start..=end).contains(line) || (*line < start && only_comments_between(*line, start))
        })
        .map(|(_, suppression)| suppression.clone())
        .collect()
}

/// Loads a module's files with no variable values from outside them, and
/// no child modules (they need a directory to be found from).
pub fn load_module(files: &[SourceFile]) -> LoadedModule {
    load_module_with(files, &[], &VariableInputs::default())
}

/// Loads one root module's files: `tfvars` are its directory's automatically
/// loaded variable files (in precedence order). No child modules.
pub fn load_module_with(
    files: &[SourceFile],
    tfvars: &[SourceFile],
    inputs: &VariableInputs,
) -> LoadedModule {
    let mut out = LoadedModule::default();
    let context = modules::Context::detached();
    load_instance(
        files,
        VariableSource::Root { tfvars, inputs },
        &context,
        &mut out,
    );
    out
}

/// Where a module instance's variable values come from.
pub enum VariableSource<'a> {
    /// A root module: tfvars files and the user's inputs.
    Root {
        tfvars: &'a [SourceFile],
        inputs: &'a VariableInputs,
    },
    /// A child module: the arguments of the `module` block that calls it.
    Child(BTreeMap<String, VariableValue>),
}

/// Loads one instance of a module: its resources (addressed under the
/// context's prefix) go to `out`; returns its outputs, with references
/// relative to this module.
pub fn load_instance(
    files: &[SourceFile],
    variable_source: VariableSource,
    context: &modules::Context<'_>,
    out: &mut LoadedModule,
) -> ModuleOutputs {
    let mut parsed = Vec::new();
    for file in files {
        // Only a child module's files are kept: a module is what several
        // roots load (each example of a module repository); a root's own
        // files are parsed once, and keeping them all would hold every
        // parsed tree of a large scan in memory until loading ends.
        let result = match context.parse_cache.filter(|_| !context.prefix.is_empty()) {
            Some(cache) => cache.parse(file),
            None => parse::parse_body(&file.text).map(|(body, notes)| (body.into(), notes)),
        };
        match result {
            Ok((body, notes)) => {
                let lines = LineIndex::new(&file.text);
                out.diagnostics.extend(parse_notes(file, &lines, notes));
                let suppressions = inline_suppressions(file, &lines, &mut out.diagnostics);
                parsed.push(ParsedFile {
                    file,
                    body,
                    lines,
                    suppressions,
                })
            }
            Err(error) => out.diagnostics.push(parse_error(file, &error)),
        }
    }

    let variable_values = match variable_source {
        VariableSource::Root { tfvars, inputs } => {
            variables::resolve(&parsed, tfvars, inputs, &mut out.diagnostics)
        }
        VariableSource::Child(arguments) => {
            variables::resolve_child(&parsed, arguments, &mut out.diagnostics)
        }
    };
    let variables: BTreeMap<String, Eval> = variable_values
        .iter()
        .map(|(name, v)| (name.clone(), v.value.clone()))
        .collect();
    let locals = collect_locals(&parsed, &mut out.diagnostics);
    let module_path = match (&context.dir, context.stack.first()) {
        (Some(dir), Some(root)) => dir.strip_prefix(root).ok().map(|relative| {
            let relative = relative.to_string_lossy().replace('\\', "/");
            if relative.is_empty() {
                ".".to_string()
            } else {
                relative
            }
        }),
        _ => None,
    };
    let scope = Scope::new(&variables, &locals).with_module_path(module_path);
    let context = &modules::Context {
        providers: providers::module_regions(&parsed, &scope, &context.providers),
        ..context.clone()
    };

    // Data sources whose result the configuration determines. One may read
    // another (a document merging a source document), directly or through
    // a local, in any file order: evaluated again, with locals forgotten,
    // while that makes another known. Each one's notes are those of its
    // last evaluation.
    let data_blocks: Vec<(&ParsedFile, &Block, &str, &str)> = parsed
        .iter()
        .flat_map(|file| file.body.get_blocks("data").map(move |block| (file, block)))
        .filter_map(|(file, block)| match block.labels.as_slice() {
            [kind, name] => Some((file, block, label_text(kind), label_text(name))),
            _ => None,
        })
        .collect();
    let mut data_notes: Vec<Vec<Diagnostic>> = vec![Vec::new(); data_blocks.len()];
    let mut data_known = vec![false; data_blocks.len()];
    for _ in 0..MAX_DATA_PASSES {
        let mut progress = false;
        for (i, (file, block, kind, name)) in data_blocks.iter().enumerate() {
            if data_known[i] {
                continue;
            }
            let mut notes = Vec::new();
            let source = data_source(file, block, &scope, &variable_values, context, &mut notes);
            if source.value.is_some() {
                data_known[i] = true;
                progress = true;
            }
            scope.set_data_source(&format!("data.{kind}.{name}"), source);
            data_notes[i] = notes;
        }
        if !progress {
            break;
        }
        // Locals read before a data source became known are stale.
        scope.forget_locals();
        if data_known.iter().all(|known| *known) {
            break;
        }
    }
    out.diagnostics.extend(data_notes.into_iter().flatten());

    // What each resource block writes, for references to its arguments.
    for file in &parsed {
        for block in file.body.get_blocks("resource") {
            let [resource_type, name] = block.labels.as_slice() else {
                continue;
            };
            let arguments = block
                .body
                .iter()
                .filter_map(|structure| structure.as_attribute())
                .filter(|attr| !META_ARGUMENTS.contains(&attr.key.value().as_str()))
                .map(|attr| (attr.key.value().as_str().to_string(), &attr.value))
                .collect();
            scope.set_resource_arguments(
                &format!("{}.{}", label_text(resource_type), label_text(name)),
                ResourceArguments {
                    expanded: block.body.get_attribute("count").is_some()
                        || block.body.get_attribute("for_each").is_some(),
                    arguments,
                },
            );
        }
    }

    // The instances of blocks with count / for_each, for references to a
    // whole block (`for_each = aws_s3_bucket.b`). Twice, so that one block's
    // for_each over another's resolves whatever their order.
    for _ in 0..2 {
        for file in &parsed {
            for block in file.body.get_blocks("resource") {
                let [resource_type, name] = block.labels.as_slice() else {
                    continue;
                };
                if let Some(shape) = instance_shape(block, &scope) {
                    scope.set_resource_shape(
                        &format!("{}.{}", label_text(resource_type), label_text(name)),
                        shape,
                    );
                }
            }
        }
    }

    // Child modules first: this module's resources may use their outputs.
    // A module whose arguments read another's outputs after that one.
    for (file, block) in modules_in_dependency_order(&parsed) {
        modules::load_child(file, block, &scope, context, &variable_values, out);
    }

    for file in &parsed {
        for block in file.body.get_blocks("resource") {
            match block.labels.as_slice() {
                [resource_type, name] => {
                    for (suffix, names) in instances(file, block, &scope, &mut out.diagnostics) {
                        // The one instance of a count not known.
                        let unknown_count = suffix.is_empty().then(|| count_text(block)).flatten();
                        let (mut resource, diagnostics) = scope.with_bindings(names, |scope| {
                            scope.with_building_count(unknown_count, |scope| {
                                build_resource(
                                    file,
                                    block,
                                    label_text(resource_type),
                                    &format!("{}{suffix}", label_text(name)),
                                    scope,
                                    &variable_values,
                                    &context.prefix,
                                )
                            })
                        });
                        out.diagnostics.extend(diagnostics);
                        providers::apply_region(&mut resource, block, &context.providers);
                        context.prefix_address(&mut resource);
                        out.resources.push(resource);
                    }
                }
                _ => out.diagnostics.push(Diagnostic::error(
                    "resource block needs exactly two labels: type and name",
                    span_location(file, block.span()),
                )),
            }
        }
    }

    // Provider configurations, as resources of a synthetic type, so that
    // policies can read their arguments (a credential written in one).
    for file in &parsed {
        for block in file.body.get_blocks("provider") {
            let [label] = block.labels.as_slice() else {
                continue;
            };
            let (mut resource, diagnostics) = provider_resource(
                file,
                block,
                label_text(label),
                &scope,
                &variable_values,
                &context.prefix,
            );
            out.diagnostics.extend(diagnostics);
            context.prefix_address(&mut resource);
            out.resources.push(resource);
        }
    }

    for name in scope.cycles.borrow().iter() {
        let location = parsed.iter().find_map(|file| {
            file.body
                .get_blocks("locals")
                .find_map(|b| b.body.get_attribute(name))
                .map(|attr| span_location(file, attr.span()))
        });
        out.diagnostics.push(Diagnostic::warning(
            format!("local.{name} refers to itself through a cycle; its value is unknown"),
            location.flatten(),
        ));
    }

    let mut values = BTreeMap::new();
    let mut references = BTreeMap::new();
    let mut unset_inputs = BTreeMap::new();
    for file in &parsed {
        for block in file.body.get_blocks("output") {
            let ([label], Some(value)) =
                (block.labels.as_slice(), block.body.get_attribute("value"))
            else {
                continue;
            };
            let name = label_text(label).to_string();
            let mut trace = Trace::default();
            let value = scope.eval(&value.value, &mut trace);
            // What the caller reads may depend on an input nobody gave.
            if !value.is_known() {
                let inputs: BTreeSet<ValueOrigin> = origins_read(&trace, &variable_values)
                    .into_iter()
                    .filter(|origin| origin.unset_input)
                    .collect();
                if !inputs.is_empty() {
                    unset_inputs.insert(name.clone(), inputs);
                }
            }
            values.insert(name.clone(), value);
            references.insert(name, trace.references.into_iter().collect());
        }
    }
    ModuleOutputs {
        values: Eval::Object(values),
        references,
        unset_inputs,
    }
}

/// A block's `count` expression as text, spaces aside: two blocks with the
/// same text have the same number of instances.
fn count_text(block: &Block) -> Option<String> {
    let count = block.body.get_attribute("count")?;
    Some(
        count
            .value
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The variables an expression read, as origins of its value, and the
/// inputs nobody gave behind the data sources and module outputs it read.
fn origins_read(
    trace: &Trace,
    variables: &BTreeMap<String, VariableValue>,
) -> BTreeSet<ValueOrigin> {
    trace
        .variables
        .iter()
        .filter_map(|name| {
            let value = variables.get(name)?;
            Some(ValueOrigin {
                variable: name.clone(),
                origin: value.origin.clone(),
                location: value.location.clone(),
                unset_input: value.unset_input,
            })
        })
        .chain(trace.unset_inputs.iter().cloned())
        .collect()
}

/// What data block `data.kind.name` tells when its configuration
/// determines it: one instance, or a list (count) or a map (for_each) of
/// them; with a `count` not known, its one instance.
fn data_source(
    file: &ParsedFile,
    block: &Block,
    scope: &Scope,
    variable_values: &BTreeMap<String, VariableValue>,
    context: &modules::Context<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> DataSource {
    let (kind, name) = match block.labels.as_slice() {
        [kind, name] => (label_text(kind), label_text(name)),
        _ => return DataSource::default(),
    };
    let mut unset_inputs = BTreeSet::new();
    let mut evaluate_instance = |names: Vec<(String, Eval)>, diagnostics: &mut Vec<_>| {
        scope.with_bindings(names, |scope| {
            let (data, notes) = build_resource(
                file,
                block,
                kind,
                name,
                scope,
                variable_values,
                &context.prefix,
            );
            diagnostics.extend(notes);
            unset_inputs.extend(
                data.value_origins
                    .values()
                    .flatten()
                    .filter(|origin| origin.unset_input)
                    .cloned(),
            );
            data_sources::evaluate(&data)
        })
    };
    let counted = block.body.get_attribute("count").is_some();
    let (value, instance) = if !counted && block.body.get_attribute("for_each").is_none() {
        (evaluate_instance(Vec::new(), diagnostics), None)
    } else {
        let instances = instances(file, block, scope, diagnostics);
        if instances.iter().any(|(suffix, _)| suffix.is_empty()) {
            // How many is not known (`count = var.enabled ? 1 : 0`): its one
            // instance, for references that name it.
            let instance = instances
                .into_iter()
                .next()
                .filter(|_| counted)
                .and_then(|(_, names)| evaluate_instance(names, diagnostics))
                .zip(count_text(block));
            (None, instance)
        } else {
            // `data.x.y[0].json`, `data.x.y["k"].json`, `data.x.y[*].json`:
            // when each instance could be evaluated.
            let mut list = Vec::new();
            let mut map = BTreeMap::new();
            let mut complete = true;
            for (_, names) in instances {
                let key = names.iter().find_map(|(n, v)| match (n.as_str(), v) {
                    ("each", Eval::Object(each)) => match each.get("key") {
                        Some(Eval::String(key)) => Some(key.clone()),
                        _ => None,
                    },
                    _ => None,
                });
                match (evaluate_instance(names, diagnostics), key) {
                    (Some(value), _) if counted => list.push(value),
                    (Some(value), Some(key)) => {
                        map.insert(key, value);
                    }
                    _ => complete = false,
                }
            }
            let value = complete.then_some(if counted {
                Eval::List(list)
            } else {
                Eval::Object(map)
            });
            (value, None)
        }
    };
    DataSource {
        value,
        instance,
        unset_inputs,
    }
}

/// The `module` blocks of a module, each after the modules whose outputs
/// its arguments read (`vpc_id = module.vpc.vpc_id`), else in file order;
/// a cycle (which Terraform rejects) keeps file order.
fn modules_in_dependency_order<'p, 'f>(
    parsed: &'p [ParsedFile<'f>],
) -> Vec<(&'p ParsedFile<'f>, &'p Block)> {
    let mut pending: Vec<(&ParsedFile, &Block, String, BTreeSet<String>)> = parsed
        .iter()
        .flat_map(|file| {
            file.body
                .get_blocks("module")
                .map(move |block| (file, block))
        })
        .map(|(file, block)| {
            let name = block
                .labels
                .first()
                .map(label_text)
                .unwrap_or_default()
                .to_string();
            let reads: BTreeSet<String> = block
                .body
                .attributes()
                .flat_map(|attribute| module_reads(&attribute.value.to_string()))
                .filter(|read| read != &name)
                .collect();
            (file, block, name, reads)
        })
        .collect();
    let mut ordered = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let waiting: BTreeSet<String> =
            pending.iter().map(|(_, _, name, _)| name.clone()).collect();
        let ready = pending
            .iter()
            .position(|(_, _, _, reads)| reads.is_disjoint(&waiting))
            .unwrap_or(0);
        let (file, block, _, _) = pending.remove(ready);
        ordered.push((file, block));
    }
    ordered
}

/// The module names an expression's text reads (`module.NAME.`).
fn module_reads(text: &str) -> Vec<String> {
    text.match_indices("module.")
        .filter(|(at, _)| {
            !text[..*at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
        })
        .filter_map(|(at, word)| {
            let name: String = text[at + word.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

/// (key, value) pairs of a `for_each` collection: a map's entries, or a
/// set's (list's) elements as both key and value. `None` when not known.
fn iteration_pairs(collection: Eval) -> Option<Vec<(Eval, Eval)>> {
    match collection {
        Eval::Object(fields) => Some(
            fields
                .into_iter()
                .map(|(k, v)| (Eval::String(k), v))
                .collect(),
        ),
        Eval::List(items)
            if items
                .iter()
                .all(|i| matches!(i, Eval::String(_) | Eval::Number(_))) =>
        {
            // A set: each key once.
            let mut pairs: Vec<(Eval, Eval)> = Vec::new();
            for item in items {
                if !pairs.iter().any(|(key, _)| *key == item) {
                    pairs.push((item.clone(), item));
                }
            }
            Some(pairs)
        }
        _ => None,
    }
}

/// A block's instances as a whole value: `count` gives a list, `for_each`
/// an object by key; their values are unknown. `None` when not known.
fn instance_shape(block: &Block, scope: &Scope) -> Option<Eval> {
    if let Some(count) = block.body.get_attribute("count") {
        let n = scope.eval(&count.value, &mut Trace::default()).as_f64()?;
        return (n >= 0.0 && n <= MAX_INSTANCES as f64)
            .then(|| Eval::List(vec![Eval::Unknown; n as usize]));
    }
    let for_each = block.body.get_attribute("for_each")?;
    let pairs = iteration_pairs(scope.eval(&for_each.value, &mut Trace::default()))?;
    let keys = pairs
        .into_iter()
        .take(MAX_INSTANCES)
        .map(|(key, _)| Some((key.to_template_string()?, Eval::Unknown)))
        .collect::<Option<BTreeMap<String, Eval>>>()?;
    Some(Eval::Object(keys))
}

/// The most instances one resource block's `count` or `for_each` expands to.
pub const MAX_INSTANCES: usize = 1_000;

/// The instances a resource block declares: the address suffix (`[0]`,
/// `["logs"]`, or empty) and the names bound while evaluating it (`count`,
/// `each`). A `count` or `for_each` that is not known gives one instance
/// with unknown `count.index` / `each`, so literal settings are still checked.
pub(crate) fn instances(
    file: &ParsedFile,
    block: &Block,
    scope: &Scope,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, Vec<(String, Eval)>)> {
    let mut capped = |attr: &hcl::edit::structure::Attribute, n: usize| {
        if n > MAX_INSTANCES {
            diagnostics.push(Diagnostic::warning(
                format!(
                    "{} expands to {n} instances; only the first {MAX_INSTANCES} are checked",
                    attr.key.value()
                ),
                span_location(file, attr.span()),
            ));
        }
        n.min(MAX_INSTANCES)
    };
    if let Some(count) = block.body.get_attribute("count") {
        return match scope.eval(&count.value, &mut Trace::default()).as_f64() {
            Some(n) if n >= 0.0 && n.fract() == 0.0 => (0..capped(count, n as usize))
                .map(|i| {
                    let index =
                        Eval::Object([("index".to_string(), eval::number(i as f64))].into());
                    (format!("[{i}]"), vec![("count".to_string(), index)])
                })
                .collect(),
            _ => {
                let index = Eval::Object([("index".to_string(), Eval::Unknown)].into());
                vec![(String::new(), vec![("count".to_string(), index)])]
            }
        };
    }
    if let Some(for_each) = block.body.get_attribute("for_each") {
        let collection = scope.eval(&for_each.value, &mut Trace::default());
        return match iteration_pairs(collection) {
            Some(pairs) => {
                let n = capped(for_each, pairs.len());
                pairs
                    .into_iter()
                    .take(n)
                    .map(|(key, value)| {
                        let suffix = match &key {
                            Eval::String(k) => {
                                format!("[{}]", serde_json::to_string(k).unwrap_or_default())
                            }
                            other => {
                                format!("[{}]", other.to_template_string().unwrap_or_default())
                            }
                        };
                        let each = Eval::Object(
                            [("key".to_string(), key), ("value".to_string(), value)].into(),
                        );
                        (suffix, vec![("each".to_string(), each)])
                    })
                    .collect()
            }
            None => {
                let each = Eval::Object(
                    [
                        ("key".to_string(), Eval::Unknown),
                        ("value".to_string(), Eval::Unknown),
                    ]
                    .into(),
                );
                vec![(String::new(), vec![("each".to_string(), each)])]
            }
        };
    }
    vec![(String::new(), Vec::new())]
}

pub(crate) fn parse_error(file: &SourceFile, error: &parse::ParseError) -> Diagnostic {
    // The offset is into the original text (recovery keeps offsets), so the
    // line and column come from it, not from hcl-edit's view of a rewrite.
    let lines = LineIndex::new(&file.text);
    let location = lines.location(&file.display, error.offset..error.offset);
    Diagnostic::error(
        format!("cannot parse Terraform: {}", error.message),
        Some(location),
    )
}

/// The warnings parsing found, located in `file`.
pub(crate) fn parse_notes(
    file: &SourceFile,
    lines: &LineIndex,
    notes: Vec<parse::Note>,
) -> impl Iterator<Item = Diagnostic> {
    let path = std::sync::Arc::clone(&file.display);
    let locations: Vec<Location> = notes
        .iter()
        .map(|note| lines.location(&path, note.range.clone()))
        .collect();
    notes
        .into_iter()
        .zip(locations)
        .map(|(note, location)| Diagnostic::warning(note.message, Some(location)))
}

pub(crate) fn label_text(label: &BlockLabel) -> &str {
    match label {
        BlockLabel::Ident(ident) => ident.value().as_str(),
        BlockLabel::String(s) => s.value().as_str(),
    }
}

pub(crate) fn span_location(
    file: &ParsedFile,
    span: Option<std::ops::Range<usize>>,
) -> Option<Location> {
    span.map(|range| file.lines.location(&file.file.display, range))
}

fn collect_locals<'a>(
    files: &'a [ParsedFile],
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, &'a Expression> {
    let mut locals = BTreeMap::new();
    let mut first_set: BTreeMap<String, Option<Location>> = BTreeMap::new();
    for file in files {
        for block in file.body.get_blocks("locals") {
            for attr in block.body.attributes() {
                let name = attr.key.value().as_str().to_string();
                let location = span_location(file, attr.span());
                if locals.insert(name.clone(), &attr.value).is_some() {
                    let first = first_set
                        .get(&name)
                        .and_then(Option::as_ref)
                        .map(|l| format!(" (first set at {}:{})", l.path, l.start_line))
                        .unwrap_or_default();
                    diagnostics.push(Diagnostic::error(
                        format!(
                            "duplicate local value \"{name}\"{first}: local names must be unique in a module, and Terraform rejects the module too (\"Duplicate local value definition\")"
                        ),
                        location,
                    ));
                } else {
                    first_set.insert(name, location);
                }
            }
        }
    }
    locals
}

struct ResourceBuilder<'a, 's> {
    /// The module instance's address prefix (`module.net.`): references
    /// are recorded as full addresses.
    prefix: &'a str,
    file: &'a ParsedFile<'a>,
    /// Expression errors found while building, located at their attribute.
    diagnostics: Vec<Diagnostic>,
    scope: &'a Scope<'s>,
    variables: &'a BTreeMap<String, VariableValue>,
    value_origins: BTreeMap<String, Vec<ValueOrigin>>,
    partial_text: BTreeMap<String, String>,
    unloaded_modules: BTreeMap<String, Vec<String>>,
    attribute_locations: BTreeMap<String, Location>,
    unknown: BTreeSet<String>,
    references: BTreeSet<Reference>,
}

/// The synthetic resource type of `provider` blocks.
pub const PROVIDER_TYPE: &str = "terraform_provider";

/// A `provider "aws" { alias = "west" ... }` block as a resource of type
/// [`PROVIDER_TYPE`] at `provider.aws.west` (`provider.aws` without an alias,
/// or with one that cannot be read). Its attributes are the block's, with
/// `name` (the provider's local name) and `from_variables` (the arguments
/// whose value reads a variable, which are given to the configuration rather
/// than written in it). Its provider is the local name, which normalisation
/// maps to copguard's (`azurerm` is azure).
fn provider_resource(
    file: &ParsedFile,
    block: &Block,
    name: &str,
    scope: &Scope,
    variables: &BTreeMap<String, VariableValue>,
    prefix: &str,
) -> (Resource, Vec<Diagnostic>) {
    let (mut resource, diagnostics) =
        build_resource(file, block, PROVIDER_TYPE, name, scope, variables, prefix);
    resource.address = match resource.attributes.get("alias") {
        Some(Value::String(alias)) => format!("provider.{name}.{alias}"),
        _ => format!("provider.{name}"),
    };
    resource.provider = name.to_string();
    let from_variables: BTreeSet<String> = resource
        .value_origins
        .keys()
        .filter_map(|path| match crate::attr_path::segments(path).first() {
            Some(crate::attr_path::PathSegment::Key(key)) => Some(key.to_string()),
            _ => None,
        })
        .collect();
    resource
        .attributes
        .insert("name".into(), Value::String(name.to_string()));
    resource.attributes.insert(
        "from_variables".into(),
        Value::Array(from_variables.into_iter().map(Value::String).collect()),
    );
    (resource, diagnostics)
}

fn build_resource(
    file: &ParsedFile,
    block: &Block,
    resource_type: &str,
    name: &str,
    scope: &Scope,
    variables: &BTreeMap<String, VariableValue>,
    prefix: &str,
) -> (Resource, Vec<Diagnostic>) {
    let mut builder = ResourceBuilder {
        prefix,
        file,
        diagnostics: Vec::new(),
        scope,
        variables,
        value_origins: BTreeMap::new(),
        partial_text: BTreeMap::new(),
        unloaded_modules: BTreeMap::new(),
        attribute_locations: BTreeMap::new(),
        unknown: BTreeSet::new(),
        references: BTreeSet::new(),
    };
    let attributes = builder.body(&block.body, "");
    let location = span_location(file, block.span())
        .unwrap_or_else(|| Location::file_start(&file.file.display));
    let suppressions = block_suppressions(file, &location);
    let resource = Resource {
        address: format!("{resource_type}.{name}"),
        resource_type: resource_type.to_string(),
        // Terraform's rule for the implied provider: the type's first word.
        provider: resource_type
            .split('_')
            .next()
            .unwrap_or(resource_type)
            .to_string(),
        attributes,
        location,
        attribute_locations: builder.attribute_locations,
        unknown: builder.unknown,
        references: builder.references.into_iter().collect(),
        folded: Vec::new(),
        folded_at: Vec::new(),
        value_origins: builder.value_origins,
        partial_text: builder.partial_text,
        unloaded_modules: builder.unloaded_modules,
        document: None,
        suppressions,
        live: None,
        namespace: None,
    };
    (resource, builder.diagnostics)
}

impl ResourceBuilder<'_, '_> {
    fn body(&mut self, body: &Body, prefix: &str) -> Map<String, Value> {
        let top_level = prefix.is_empty();
        let mut map = Map::new();
        for structure in body.iter() {
            match structure {
                Structure::Attribute(attr) => {
                    let key = attr.key.value().as_str();
                    if top_level && META_ARGUMENTS.contains(&key) {
                        continue;
                    }
                    let path = join_key(prefix, key);
                    self.record_location(&path, attr.span());
                    let mut trace = Trace::default();
                    let value = self.scope.eval(&attr.value, &mut trace);
                    self.record_trace(&path, trace);
                    match value {
                        Eval::Null => {}
                        // The shape of a partly known JSON text, marked
                        // unknown as a whole: the normaliser keeps the shape
                        // of a policy document and drops any other.
                        value @ (Eval::JsonText(_) | Eval::List(_)) if top_level => {
                            map.insert(key.to_string(), self.shaped_json(&value, &path));
                        }
                        Eval::PartialText(text) => {
                            self.unknown.insert(path.clone());
                            self.partial_text.insert(path, text);
                            map.insert(key.to_string(), Value::Null);
                        }
                        value => {
                            map.insert(key.to_string(), value.to_json(&path, &mut self.unknown));
                        }
                    }
                }
                Structure::Block(block) => {
                    let ident = block.ident.value().as_str();
                    if top_level && META_BLOCKS.contains(&ident) {
                        continue;
                    }
                    if ident == "dynamic" {
                        self.dynamic_block(block, prefix, &mut map);
                        continue;
                    }
                    self.push_block(&mut map, prefix, ident, block.span(), |builder, path| {
                        builder.body(&block.body, path)
                    });
                }
            }
        }
        map
    }

    /// The JSON value of a top-level argument, where a partly known JSON
    /// text (`policy = jsonencode(...)`, or one in a list, as in
    /// `source_policy_documents = [data.x.json]`) keeps its shape, marked
    /// unknown as a whole: the normaliser decodes the shape of a policy
    /// document and forgets any other.
    fn shaped_json(&mut self, value: &Eval, path: &str) -> Value {
        match value {
            Eval::JsonText(shape) => {
                let shape = shape.to_json(path, &mut self.unknown);
                self.unknown.insert(path.to_string());
                shape
            }
            Eval::List(items) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.shaped_json(item, &join_index(path, i)))
                    .collect(),
            ),
            other => other.to_json(path, &mut self.unknown),
        }
    }

    /// Appends one nested block to the list `ident` of `map`, building its
    /// body at its path (`ingress[2]`) with `build`.
    fn push_block(
        &mut self,
        map: &mut Map<String, Value>,
        prefix: &str,
        ident: &str,
        span: Option<std::ops::Range<usize>>,
        build: impl FnOnce(&mut Self, &str) -> Map<String, Value>,
    ) {
        let list_path = join_key(prefix, ident);
        // An attribute and a block of one name: keep the blocks.
        if !matches!(map.get(ident), Some(Value::Array(_))) {
            map.insert(ident.to_string(), Value::Array(Vec::new()));
        }
        let index = map.get(ident).and_then(Value::as_array).map_or(0, Vec::len);
        let path = join_index(&list_path, index);
        if index == 0 {
            self.record_location(&list_path, span.clone());
        }
        self.record_location(&path, span);
        let nested = Value::Object(build(self, &path));
        if let Some(Value::Array(items)) = map.get_mut(ident) {
            items.push(nested);
        }
    }

    /// `dynamic "ingress" { for_each = ..., iterator = rule, content { ... } }`:
    /// one `ingress` block per element, with the iterator bound to
    /// `{key, value}`. When the collection is not known, neither are the
    /// blocks.
    fn dynamic_block(&mut self, block: &Block, prefix: &str, map: &mut Map<String, Value>) {
        let Some(label) = block.labels.first() else {
            return;
        };
        let name = label_text(label).to_string();
        let list_path = join_key(prefix, &name);
        let iterator = match block.body.get_attribute("iterator").map(|a| &a.value) {
            Some(Expression::Variable(var)) => var.value().as_str().to_string(),
            _ => name.clone(),
        };
        let collection = block.body.get_attribute("for_each").map(|attr| {
            let mut trace = Trace::default();
            let value = self.scope.eval(&attr.value, &mut trace);
            self.record_trace(&list_path, trace);
            value
        });
        let content = block.body.get_blocks("content").next();
        // Unlike a resource's for_each, a dynamic block's takes any list
        // (keyed by index) as well as maps and sets.
        let elements = match (collection, content) {
            (Some(Eval::List(items)), Some(_)) => Some(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| (eval::number(i as f64), item))
                    .collect(),
            ),
            (Some(collection), Some(_)) => iteration_pairs(collection),
            _ => None,
        };
        let elements = elements.filter(|e| self.scope.spend(e.len()));
        let (Some(elements), Some(content)) = (elements, content) else {
            // Unknown blocks are present, with a null value, like any
            // unknown value: `has()` must not read them as absent.
            self.record_location(&list_path, block.span());
            self.unknown.insert(list_path);
            map.entry(name).or_insert(Value::Null);
            return;
        };
        let scope = self.scope;
        for (key, value) in elements.into_iter().take(eval::MAX_EXPANSION) {
            let element =
                Eval::Object([("key".to_string(), key), ("value".to_string(), value)].into());
            scope.with_bindings(vec![(iterator.clone(), element)], |_| {
                self.push_block(map, prefix, &name, content.span(), |builder, path| {
                    builder.body(&content.body, path)
                });
            });
        }
    }

    fn record_trace(&mut self, path: &str, trace: Trace) {
        let origins: Vec<ValueOrigin> = origins_read(&trace, self.variables).into_iter().collect();
        for error in &trace.errors {
            self.diagnostics.push(Diagnostic::warning(
                format!("{error}; {path} is treated as unknown"),
                self.attribute_locations.get(path).cloned(),
            ));
        }
        // Modules not loaded that the value comes from.
        let unloaded = trace.unloaded_modules_under(self.prefix, self.variables);
        if !unloaded.is_empty() {
            self.unloaded_modules.insert(path.to_string(), unloaded);
        }
        // What the expression refers to, and what the module arguments
        // behind the variables it reads refer to.
        let through_variables = trace
            .variables
            .iter()
            .filter_map(|name| self.variables.get(name))
            .flat_map(|value| value.references.iter().cloned());
        let prefix = self.prefix;
        self.references.extend(
            trace
                .references
                .into_iter()
                .map(|target| format!("{prefix}{target}"))
                .chain(through_variables)
                .map(|target| Reference {
                    path: path.to_string(),
                    target,
                }),
        );
        if !origins.is_empty() {
            self.value_origins.insert(path.to_string(), origins);
        }
    }

    fn record_location(&mut self, path: &str, span: Option<std::ops::Range<usize>>) {
        if let Some(location) = span_location(self.file, span) {
            self.attribute_locations.insert(path.to_string(), location);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> LoadedModule {
        let file = SourceFile {
            display: "main.tf".into(),
            text: text.to_string(),
        };
        load_module(std::slice::from_ref(&file))
    }

    #[test]
    fn nested_blocks_become_lists_with_locations() {
        let module = load(
            r#"
resource "aws_instance" "web" {
  ami = "ami-123"
  metadata_options {
    http_tokens = "required"
  }
}
"#,
        );
        assert!(module.diagnostics.is_empty(), "{:?}", module.diagnostics);
        let web = &module.resources[0];
        assert_eq!(web.address, "aws_instance.web");
        assert_eq!(
            web.attributes["metadata_options"][0]["http_tokens"],
            "required"
        );
        assert_eq!(web.location.start_line, 2);
        assert_eq!(
            web.attribute_locations["metadata_options[0].http_tokens"].start_line,
            5
        );
        assert_eq!(web.attribute_locations["ami"].start_column, 3);
    }

    #[test]
    fn provider_blocks_are_resources_of_a_synthetic_type() {
        let module = load(
            r#"
variable "secret_key" {
  type    = string
  default = "from-a-default"
}

provider "aws" {
  region     = "eu-west-2"
  access_key = "AKIAIOSFODNN7EXAMPLE"
  secret_key = var.secret_key
}

provider "aws" {
  alias = "west"
  token = aws_iam_access_key.k.secret
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/deploy"
  }
}
"#,
        );
        assert!(module.diagnostics.is_empty(), "{:?}", module.diagnostics);
        let [default, west] = module.resources.as_slice() else {
            panic!("{:?}", module.resources);
        };
        assert_eq!(default.address, "provider.aws");
        assert_eq!(default.resource_type, PROVIDER_TYPE);
        assert_eq!(default.provider, "aws");
        assert_eq!(default.attributes["name"], "aws");
        assert_eq!(default.attributes["access_key"], "AKIAIOSFODNN7EXAMPLE");
        assert_eq!(default.attributes["secret_key"], "from-a-default");
        assert_eq!(
            default.attributes["from_variables"],
            serde_json::json!(["secret_key"])
        );
        assert_eq!(default.attribute_locations["access_key"].start_line, 9);
        assert_eq!(west.address, "provider.aws.west");
        assert!(west.unknown.contains("token"));
        assert_eq!(
            west.attributes["assume_role"][0]["role_arn"],
            "arn:aws:iam::111122223333:role/deploy"
        );
    }

    #[test]
    fn references_are_set_but_unknown() {
        let module = load(
            r#"
resource "aws_cloudtrail" "t" {
  kms_key_id = aws_kms_key.k.arn
}
"#,
        );
        let trail = &module.resources[0];
        assert!(trail.attributes.contains_key("kms_key_id"));
        assert!(trail.unknown.contains("kms_key_id"));
        assert_eq!(trail.references[0].target, "aws_kms_key.k");
    }

    #[test]
    fn variable_defaults_and_locals_resolve() {
        let module = load(
            r#"
variable "rotate" { default = true }
locals { algorithm = "aws:kms" }
resource "aws_kms_key" "k" {
  enable_key_rotation = var.rotate
  description         = local.algorithm
}
"#,
        );
        let key = &module.resources[0];
        assert_eq!(key.attributes["enable_key_rotation"], true);
        assert_eq!(key.attributes["description"], "aws:kms");
        assert!(key.unknown.is_empty());
    }

    #[test]
    fn parse_error_is_located() {
        let module = load("resource \"a\" \"b\" {\n  x = \n}\n");
        assert!(module.resources.is_empty());
        let diag = &module.diagnostics[0];
        let location = diag.location.as_ref().unwrap();
        assert_eq!(&*location.path, "main.tf");
        assert!(location.start_line >= 2, "{diag}");
    }

    #[test]
    fn dynamic_blocks_are_unknown() {
        let module = load(
            r#"
resource "aws_security_group" "sg" {
  dynamic "ingress" {
    for_each = var.rules
    content { from_port = ingress.value }
  }
}
"#,
        );
        assert!(module.resources[0].unknown.contains("ingress"));
    }
}
