//! Evaluation of compiled policies against the resource graph, in parallel
//! per resource. Three-valued: a condition that fails (or errors) while it
//! reads a value unknown before apply gives `Unknown`, never a false `Fail`.

use super::{tri, Compiled, Policy, Registry};
use crate::attr_path::join_index;
use crate::graph::ResourceGraph;
use crate::model::{Diagnostic, Location, Resource};
use cel::common::types::{
    CelBool, CelDouble, CelInt, CelList, CelMap, CelMapKey, CelNull, CelString,
};
use cel::common::value::{CowVal, Val};
use cel::context::VariableResolver;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// Variables a condition can use.
pub const VARIABLES: &[&str] = &[
    "resource",
    "item",
    "resource_type",
    "address",
    "related",
    "allowed_regions",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    Unknown,
}

/// The outcome of one policy on one resource (or one element of it).
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Index of the policy in the registry.
    pub policy: usize,
    /// Index of the resource in the graph.
    pub resource: usize,
    pub status: Status,
    /// The `each` element evaluated (`ingress[1]`), if any.
    pub item_path: Option<String>,
    /// Attribute path the result points at, if it points below the resource.
    pub path: Option<String>,
    pub location: Location,
    /// Unknown attribute paths the result depended on.
    pub unknown_paths: Vec<String>,
    /// What is wrong, from the `says:` of every location candidate whose
    /// `when` holds for this failure.
    pub reasons: Vec<String>,
    /// The attribute paths the condition reads (`ingress[1].cidr_blocks`,
    /// `*` for any index): only the variables behind these are the value's
    /// origins, not those of the element's other settings.
    pub read_paths: Vec<String>,
}

/// What evaluating a registry over a graph produced.
#[derive(Debug, Default)]
pub struct Evaluated {
    /// Failures and unknowns, each with its location. Passes are only
    /// counted: a large estate has many, and nothing reports them one by one.
    pub results: Vec<Evaluation>,
    /// Passing results per policy (index in the registry).
    pub passed: Vec<usize>,
    /// Conditions that could not be evaluated: bugs in policies.
    pub diagnostics: Vec<Diagnostic>,
}

/// Evaluates every policy on every resource it applies to. A condition
/// error that is not explained by unknown values is a bug in the policy: it
/// becomes a diagnostic naming the policy file, not a finding.
pub fn evaluate(registry: &Registry, graph: &ResourceGraph) -> Evaluated {
    evaluate_with_progress(registry, graph, &|_| {})
}

/// [`evaluate`], calling `evaluated(n)` once per resource as it is done,
/// with how many are done so far (from worker threads, so not always in
/// order; the last call has `n == graph.resources.len()`).
pub fn evaluate_with_progress(
    registry: &Registry,
    graph: &ResourceGraph,
    evaluated: &(dyn Fn(usize) + Sync),
) -> Evaluated {
    let done = std::sync::atomic::AtomicUsize::new(0);
    let tick = || evaluated(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
    let root = root_context(registry);
    let mut diagnostics = Vec::new();
    let by_type = policies_by_type(registry, graph, &mut diagnostics);
    let adjacency = Adjacency::new(graph);
    // Folded into one `Evaluated` per batch of resources, not collected
    // one per resource: each holds a pass count per policy, and one per
    // resource was 134 MB on a 151,000-resource scan. Batches are joined
    // in order, so results stay in resource order.
    let empty = || Evaluated {
        passed: vec![0; registry.len()],
        ..Evaluated::default()
    };
    let mut all = graph
        .resources
        .par_iter()
        .enumerate()
        .fold(empty, |mut out, (index, resource)| {
            if let Some(policies) = by_type.get(resource.resource_type.as_str()) {
                let wants_related = policies.iter().any(|(_, compiled)| compiled.uses_related());
                let (related, related_unknown) = if wants_related {
                    (
                        adjacency.related(graph, index),
                        adjacency.related_unknown(graph, index),
                    )
                } else {
                    (
                        Box::new(CelList::from(Vec::new())) as Box<dyn Val>,
                        Vec::new(),
                    )
                };
                let mut bound = Bound::new(resource, related);
                bound.related_unknown = related_unknown;
                let mut elements = Elements::default();
                for &(policy_index, compiled) in policies {
                    let policy = &registry.policies()[policy_index];
                    evaluate_one(
                        &root,
                        policy,
                        compiled,
                        policy_index,
                        index,
                        resource,
                        &bound,
                        &mut elements,
                        &mut out,
                    );
                }
            }
            tick();
            out
        })
        .reduce(empty, |mut all, mut part| {
            all.results.append(&mut part.results);
            all.diagnostics.append(&mut part.diagnostics);
            for (total, n) in all.passed.iter_mut().zip(part.passed) {
                *total += n;
            }
            all
        });
    diagnostics.append(&mut all.diagnostics);
    all.diagnostics = diagnostics;
    all
}

/// Whether one of `unknown` (paths of `resource`) comes from a variable
/// that has no default and was given no value: an input that may be
/// anything, where other unknowns are values computed at apply.
fn reads_unset_input(resource: &Resource, unknown: &[String]) -> bool {
    unknown.iter().any(|path| {
        resource.value_origins.iter().any(|(origin_path, origins)| {
            crate::attr_path::overlaps(origin_path, path) && origins.iter().any(|o| o.unset_input)
        })
    })
}

/// The context every condition runs in: CEL's standard library, the
/// functions copguard adds, and the variables shared by all resources.
pub(crate) fn root_context(registry: &Registry) -> cel::Context<'static, 'static> {
    let mut root = cel::Context::default();
    add_functions(&mut root);
    let allowed_regions: Vec<cel::Value> = registry
        .allowed_regions()
        .into_iter()
        .map(|r| cel::Value::String(Arc::new(r)))
        .collect();
    root.add_variable_from_value(
        "allowed_regions",
        cel::Value::List(Arc::new(allowed_regions)),
    );
    root
}
/// Registers copguard's functions, and `matches` with a cache of compiled
/// regexes: cel 0.15 compiles the pattern on every call, which was 12% of a
/// large scan's CPU time (cel is built without its `regex` feature so that
/// this one is the only `matches`).
pub(crate) fn add_functions(root: &mut cel::Context<'_, '_>) {
    root.add_function(
        "matches",
        |cel::extractors::This(text): cel::extractors::This<Arc<String>>,
         pattern: Arc<String>|
         -> Result<bool, cel::ExecutionError> {
            let regex = cached_regex(&pattern)
                .map_err(|message| cel::ExecutionError::function_error("matches", message))?;
            Ok(regex.is_match(&text))
        },
    )
    .expect("cel is built without its own matches");
    root.add_function(
        "port_range",
        |cel::extractors::Arguments(args): cel::extractors::Arguments| match args.as_slice() {
            [cel::Value::String(range)] => cel::Value::List(Arc::new(
                port_range(range).into_iter().map(cel::Value::Int).collect(),
            )),
            // Not one string: covers no port.
            _ => cel::Value::List(Arc::new(vec![cel::Value::Int(-1), cel::Value::Int(-1)])),
        },
    )
    .expect("port_range is not a standard CEL function");
    root.add_function(
        "iam_action_matches",
        |cel::extractors::Arguments(args): cel::extractors::Arguments| match args.as_slice() {
            [cel::Value::String(pattern), cel::Value::String(action)] => {
                cel::Value::Bool(iam_action_matches(pattern, action))
            }
            // Not two strings (an action written as a number): no match.
            _ => cel::Value::Bool(false),
        },
    )
    .expect("iam_action_matches is not a standard CEL function");
}

/// The compiled regex for `pattern`, compiled once per process: policies
/// use a few dozen patterns, each on many values.
pub(crate) fn cached_regex(pattern: &str) -> Result<Arc<regex::Regex>, String> {
    use std::sync::{OnceLock, RwLock};
    type Cache = RwLock<HashMap<String, Result<Arc<regex::Regex>, String>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(found) = cache.read().ok().and_then(|c| c.get(pattern).cloned()) {
        return found;
    }
    let compiled = regex::Regex::new(pattern)
        .map(Arc::new)
        .map_err(|e| format!("'{pattern}' is not a valid regex: {e}"));
    if let Ok(mut c) = cache.write() {
        c.insert(pattern.to_string(), compiled.clone());
    }
    compiled
}

/// The policies that apply to each resource type of the graph, compiled
/// (only those: a scan compiles the policies of the types it has). A
/// policy that does not compile is left out with an error: it is a
/// built-in one (user policies are compiled as they are loaded), and the
/// tests compile every one of those.
fn policies_by_type<'r>(
    registry: &'r Registry,
    graph: &ResourceGraph,
    diagnostics: &mut Vec<Diagnostic>,
) -> HashMap<&'r str, Vec<(usize, &'r Compiled)>> {
    let present: std::collections::HashSet<&str> = graph
        .resources
        .iter()
        .map(|r| r.resource_type.as_str())
        .collect();
    let mut by_type: HashMap<&str, Vec<(usize, &Compiled)>> = HashMap::new();
    for (i, policy) in registry.policies().iter().enumerate() {
        let types: Vec<&str> = policy
            .info
            .resource_types
            .iter()
            .map(String::as_str)
            .filter(|t| present.contains(t))
            .collect();
        if types.is_empty() {
            continue;
        }
        match policy.compiled() {
            Ok(compiled) => {
                for t in types {
                    by_type.entry(t).or_default().push((i, compiled));
                }
            }
            Err(error) => diagnostics.push(Diagnostic::error(
                format!("{error}; this is a bug in the policy, please report it"),
                None,
            )),
        }
    }
    by_type
}

/// Whether an IAM action pattern of a policy statement (`iam:*`,
/// `ssm:GetParameter*`, `s3:Get?bject`, `*`) covers `action`, ignoring case
/// as IAM does: `*` stands for any run of characters, `?` for one.
pub fn iam_action_matches(pattern: &str, action: &str) -> bool {
    let pattern: Vec<char> = pattern.to_lowercase().chars().collect();
    let action: Vec<char> = action.to_lowercase().chars().collect();
    // Glob matching with one backtrack point (the last `*`): linear enough
    // for action names.
    let (mut p, mut a) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while a < action.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, a));
                p += 1;
            }
            Some(&c) if c == '?' || c == action[a] => {
                p += 1;
                a += 1;
            }
            _ => match star {
                Some((star_p, star_a)) => {
                    p = star_p + 1;
                    a = star_a + 1;
                    star = Some((star_p, star_a + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// `port_range(s)`: the first and last port of a port range written as a
/// string, as Azure writes them (`"22"`, `"1000-2000"`, `"*"` for all
/// ports), so a policy can keep its ports as a plain list of numbers and
/// test `lo <= p && p <= hi`. The cel crate's strings extension (`split`)
/// is not registered, and regular expressions per port are unreadable. A
/// string that is not a port or range gives `[-1, -1]`, which covers no port.
pub fn port_range(range: &str) -> Vec<i64> {
    let range = range.trim();
    if range == "*" {
        return vec![0, 65535];
    }
    let port = |s: &str| {
        s.trim()
            .parse::<i64>()
            .ok()
            .filter(|p| (0..=65535).contains(p))
    };
    let parsed = match range.split_once('-') {
        Some((from, to)) => port(from).zip(port(to)).filter(|(from, to)| from <= to),
        None => port(range).map(|p| (p, p)),
    };
    match parsed {
        Some((from, to)) => vec![from, to],
        None => vec![-1, -1],
    }
}

/// A resource's values converted for CEL once, and lent (not copied) to the
/// evaluation of each of its policies: cel copies a value deeply every time
/// one is added to a context, so the values are handed out by a resolver.
struct Bound<'a> {
    /// The unknown paths of each element of `related`, in its order.
    related_unknown: Vec<Vec<String>>,
    attributes: Box<dyn Val + 'a>,
    resource_type: Box<dyn Val + 'a>,
    address: Box<dyn Val + 'a>,
    related: Box<dyn Val + 'a>,
}

impl<'a> Bound<'a> {
    fn new(resource: &'a Resource, related: Box<dyn Val + 'a>) -> Bound<'a> {
        Bound {
            related_unknown: Vec::new(),
            related,
            attributes: map_val(&resource.attributes),
            resource_type: Box::new(CelString::from(resource.resource_type.as_str())),
            address: Box::new(CelString::from(resource.address.as_str())),
        }
    }
}

/// The variables of one evaluation: the resource's, and the current item.
struct Bindings<'b, 'a> {
    bound: &'b Bound<'a>,
    /// The `each` element; `None` when the item is the resource itself.
    item: Option<&'b (dyn Val + 'a)>,
}

impl VariableResolver for Bindings<'_, '_> {
    fn resolve<'b>(&'b self, variable: &str) -> Option<CowVal<'b, 'b>> {
        let value: &dyn Val = match variable {
            "resource" => self.bound.attributes.as_ref(),
            "item" => self.item.unwrap_or(self.bound.attributes.as_ref()),
            "resource_type" => self.bound.resource_type.as_ref(),
            "address" => self.bound.address.as_ref(),
            "related" => self.bound.related.as_ref(),
            _ => return None,
        };
        Some(CowVal::Borrowed(value))
    }
}

/// JSON as cel's own representation of a value, borrowing every string
/// (no copy), with the types of [`to_cel`]: integral numbers are `int`.
/// Going through `cel::Value` instead copied each resource three times
/// (`to_cel`, then cel's conversion, which clones lists and maps again).
fn json_val(value: &Value) -> Box<dyn Val + '_> {
    match value {
        Value::Null => Box::new(CelNull),
        Value::Bool(b) => Box::new(CelBool::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Box::new(CelInt::from(i)),
            None => Box::new(CelDouble::from(n.as_f64().unwrap_or(f64::NAN))),
        },
        Value::String(s) => Box::new(CelString::from(s.as_str())),
        Value::Array(items) => Box::new(CelList::from(
            items.iter().map(json_val).collect::<Vec<_>>(),
        )),
        Value::Object(map) => map_val(map),
    }
}

fn map_val(map: &serde_json::Map<String, Value>) -> Box<dyn Val + '_> {
    let entries: HashMap<CelMapKey<'_>, Box<dyn Val + '_>> = map
        .iter()
        .map(|(k, v)| (CelMapKey::from(k.as_str()), json_val(v)))
        .collect();
    Box::new(CelMap::from(entries))
}

/// Each resource's graph neighbours, both ways.
struct Adjacency {
    outgoing: Vec<Vec<usize>>,
    incoming: Vec<Vec<usize>>,
}

impl Adjacency {
    fn new(graph: &ResourceGraph) -> Adjacency {
        let n = graph.resources.len();
        let mut adjacency = Adjacency {
            outgoing: vec![Vec::new(); n],
            incoming: vec![Vec::new(); n],
        };
        for (i, edge) in graph.edges.iter().enumerate() {
            adjacency.outgoing[edge.from].push(i);
            adjacency.incoming[edge.to].push(i);
        }
        adjacency
    }

    /// The unknown paths of each element of [`Adjacency::related`], in the
    /// same order.
    fn related_unknown(&self, graph: &ResourceGraph, index: usize) -> Vec<Vec<String>> {
        let out = self.outgoing[index].iter().map(|&e| graph.edges[e].to);
        let inc = self.incoming[index].iter().map(|&e| graph.edges[e].from);
        out.chain(inc)
            .map(|other| graph.resources[other].unknown.iter().cloned().collect())
            .collect()
    }

    /// `related`: the resources this one references (`direction: "out"`)
    /// and those that reference it (`"in"`), with the attribute path of the
    /// reference and the other resource's attributes.
    fn related<'g>(&self, graph: &'g ResourceGraph, index: usize) -> Box<dyn Val + 'g> {
        let mut items: Vec<Box<dyn Val + 'g>> = Vec::new();
        for (edges, direction) in [
            (&self.outgoing[index], "out"),
            (&self.incoming[index], "in"),
        ] {
            for &e in edges {
                let edge = &graph.edges[e];
                let other = &graph.resources[if direction == "out" {
                    edge.to
                } else {
                    edge.from
                }];
                let text = |s: &'g str| -> Box<dyn Val + 'g> { Box::new(CelString::from(s)) };
                let fields: HashMap<CelMapKey<'g>, Box<dyn Val + 'g>> = [
                    ("address", text(&other.address)),
                    ("type", text(&other.resource_type)),
                    ("direction", text(direction)),
                    ("path", text(&edge.path)),
                    ("attributes", map_val(&other.attributes)),
                ]
                .into_iter()
                .map(|(k, v)| (CelMapKey::from(k), v))
                .collect();
                items.push(Box::new(CelMap::from(fields)));
            }
        }
        Box::new(CelList::from(items))
    }
}

/// JSON to CEL: integral numbers are `int`, so `from_port <= 22` compares
/// like for like.
pub fn to_cel(value: &Value) -> cel::Value {
    match value {
        Value::Null => cel::Value::Null,
        Value::Bool(b) => cel::Value::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => cel::Value::Int(i),
            None => cel::Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => cel::Value::String(Arc::new(s.clone())),
        Value::Array(items) => cel::Value::List(Arc::new(items.iter().map(to_cel).collect())),
        Value::Object(map) => map_to_cel(map),
    }
}

fn map_to_cel(map: &serde_json::Map<String, Value>) -> cel::Value {
    let map: HashMap<String, cel::Value> =
        map.iter().map(|(k, v)| (k.clone(), to_cel(v))).collect();
    cel::Value::Map(map.into())
}

/// The elements of a resource's `each` lists (`containers[*]`), converted
/// for CEL once per resource and shared by every policy that iterates the
/// same list: each element's path (`containers[1]`) and value.
#[derive(Default)]
struct Elements<'a> {
    by_list: HashMap<String, Vec<Element<'a>>>,
}

/// One element of an `each` list: its path and its value.
type Element<'a> = (String, Box<dyn Val + 'a>);

impl<'a> Elements<'a> {
    /// Converts the elements of the lists `each` names, once. A value that
    /// is not a list has no elements, and a warning says so.
    fn convert(&mut self, each: &str, resource: &'a Resource, out: &mut Evaluated) {
        if self.by_list.contains_key(each) {
            return;
        }
        let mut elements = Vec::new();
        // A path with `[*]` (`containers[*].env`) gives the lists of every
        // element it goes through; a path not written gives none, and
        // nothing to iterate cannot fail.
        for (list, value) in crate::attr_path::values_matching(&resource.attributes, each) {
            match value {
                Value::Array(items) => elements.extend(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, element)| (join_index(&list, i), json_val(element))),
                ),
                // Not a list (`containers:` written as a map): the input is
                // invalid, and what it means is not known.
                other => {
                    let kind = match other {
                        Value::Object(_) => "a map",
                        Value::String(_) => "a string",
                        _ => "a scalar",
                    };
                    out.diagnostics.push(Diagnostic::warning(
                        format!(
                            "{list} of {} is {kind}, not a list; policies that check each of its elements did not check it",
                            resource.address
                        ),
                        Some(resource.location_of(&list).unwrap_or(&resource.location).clone()),
                    ));
                }
            }
        }
        self.by_list.insert(each.to_string(), elements);
    }
}

#[allow(clippy::too_many_arguments)]
fn evaluate_one<'a>(
    root: &cel::Context,
    policy: &Policy,
    compiled: &Compiled,
    policy_index: usize,
    resource_index: usize,
    resource: &'a Resource,
    bound: &Bound<'a>,
    elements: &mut Elements<'a>,
    out: &mut Evaluated,
) {
    // The items to evaluate: each element of the `each` lists (path and
    // value), or the resource (`None`: its attributes, already bound).
    let items: Vec<(Option<&str>, Option<&(dyn Val + 'a)>)> =
        match policy.each_paths(&resource.resource_type) {
            Some(paths) => {
                // A list itself unknown: which elements there are is not known.
                // An unknown inside one element affects only that element.
                let unknown: Vec<String> = resource
                    .unknown
                    .iter()
                    .filter(|u| {
                        paths
                            .iter()
                            .any(|each| crate::attr_path::is_prefix_of_match(u, each))
                    })
                    .cloned()
                    .collect();
                if !unknown.is_empty() {
                    out.results.push(result(
                        compiled,
                        policy_index,
                        resource_index,
                        resource,
                        Status::Unknown,
                        None,
                        unknown,
                        None,
                    ));
                    return;
                }
                for each in &paths {
                    elements.convert(each, resource, out);
                }
                paths
                    .iter()
                    .filter_map(|each| elements.by_list.get(*each))
                    .flatten()
                    .map(|(path, value)| (Some(path.as_str()), Some(value.as_ref())))
                    .collect()
            }
            None => vec![(None, None)],
        };

    for (item_path, item) in items {
        let item_path = item_path.map(str::to_owned);
        let bindings = Bindings { bound, item };
        let mut context = root.new_inner_scope();
        context.set_variable_resolver(&bindings);
        let outcome = compiled.program.execute(&context);

        let relevant_unknowns = || -> Vec<String> {
            let item_prefix = item_path.clone().unwrap_or_default();
            resource
                .unknown
                .iter()
                .filter(|u| {
                    compiled
                        .reads
                        .resource
                        .iter()
                        .any(|r| crate::attr_path::overlaps(u, r))
                        || compiled.reads.item.iter().any(|r| {
                            crate::attr_path::overlaps(
                                u,
                                &crate::attr_path::join_path(&item_prefix, r),
                            )
                        })
                })
                .cloned()
                .collect()
        };
        // A false or an error that read unknown values (the resource's or a
        // neighbour's) is decided again per sub-expression: a known part
        // may decide it either way.
        let redecide = || {
            let unknowns = tri::Unknowns::new(&resource.unknown, &bound.related_unknown)
                .with_partial_text(&resource.partial_text);
            if unknowns.is_empty() {
                return None;
            }
            Some(tri::decide(
                compiled.program.expression(),
                &context,
                &unknowns,
                item_path.as_deref(),
            ))
        };
        let (status, unknown) = match outcome {
            // A pass that read an input nobody gave may be wrong too:
            // `"0.0.0.0/0" in cidr_blocks` is false while the list holds only
            // `var.cidr`, which may be that very string. (A value computed
            // by another resource, an ARN or an id, is not re-decided: it
            // never equals the literals conditions compare with, and
            // `kms_key_id != ""` over `aws_kms_key.k.arn` is a pass.)
            Ok(cel::Value::Bool(true))
                if policy.judges_literals || !reads_unset_input(resource, &relevant_unknowns()) =>
            {
                out.passed[policy_index] += 1;
                continue;
            }
            Ok(cel::Value::Bool(true)) => match redecide() {
                Some(tri::Decided::False) => (Status::Fail, Vec::new()),
                Some(tri::Decided::Unknown(paths)) if !paths.is_empty() => {
                    (Status::Unknown, paths.into_iter().collect())
                }
                _ => {
                    out.passed[policy_index] += 1;
                    continue;
                }
            },
            Ok(cel::Value::Bool(false)) => {
                let unknown = relevant_unknowns();
                let neighbours_unknown =
                    compiled.uses_related() && bound.related_unknown.iter().any(|u| !u.is_empty());
                if unknown.is_empty() && !neighbours_unknown {
                    (Status::Fail, unknown)
                } else {
                    match redecide() {
                        Some(tri::Decided::False) => (Status::Fail, Vec::new()),
                        Some(tri::Decided::True) => {
                            out.passed[policy_index] += 1;
                            continue;
                        }
                        Some(tri::Decided::Unknown(paths)) if !paths.is_empty() => {
                            (Status::Unknown, paths.into_iter().collect())
                        }
                        // Not decided here: as the plain evaluation says.
                        _ if unknown.is_empty() => (Status::Fail, unknown),
                        _ => (Status::Unknown, unknown),
                    }
                }
            }
            Ok(other) => {
                out.diagnostics.push(policy_bug(
                    policy,
                    resource,
                    format!("condition returned {other:?}, not a bool"),
                ));
                continue;
            }
            // An error while reading an unknown value is simply unknown.
            // Otherwise a value has a type the condition does not handle:
            // invalid input (Terraform would reject it) or a policy that
            // misses a case. Either way the result cannot be judged: unknown,
            // with a warning that says so. (The meta-tests hold built-in
            // policies to no such warning on their fixtures.)
            Err(error) => {
                let unknown = relevant_unknowns();
                match (unknown.is_empty(), redecide()) {
                    (false, Some(tri::Decided::False)) => {
                        out.results.push(result(
                            compiled,
                            policy_index,
                            resource_index,
                            resource,
                            Status::Fail,
                            item_path,
                            Vec::new(),
                            Some(&context),
                        ));
                        continue;
                    }
                    (false, Some(tri::Decided::True)) => {
                        out.passed[policy_index] += 1;
                        continue;
                    }
                    _ => {}
                }
                if unknown.is_empty() {
                    out.diagnostics.push(Diagnostic::warning(
                        format!(
                            "policy {} ({}) could not be evaluated on {}: {error}; an attribute has a type the policy does not expect (input Terraform or the API server would reject, or a case the policy misses); the result is unknown",
                            policy.info.id, policy.info.source, resource.address
                        ),
                        Some(resource.location.clone()),
                    ));
                }
                (Status::Unknown, unknown)
            }
        };
        out.results.push(result(
            compiled,
            policy_index,
            resource_index,
            resource,
            status,
            item_path,
            unknown,
            Some(&context),
        ));
    }
}

fn policy_bug(policy: &Policy, resource: &Resource, message: String) -> Diagnostic {
    Diagnostic::error(
        format!(
            "policy {} ({}) is broken on {}: {message}; this is a bug in the policy, please report it",
            policy.info.id, policy.info.source, resource.address
        ),
        Some(resource.location.clone()),
    )
}

#[allow(clippy::too_many_arguments)]
fn result(
    compiled: &Compiled,
    policy_index: usize,
    resource_index: usize,
    resource: &Resource,
    status: Status,
    item_path: Option<String>,
    unknown_paths: Vec<String>,
    context: Option<&cel::Context>,
) -> Evaluation {
    let base = item_path.clone().unwrap_or_default();
    // Candidates whose `when` holds (a `when` that cannot be evaluated, or
    // an unknown result's, does not).
    let holding: Vec<&super::LocationCandidate> = compiled
        .location
        .iter()
        .filter(|candidate| match (&candidate.when, context) {
            (None, _) => true,
            (Some(when), Some(context)) => {
                status == Status::Fail
                    && matches!(when.execute(context), Ok(cel::Value::Bool(true)))
            }
            (Some(_), None) => false,
        })
        .collect();
    let mut reasons: Vec<String> = holding
        .iter()
        .filter_map(|candidate| candidate.says.clone())
        .collect();
    reasons.dedup();
    let candidates: Vec<(String, bool)> = holding
        .iter()
        // `/path` is a path of the resource, not of the item: a pod-level
        // setting a container inherits.
        .map(|candidate| match candidate.path.strip_prefix('/') {
            Some(of_resource) => (of_resource.to_string(), true),
            None => (crate::attr_path::join_path(&base, &candidate.path), false),
        })
        .collect();
    // The first candidate written in the source; if none is, the nearest
    // written parent of the first.
    let located = candidates
        .iter()
        .find_map(|(path, of_resource)| {
            let location = resource.attribute_locations.get(path)?;
            Some((path.clone(), *of_resource, location))
        })
        .or_else(|| {
            candidates.iter().find_map(|(path, of_resource)| {
                let location = resource.location_of(path)?;
                Some((path.clone(), *of_resource, location))
            })
        });
    let (path, location) = match located {
        // A result on an item located at a setting of the resource keeps the
        // item's path: each container's result stays its own (fingerprint).
        Some((_, true, location)) if !base.is_empty() => (Some(base.clone()), location.clone()),
        Some((path, _, location)) => (Some(path), location.clone()),
        None if !base.is_empty() => (
            Some(base.clone()),
            resource
                .location_of(&base)
                .unwrap_or(&resource.location)
                .clone(),
        ),
        None => (None, resource.location.clone()),
    };
    let read_paths = compiled
        .reads
        .resource
        .iter()
        .cloned()
        .chain(
            compiled
                .reads
                .item
                .iter()
                .map(|read| crate::attr_path::join_path(&base, read)),
        )
        .collect();
    Evaluation {
        policy: policy_index,
        resource: resource_index,
        status,
        item_path,
        path,
        location,
        unknown_paths,
        reasons,
        read_paths,
    }
}

#[cfg(test)]
mod tests {
    use super::port_range;

    #[test]
    fn iam_action_patterns_match_like_iam() {
        use super::iam_action_matches as m;
        assert!(m("iam:PassRole", "iam:PassRole"));
        assert!(m("IAM:passrole", "iam:PassRole"));
        assert!(m("iam:*", "iam:PassRole"));
        assert!(m("*", "s3:GetObject"));
        assert!(m("ssm:GetParameter*", "ssm:GetParametersByPath"));
        assert!(m("ssm:GetParameter*", "ssm:GetParameter"));
        assert!(m("iam:*Policy", "iam:PutRolePolicy"));
        assert!(m("s3:Get?bject", "s3:GetObject"));
        assert!(m("iam:Put*Policy", "iam:PutUserPolicy"));
        assert!(!m("iam:Put*Policy", "iam:PutUserPolicyX"));
        assert!(!m("iam:Get*", "iam:PassRole"));
        assert!(!m("s3:GetObject", "s3:GetObjectVersion"));
        assert!(!m("iam:PassRole", "iam:*"));
        assert!(!m("", "iam:PassRole"));
    }

    /// A list written as a map (`containers:` with keys) has no elements to
    /// check: one warning per list and resource, at the list, however many
    /// policies iterate it, and no result from those policies.
    #[test]
    fn a_list_written_as_a_map_is_one_warning_per_resource_not_per_policy() {
        use crate::normalise::Normaliser;
        use crate::sources::{kubernetes, SourceFile};
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    app:\n      image: nginx\n";
        let normaliser = Normaliser::builtin().unwrap();
        let file = SourceFile {
            display: "p.yaml".into(),
            text: text.into(),
        };
        let loaded = kubernetes::load(&file, normaliser.kubernetes(), true);
        let mut diagnostics = Vec::new();
        let resources = normaliser.normalise(loaded.resources, &mut diagnostics);
        let graph = crate::graph::ResourceGraph::build(resources);
        let registry = crate::policy::Registry::builtin().unwrap();
        let iterating = registry
            .policies()
            .iter()
            .filter(|p| {
                p.each_paths(crate::normalise::kubernetes::POD_SPEC)
                    .is_some_and(|paths| paths.contains(&"containers"))
            })
            .count();
        assert!(iterating > 1, "several policies iterate containers");
        let evaluated = super::evaluate(&registry, &graph);
        let warnings: Vec<_> = evaluated
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("not a list"))
            .collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(
            warnings[0].message,
            "containers of k8s/v1/Pod/default/p/spec is a map, not a list; policies that check each of its elements did not check it"
        );
        assert_eq!(warnings[0].location.as_ref().map(|l| l.start_line), Some(6));
    }

    #[test]
    fn port_range_reads_ports_ranges_and_star() {
        let range = port_range;
        assert_eq!(range("22"), vec![22, 22]);
        assert_eq!(range("1000-2000"), vec![1000, 2000]);
        assert_eq!(range(" 27017 - 27019 "), vec![27017, 27019]);
        assert_eq!(range("*"), vec![0, 65535]);
        // Not a port or range: covers no port.
        for bad in [
            "",
            "ssh",
            "2000-1000",
            "70000",
            "-5",
            "1-2-3",
            "VirtualNetwork",
        ] {
            assert_eq!(range(bad), vec![-1, -1], "{bad}");
        }
    }
}

#[cfg(test)]
mod matches_tests {
    fn run(condition: &str) -> Result<cel::Value, cel::ExecutionError> {
        let mut context = cel::Context::default();
        super::add_functions(&mut context);
        cel::Program::compile(condition)
            .expect("compiles")
            .execute(&context)
    }

    #[test]
    fn matches_works_as_a_method_and_as_a_function_and_repeats_from_the_cache() {
        for _ in 0..3 {
            assert_eq!(
                run("'DB_PASSWORD'.matches('(?i)pass(word)?$')"),
                Ok(cel::Value::Bool(true))
            );
            assert_eq!(
                run("matches('TOKENS', '^token$')"),
                Ok(cel::Value::Bool(false))
            );
        }
    }

    #[test]
    fn an_invalid_pattern_is_an_error_every_time_not_a_match() {
        for _ in 0..2 {
            let error = run("'x'.matches('(x')").expect_err("invalid regex");
            assert!(error.to_string().contains("not a valid regex"), "{error}");
        }
    }
}
