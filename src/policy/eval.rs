//! Evaluation of compiled policies against the resource graph, in parallel
//! per resource. Three-valued: a condition that fails (or errors) while it
//! reads a value unknown before apply gives `Unknown`, never a false `Fail`.

use super::{paths, Policy, Registry};
use crate::graph::ResourceGraph;
use crate::model::{join_index, Diagnostic, Location, Resource};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// Variables a condition can use.
pub const VARIABLES: &[&str] = &["resource", "item", "resource_type", "address"];

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
}

/// Evaluates every policy on every resource it applies to. A condition
/// error that is not explained by unknown values is a bug in the policy: it
/// becomes a diagnostic naming the policy file, not a finding.
pub fn evaluate(registry: &Registry, graph: &ResourceGraph) -> (Vec<Evaluation>, Vec<Diagnostic>) {
    let root = cel::Context::default();
    let by_type = policies_by_type(registry);
    let results: Vec<(Vec<Evaluation>, Vec<Diagnostic>)> = graph
        .resources
        .par_iter()
        .enumerate()
        .map(|(index, resource)| {
            let mut evaluations = Vec::new();
            let mut diagnostics = Vec::new();
            let Some(policies) = by_type.get(resource.resource_type.as_str()) else {
                return (evaluations, diagnostics);
            };
            let bound = Bound::new(resource);
            for &policy_index in policies {
                let policy = &registry.policies()[policy_index];
                evaluate_one(
                    &root,
                    policy,
                    policy_index,
                    index,
                    resource,
                    &bound,
                    &mut evaluations,
                    &mut diagnostics,
                );
            }
            (evaluations, diagnostics)
        })
        .collect();
    let mut evaluations = Vec::new();
    let mut diagnostics = Vec::new();
    for (e, d) in results {
        evaluations.extend(e);
        diagnostics.extend(d);
    }
    (evaluations, diagnostics)
}

fn policies_by_type(registry: &Registry) -> HashMap<&str, Vec<usize>> {
    let mut by_type: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, policy) in registry.policies().iter().enumerate() {
        for t in &policy.resource_types {
            by_type.entry(t.as_str()).or_default().push(i);
        }
    }
    by_type
}

/// A resource's values converted for CEL once, shared by all its policies.
struct Bound {
    attributes: cel::Value,
    resource_type: cel::Value,
    address: cel::Value,
}

impl Bound {
    fn new(resource: &Resource) -> Bound {
        Bound {
            attributes: map_to_cel(&resource.attributes),
            resource_type: cel::Value::String(Arc::new(resource.resource_type.clone())),
            address: cel::Value::String(Arc::new(resource.address.clone())),
        }
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

#[allow(clippy::too_many_arguments)]
fn evaluate_one(
    root: &cel::Context,
    policy: &Policy,
    policy_index: usize,
    resource_index: usize,
    resource: &Resource,
    bound: &Bound,
    evaluations: &mut Vec<Evaluation>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // The items to evaluate: each element of the `each` list, or the resource.
    let items: Vec<(Option<String>, cel::Value)> = match policy.each_path(&resource.resource_type) {
        Some(each) => {
            if resource.unknown.iter().any(|u| paths::overlaps(u, each)) {
                let unknown = resource
                    .unknown
                    .iter()
                    .filter(|u| paths::overlaps(u, each))
                    .cloned()
                    .collect();
                evaluations.push(result(
                    policy,
                    policy_index,
                    resource_index,
                    resource,
                    Status::Unknown,
                    None,
                    unknown,
                ));
                return;
            }
            match crate::normalise::value_at(&resource.attributes, each) {
                Some(Value::Array(elements)) => elements
                    .iter()
                    .enumerate()
                    .map(|(i, element)| (Some(join_index(each, i)), to_cel(element)))
                    .collect(),
                // Nothing to iterate: nothing can fail.
                _ => Vec::new(),
            }
        }
        None => vec![(None, bound.attributes.clone())],
    };

    for (item_path, item) in items {
        let mut context = root.new_inner_scope();
        context.add_variable_from_value("resource", bound.attributes.clone());
        context.add_variable_from_value("item", item);
        context.add_variable_from_value("resource_type", bound.resource_type.clone());
        context.add_variable_from_value("address", bound.address.clone());
        let outcome = policy.program.execute(&context);

        let relevant_unknowns =
            || -> Vec<String> {
                let item_prefix = item_path.clone().unwrap_or_default();
                resource
                    .unknown
                    .iter()
                    .filter(|u| {
                        policy.reads.resource.iter().any(|r| paths::overlaps(u, r))
                            || policy.reads.item.iter().any(|r| {
                                paths::overlaps(u, &crate::model::join_key(&item_prefix, r))
                            })
                    })
                    .cloned()
                    .collect()
            };
        let (status, unknown) = match outcome {
            Ok(cel::Value::Bool(true)) => (Status::Pass, Vec::new()),
            Ok(cel::Value::Bool(false)) => {
                let unknown = relevant_unknowns();
                let status = if unknown.is_empty() {
                    Status::Fail
                } else {
                    Status::Unknown
                };
                (status, unknown)
            }
            Ok(other) => {
                diagnostics.push(policy_bug(
                    policy,
                    resource,
                    format!("condition returned {other:?}, not a bool"),
                ));
                continue;
            }
            Err(error) => {
                let unknown = relevant_unknowns();
                if unknown.is_empty() {
                    diagnostics.push(policy_bug(policy, resource, error.to_string()));
                    continue;
                }
                (Status::Unknown, unknown)
            }
        };
        evaluations.push(result(
            policy,
            policy_index,
            resource_index,
            resource,
            status,
            item_path,
            unknown,
        ));
    }
}

fn policy_bug(policy: &Policy, resource: &Resource, message: String) -> Diagnostic {
    Diagnostic::error(
        format!(
            "policy {} ({}) could not be evaluated on {}: {message}; this is a bug in the policy, please report it",
            policy.id, policy.source, resource.address
        ),
        Some(resource.location.clone()),
    )
}

fn result(
    policy: &Policy,
    policy_index: usize,
    resource_index: usize,
    resource: &Resource,
    status: Status,
    item_path: Option<String>,
    unknown_paths: Vec<String>,
) -> Evaluation {
    let base = item_path.clone().unwrap_or_default();
    let located = policy
        .location
        .iter()
        .map(|candidate| crate::model::join_key(&base, candidate))
        .find_map(|path| resource.location_of(&path).map(|loc| (path, loc)));
    let (path, location) = match located {
        Some((path, location)) => (Some(path), location.clone()),
        None if !base.is_empty() => (
            Some(base.clone()),
            resource
                .location_of(&base)
                .unwrap_or(&resource.location)
                .clone(),
        ),
        None => (None, resource.location.clone()),
    };
    Evaluation {
        policy: policy_index,
        resource: resource_index,
        status,
        item_path,
        path,
        location,
        unknown_paths,
    }
}
