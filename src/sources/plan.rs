//! Terraform plans (`terraform show -json PLAN`): every resource the plan
//! creates or updates, with its planned values (`change.after`), the values
//! known only after apply (`change.after_unknown`) as unknowns, and edges
//! from the `configuration` section's references. Plans are adapted
//! directly, never turned back into HCL. When the configuration is at hand,
//! each resource takes the source locations of its `.tf` block, so findings
//! point at `.tf` lines; otherwise they point at the plan file.

use super::SourceFile;
use crate::model::{Diagnostic, LineIndex, Location, Reference, Resource};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Whether a JSON text is a Terraform plan (by content, not by name). The
/// test is textual, so a plan broken mid-file is still recognised and its
/// error reported, not silently skipped.
pub fn is_plan(text: &str) -> bool {
    let head: String = text.chars().take(4096).collect();
    head.trim_start().starts_with('{')
        && head.contains("\"format_version\"")
        && (text.contains("\"resource_changes\"") || text.contains("\"planned_values\""))
}

/// What loading a plan produced.
#[derive(Default)]
pub struct LoadedPlan {
    pub resources: Vec<Resource>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads the managed resources of a plan. `source` holds the configuration's
/// resources as loaded from `.tf` files (empty when not available), used
/// only for locations.
pub fn load(file: &SourceFile, source: &[Resource]) -> LoadedPlan {
    let mut out = LoadedPlan::default();
    let plan: Value = match serde_json::from_str(&file.text) {
        Ok(plan) => plan,
        Err(error) => {
            let lines = LineIndex::new(&file.text);
            let offset = lines.offset(error.line(), error.column());
            out.diagnostics.push(Diagnostic::error(
                format!("cannot parse plan JSON: {error}"),
                Some(lines.location(&file.display, offset..offset)),
            ));
            return out;
        }
    };
    let plan_locator = super::JsonLocator::new(file, "\"resource_changes\"");
    let configuration = configuration(&plan);
    let by_address: HashMap<&str, &Resource> =
        source.iter().map(|r| (r.address.as_str(), r)).collect();

    let entries = match plan.get("resource_changes") {
        Some(Value::Array(changes)) => changes
            .iter()
            .enumerate()
            .filter_map(|(i, change)| {
                change_entry(
                    change,
                    &format!("resource_changes[{i}]"),
                    &plan_locator,
                    &mut out.diagnostics,
                )
            })
            .collect(),
        Some(_) => {
            out.diagnostics
                .push(structure_error(file, "resource_changes", "is not an array"));
            Vec::new()
        }
        None => {
            out.diagnostics.push(Diagnostic::warning(
                "plan has no resource_changes: values known only after apply are missing from planned_values, so a check on them may report a failure that is only unknown",
                Some(Location::file_start(&file.display)),
            ));
            planned_entries(&plan, &mut out.diagnostics, file)
        }
    };

    for entry in entries {
        let mut unknown = BTreeSet::new();
        let mut attributes = Map::new();
        if let Value::Object(values) = entry.after {
            for (key, value) in values {
                if let Some(value) = without_nulls(value) {
                    attributes.insert(key.clone(), value);
                }
            }
        }
        if let Some(after_unknown) = entry.after_unknown {
            mark_unknown(after_unknown, "", &mut attributes, &mut unknown);
        }
        let config_address = config_address(&entry.address);
        let config = configuration.get(&config_address);
        // Unknown and not written in the configuration: a value the provider
        // computes (an id, a default), the same as unset in the source.
        if let Some(config) = config {
            unknown.retain(|path| {
                let top = path.split(['.', '[']).next().unwrap_or(path);
                let written = config.written.contains(top);
                if !written && !path.contains(['.', '[']) {
                    attributes.remove(top);
                }
                written
            });
        }
        // `aws_s3_bucket.b["x"]` and `module.m[0].aws_s3_bucket.b` take the
        // locations of the block that declares them.
        let declared = by_address
            .get(entry.address.as_str())
            .or_else(|| by_address.get(strip_last_index(&entry.address).as_str()))
            .copied();
        let (location, attribute_locations, suppressions) = match declared {
            // A plan's findings take the source's locations, and so its
            // inline suppressions.
            Some(declared) => (
                declared.location.clone(),
                declared.attribute_locations.clone(),
                declared.suppressions.clone(),
            ),
            None => (
                plan_locator.locate("address", &entry.address),
                BTreeMap::new(),
                Vec::new(),
            ),
        };
        // The AWS provider 6 plans a `region` for every resource; before it,
        // the region is the provider configuration's.
        if entry.resource_type.starts_with("aws_") && !attributes.contains_key("region") {
            if let Some(region) = config.and_then(|c| c.provider_region.clone()) {
                attributes.insert("region".to_string(), Value::String(region));
            }
        }
        let references = config
            .map(|config| {
                config
                    .references
                    .iter()
                    .map(|(path, target)| Reference {
                        path: path.clone(),
                        target: target.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.resources.push(Resource {
            provider: entry
                .resource_type
                .split('_')
                .next()
                .unwrap_or(&entry.resource_type)
                .to_string(),
            address: entry.address,
            resource_type: entry.resource_type,
            attributes,
            location,
            attribute_locations,
            unknown,
            references,
            folded: Vec::new(),
            folded_at: Vec::new(),
            value_origins: BTreeMap::new(),
            partial_text: BTreeMap::new(),
            unloaded_modules: BTreeMap::new(),
            document: None,
            suppressions,
            live: None,
            namespace: Some(file.display.clone()),
        });
    }
    out
}

struct Entry<'a> {
    address: String,
    resource_type: String,
    after: &'a Value,
    after_unknown: Option<&'a Value>,
}

/// A managed resource that the plan keeps (not one it deletes).
fn change_entry<'a>(
    change: &'a Value,
    path: &str,
    locator: &super::JsonLocator,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Entry<'a>> {
    if change.get("mode").and_then(Value::as_str) != Some("managed") {
        return None;
    }
    let (Some(address), Some(resource_type)) = (
        change.get("address").and_then(Value::as_str),
        change.get("type").and_then(Value::as_str),
    ) else {
        // No address to find it by: the `resource_changes` section.
        diagnostics.push(Diagnostic::error(
            format!("plan: {path} has no string address or type; it is skipped"),
            Some(locator.section()),
        ));
        return None;
    };
    let change_body = change.get("change")?;
    let actions: Vec<&str> = change_body
        .get("actions")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if actions == ["delete"] {
        return None;
    }
    let after = change_body.get("after")?;
    if !after.is_object() {
        if !after.is_null() {
            diagnostics.push(Diagnostic::error(
                format!("plan: {path}.change.after is not an object; {address} is skipped"),
                Some(locator.locate("address", address)),
            ));
        }
        return None;
    }
    Some(Entry {
        address: address.to_string(),
        resource_type: resource_type.to_string(),
        after,
        after_unknown: change_body.get("after_unknown"),
    })
}

/// Resources from `planned_values` when the plan has no `resource_changes`.
fn planned_entries<'a>(
    plan: &'a Value,
    diagnostics: &mut Vec<Diagnostic>,
    file: &SourceFile,
) -> Vec<Entry<'a>> {
    let mut entries = Vec::new();
    let mut stack = match plan.pointer("/planned_values/root_module") {
        Some(root) => vec![(root, "planned_values.root_module".to_string())],
        None => {
            diagnostics.push(structure_error(
                file,
                "planned_values.root_module",
                "is missing",
            ));
            return entries;
        }
    };
    while let Some((module, path)) = stack.pop() {
        for (i, resource) in module
            .get("resources")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            if resource.get("mode").and_then(Value::as_str) != Some("managed") {
                continue;
            }
            match (
                resource.get("address").and_then(Value::as_str),
                resource.get("type").and_then(Value::as_str),
                resource.get("values"),
            ) {
                (Some(address), Some(resource_type), Some(values)) if values.is_object() => entries
                    .push(Entry {
                        address: address.to_string(),
                        resource_type: resource_type.to_string(),
                        after: values,
                        after_unknown: None,
                    }),
                _ => diagnostics.push(structure_error(
                    file,
                    &format!("{path}.resources[{i}]"),
                    "needs address, type and an object of values",
                )),
            }
        }
        for (i, child) in module
            .get("child_modules")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            stack.push((child, format!("{path}.child_modules[{i}]")));
        }
    }
    entries
}

fn structure_error(file: &SourceFile, json_path: &str, problem: &str) -> Diagnostic {
    Diagnostic::error(
        format!("plan: {json_path} {problem}"),
        Some(Location::file_start(&file.display)),
    )
}

/// Nulls are unset attributes: drop them from objects (not from lists).
fn without_nulls(value: &Value) -> Option<Value> {
    match value {
        Value::Null => None,
        Value::Object(map) => Some(Value::Object(
            map.iter()
                .filter_map(|(k, v)| without_nulls(v).map(|v| (k.clone(), v)))
                .collect(),
        )),
        Value::Array(items) => Some(Value::Array(
            items
                .iter()
                .map(|v| without_nulls(v).unwrap_or(Value::Null))
                .collect(),
        )),
        other => Some(other.clone()),
    }
}

/// `after_unknown` mirrors `after`: `true` where a value is known only after
/// apply. Those paths are recorded as unknown, present with a null value.
fn mark_unknown(
    marks: &Value,
    prefix: &str,
    values: &mut Map<String, Value>,
    unknown: &mut BTreeSet<String>,
) {
    let Value::Object(marks) = marks else { return };
    for (key, mark) in marks {
        let path = crate::attr_path::join_key(prefix, key);
        match mark {
            Value::Bool(true) => {
                values.insert(key.clone(), Value::Null);
                unknown.insert(path);
            }
            Value::Object(_) => {
                if let Some(Value::Object(inner)) = values.get_mut(key) {
                    mark_unknown(mark, &path, inner, unknown);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let item_path = crate::attr_path::join_index(&path, i);
                    match (item, values.get_mut(key).and_then(|v| v.get_mut(i))) {
                        (Value::Bool(true), Some(slot)) => {
                            *slot = Value::Null;
                            unknown.insert(item_path);
                        }
                        (Value::Object(_), Some(Value::Object(inner))) => {
                            mark_unknown(item, &item_path, inner, unknown);
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// `module.m[0].aws_s3_bucket.b["x"]` -> `module.m.aws_s3_bucket.b`: the
/// address of the configuration block.
fn config_address(address: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    let mut in_string = false;
    for c in address.chars() {
        match c {
            '"' if depth > 0 => in_string = !in_string,
            '[' if !in_string => depth += 1,
            ']' if !in_string => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// `aws_s3_bucket.b[0]` -> `aws_s3_bucket.b` (only the last index).
fn strip_last_index(address: &str) -> String {
    match address.rfind('[') {
        Some(i) if address.ends_with(']') && !address[i..].contains('.') => {
            address[..i].to_string()
        }
        _ => address.to_string(),
    }
}

/// What the configuration says of a resource block.
#[derive(Default)]
struct Configured {
    /// Top-level attributes and blocks written in the block.
    written: BTreeSet<String>,
    /// (attribute path, referenced resource address).
    references: Vec<(String, String)>,
    /// The region of its provider configuration, when the plan gives it.
    provider_region: Option<String>,
}

/// The configuration of each resource block, by configuration address.
fn configuration(plan: &Value) -> HashMap<String, Configured> {
    let mut out = HashMap::new();
    if let Some(root) = plan.pointer("/configuration/root_module") {
        collect_module_configuration(root, "", &mut out);
    }
    let regions = provider_regions(plan);
    for (address, configured) in out.iter_mut() {
        configured.provider_region = match configured.provider_region.take() {
            Some(key) => regions.get(&key).cloned(),
            // A root resource without a key uses the default `aws`.
            None if !address.starts_with("module.") => regions.get("aws").cloned(),
            None => None,
        };
    }
    out
}

/// The region of each provider configuration of the plan (`aws`,
/// `aws.ireland`): a constant, or a root variable's value.
fn provider_regions(plan: &Value) -> HashMap<String, String> {
    let Some(Value::Object(configs)) = plan.pointer("/configuration/provider_config") else {
        return HashMap::new();
    };
    configs
        .iter()
        .filter_map(|(key, config)| {
            let region = config.pointer("/expressions/region")?;
            let value = match region.get("constant_value") {
                Some(value) => value,
                None => {
                    let [reference] = region.get("references")?.as_array()?.as_slice() else {
                        return None;
                    };
                    let variable = reference.as_str()?.strip_prefix("var.")?;
                    plan.pointer(&format!("/variables/{variable}/value"))?
                }
            };
            Some((key.clone(), value.as_str()?.to_string()))
        })
        .collect()
}

fn collect_module_configuration(
    module: &Value,
    prefix: &str,
    out: &mut HashMap<String, Configured>,
) {
    for resource in module
        .get("resources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (Some(address), Some(Value::Object(expressions))) = (
            resource.get("address").and_then(Value::as_str),
            resource.get("expressions"),
        ) else {
            continue;
        };
        let mut configured = Configured {
            // The key for now; `configuration` turns it into the region.
            provider_region: resource
                .get("provider_config_key")
                .and_then(Value::as_str)
                .map(str::to_string),
            ..Configured::default()
        };
        for (key, expression) in expressions {
            configured.written.insert(key.clone());
            expression_references(expression, key, prefix, &mut configured.references);
        }
        out.insert(format!("{prefix}{address}"), configured);
    }
    if let Some(Value::Object(calls)) = module.get("module_calls") {
        for (name, call) in calls {
            if let Some(child) = call.get("module") {
                collect_module_configuration(child, &format!("{prefix}module.{name}."), out);
            }
        }
    }
}

/// An expression is `{"references": [...], "constant_value": ...}`, or a
/// nested block: a list of objects of expressions.
fn expression_references(
    expression: &Value,
    path: &str,
    prefix: &str,
    refs: &mut Vec<(String, String)>,
) {
    match expression {
        Value::Object(map) if map.contains_key("references") => {
            for reference in map["references"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if let Some(target) = resource_of(reference) {
                    let entry = (path.to_string(), format!("{prefix}{target}"));
                    if !refs.contains(&entry) {
                        refs.push(entry);
                    }
                }
            }
        }
        Value::Object(map) if !map.contains_key("constant_value") => {
            for (key, inner) in map {
                expression_references(inner, &crate::attr_path::join_key(path, key), prefix, refs);
            }
        }
        Value::Array(blocks) => {
            for (i, block) in blocks.iter().enumerate() {
                expression_references(block, &crate::attr_path::join_index(path, i), prefix, refs);
            }
        }
        _ => {}
    }
}

/// The resource a reference names: `aws_kms_key.k.arn` -> `aws_kms_key.k`,
/// `data.x.y.json` -> `data.x.y`; `var.x`, `local.x`, `each.key` -> none.
fn resource_of(reference: &str) -> Option<String> {
    let parts: Vec<&str> = reference.split('.').collect();
    match parts.as_slice() {
        ["var" | "local" | "each" | "count" | "path" | "terraform" | "self", ..] => None,
        ["module", name, ..] => Some(format!("module.{name}")),
        ["data", kind, name, ..] => Some(format!("data.{kind}.{name}")),
        [kind, name, ..] => Some(format!("{kind}.{}", name.split('[').next().unwrap_or(name))),
        _ => None,
    }
}

/// Finds the line of a resource in the plan file: its `"address"` inside
/// `resource_changes`.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_map_to_their_configuration_block() {
        assert_eq!(
            config_address("module.m[0].aws_s3_bucket.b[\"x.y\"]"),
            "module.m.aws_s3_bucket.b"
        );
        assert_eq!(strip_last_index("aws_s3_bucket.b[2]"), "aws_s3_bucket.b");
        assert_eq!(
            resource_of("aws_kms_key.k.arn").as_deref(),
            Some("aws_kms_key.k")
        );
        assert_eq!(resource_of("var.x"), None);
    }

    #[test]
    fn after_unknown_marks_nested_values() {
        let mut values = serde_json::json!({"a": 1, "b": [{"c": "x"}]})
            .as_object()
            .unwrap()
            .clone();
        let mut unknown = BTreeSet::new();
        mark_unknown(
            &serde_json::json!({"id": true, "b": [{"c": true}]}),
            "",
            &mut values,
            &mut unknown,
        );
        assert_eq!(unknown.into_iter().collect::<Vec<_>>(), ["b[0].c", "id"]);
        assert_eq!(values["id"], Value::Null);
    }

    #[test]
    fn resources_take_their_provider_configuration_region() {
        let plan = serde_json::json!({
            "variables": {"region": {"value": "eu-west-2"}},
            "resource_changes": [
                {"address": "aws_s3_bucket.uk", "mode": "managed", "type": "aws_s3_bucket",
                 "change": {"actions": ["create"], "after": {"bucket": "uk"}, "after_unknown": {}}},
                {"address": "aws_s3_bucket.ie", "mode": "managed", "type": "aws_s3_bucket",
                 "change": {"actions": ["create"], "after": {"bucket": "ie"}, "after_unknown": {}}},
                {"address": "aws_s3_bucket.own", "mode": "managed", "type": "aws_s3_bucket",
                 "change": {"actions": ["create"], "after": {"bucket": "own", "region": "us-east-1"}, "after_unknown": {}}}
            ],
            "configuration": {
                "provider_config": {
                    "aws": {"name": "aws", "expressions": {"region": {"references": ["var.region"]}}},
                    "aws.ireland": {"name": "aws", "alias": "ireland", "expressions": {"region": {"constant_value": "eu-west-1"}}}
                },
                "root_module": {"resources": [
                    {"address": "aws_s3_bucket.uk", "provider_config_key": "aws", "expressions": {"bucket": {"constant_value": "uk"}}},
                    {"address": "aws_s3_bucket.ie", "provider_config_key": "aws.ireland", "expressions": {"bucket": {"constant_value": "ie"}}},
                    {"address": "aws_s3_bucket.own", "provider_config_key": "aws", "expressions": {"bucket": {"constant_value": "own"}}}
                ]}
            }
        });
        let file = SourceFile {
            display: "plan.json".into(),
            text: plan.to_string(),
        };
        let loaded = load(&file, &[]);
        let regions: Vec<(&str, Option<&str>)> = loaded
            .resources
            .iter()
            .map(|r| {
                (
                    r.address.as_str(),
                    r.attributes.get("region").and_then(Value::as_str),
                )
            })
            .collect();
        assert_eq!(
            regions,
            [
                ("aws_s3_bucket.uk", Some("eu-west-2")),
                ("aws_s3_bucket.ie", Some("eu-west-1")),
                ("aws_s3_bucket.own", Some("us-east-1")),
            ]
        );
    }

    /// Every diagnostic of a plan has a location, as the `plan` fuzz
    /// target requires; these two had none.
    #[test]
    fn skipped_changes_are_located() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/testdata/fuzz-regressions/plan/unlocated-change-without-address.json"
        ))
        .expect("the regression input");
        let file = SourceFile {
            display: "plan.json".into(),
            text,
        };
        let loaded = load(&file, &[]);
        assert!(loaded.resources.is_empty());
        let located: Vec<(u32, &str)> = loaded
            .diagnostics
            .iter()
            .map(|d| {
                let line = d.location.as_ref().map_or(0, |l| l.start_line);
                (line, d.message.as_str())
            })
            .collect();
        assert_eq!(
            located,
            [
                (
                    3,
                    "plan: resource_changes[0] has no string address or type; it is skipped"
                ),
                (
                    5,
                    "plan: resource_changes[1].change.after is not an object; aws_s3_bucket.b is skipped"
                ),
            ]
        );
    }
}
