//! Data sources whose result is known from their configuration alone:
//! `aws_iam_policy_document` renders its `statement` blocks into the policy
//! JSON, so IAM policies written with it are checked like literal JSON; an
//! `aws_ssm_parameter` of AWS's public namespace (`/aws/service/...`, such as
//! the latest Amazon Linux AMI) is the `resolve:ssm:NAME` reference EC2
//! itself accepts for an image id, so a policy can tell which image family
//! an instance runs. Every other data source reads the cloud and is unknown.

use super::eval::Eval;
use crate::model::Resource;
use serde_json::{json, Map, Value};

/// The data source's attributes (`json`, `minified_json`) when they can be
/// computed from its configuration, `None` otherwise.
pub fn evaluate(data: &Resource) -> Option<Eval> {
    match data.resource_type.as_str() {
        "aws_iam_policy_document" => iam_policy_document(data),
        "aws_ssm_parameter" => public_parameter(data),
        _ => None,
    }
}

/// A public parameter's value is not known before apply (AWS updates it),
/// but what it names is: `resolve:ssm:/aws/service/ami-amazon-linux-latest/
/// al2023-ami-kernel-default-x86_64` is always an Amazon Linux 2023 AMI.
fn public_parameter(data: &Resource) -> Option<Eval> {
    let name = data.attributes.get("name")?.as_str()?;
    if !name.starts_with("/aws/service/") || data.unknown.contains("name") {
        return None;
    }
    let value = Eval::String(format!("resolve:ssm:{name}"));
    Some(Eval::Object(
        [
            ("name".to_string(), Eval::String(name.to_string())),
            ("value".to_string(), value.clone()),
            ("insecure_value".to_string(), value),
        ]
        .into(),
    ))
}

fn iam_policy_document(data: &Resource) -> Option<Eval> {
    // A statement from elsewhere, or an unknown value, makes the document unknown.
    let merged = [
        "source_policy_documents",
        "override_policy_documents",
        "source_json",
        "override_json",
    ];
    if !data.unknown.is_empty() || merged.iter().any(|k| data.attributes.contains_key(*k)) {
        return None;
    }
    let attributes = &data.attributes;
    let statements = attributes
        .get("statement")
        .and_then(Value::as_array)
        .map(|statements| statements.iter().map(statement).collect::<Vec<_>>())
        .unwrap_or_default();
    let mut document = Map::new();
    document.insert(
        "Version".into(),
        attributes
            .get("version")
            .cloned()
            .unwrap_or(json!("2012-10-17")),
    );
    if let Some(id) = attributes.get("policy_id") {
        document.insert("Id".into(), id.clone());
    }
    document.insert("Statement".into(), Value::Array(statements));
    let text = serde_json::to_string(&Value::Object(document)).ok()?;
    Some(Eval::Object(
        [
            ("json".to_string(), Eval::String(text.clone())),
            ("minified_json".to_string(), Eval::String(text)),
        ]
        .into(),
    ))
}

fn statement(block: &Value) -> Value {
    let mut out = Map::new();
    let field = |key: &str| block.get(key).cloned();
    if let Some(sid) = field("sid") {
        out.insert("Sid".into(), sid);
    }
    out.insert("Effect".into(), field("effect").unwrap_or(json!("Allow")));
    for (from, to) in [
        ("actions", "Action"),
        ("not_actions", "NotAction"),
        ("resources", "Resource"),
        ("not_resources", "NotResource"),
    ] {
        if let Some(value) = field(from) {
            out.insert(to.into(), value);
        }
    }
    for (from, to) in [
        ("principals", "Principal"),
        ("not_principals", "NotPrincipal"),
    ] {
        if let Some(Value::Array(blocks)) = field(from) {
            out.insert(to.into(), principals(&blocks));
        }
    }
    if let Some(Value::Array(conditions)) = field("condition") {
        let mut by_test: Map<String, Value> = Map::new();
        for condition in &conditions {
            let (Some(test), Some(variable)) = (
                condition.get("test").and_then(Value::as_str),
                condition.get("variable").and_then(Value::as_str),
            ) else {
                continue;
            };
            let values = condition.get("values").cloned().unwrap_or(json!([]));
            if let Value::Object(vars) = by_test.entry(test).or_insert_with(|| json!({})) {
                vars.insert(variable.into(), values);
            }
        }
        out.insert("Condition".into(), Value::Object(by_test));
    }
    Value::Object(out)
}

/// `principals { type = "AWS", identifiers = [...] }` blocks as a Principal:
/// `{"AWS": [...]}`, or `"*"` for `type = "*"`.
fn principals(blocks: &[Value]) -> Value {
    let mut out: Map<String, Value> = Map::new();
    for block in blocks {
        let Some(kind) = block.get("type").and_then(Value::as_str) else {
            continue;
        };
        let identifiers = block
            .get("identifiers")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if kind == "*" {
            return json!("*");
        }
        if let Value::Array(existing) = out.entry(kind).or_insert_with(|| json!([])) {
            existing.extend(identifiers);
        }
    }
    Value::Object(out)
}
