//! Data sources whose result is known from their configuration alone:
//! `aws_iam_policy_document` renders its `statement` blocks into the policy
//! JSON, so IAM policies written with it are checked like literal JSON; an
//! `aws_ssm_parameter` of AWS's public namespace (`/aws/service/...`, such as
//! the latest Amazon Linux AMI) is the `resolve:ssm:NAME` reference EC2
//! itself accepts for an image id, so a policy can tell which image family
//! an instance runs. Every other data source reads the cloud and is unknown.

use super::eval::{Eval, UNKNOWN_MARK};
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
    if data.unknown.is_empty() {
        let text = serde_json::to_string(&document(&data.attributes)?).ok()?;
        return Some(Eval::Object(
            [
                ("json".to_string(), Eval::String(text.clone())),
                ("minified_json".to_string(), Eval::String(text)),
            ]
            .into(),
        ));
    }
    // Unknown values only where a statement keeps its shape (an action, a
    // principal's identifiers, a condition's values): the document is a
    // JSON text with those values unknown. Any other unknown (a dynamic
    // statement or principals block, a merged document) leaves it unknown.
    if !data.unknown.iter().all(|path| is_value_in_statement(path)) {
        return None;
    }
    let mut attributes = data.attributes.clone();
    for path in &data.unknown {
        mark_unknown(&mut attributes, path);
    }
    let shape = Eval::JsonText(Box::new(Eval::from_marked_json(&document(&attributes)?)));
    Some(Eval::Object(
        [
            ("json".to_string(), shape.clone()),
            ("minified_json".to_string(), shape),
        ]
        .into(),
    ))
}

/// Whether an unknown path of an `aws_iam_policy_document` is a value that
/// leaves the statements' shape known: `statement[0].actions[1]`,
/// `statement[0].principals[0].identifiers`, `statement[0].condition[0].values`.
/// An unknown principal type or condition key makes that `Principal` or
/// `Condition` unknown as a whole (its keys are not known), not the rest.
fn is_value_in_statement(path: &str) -> bool {
    use crate::attr_path::PathSegment::{Index, Key};
    match crate::attr_path::segments(path).as_slice() {
        // A partly known document merged in: its shape, with its own
        // unknown values.
        [Key("source_policy_documents" | "override_policy_documents"), Index(_), ..]
        | [Key("source_json" | "override_json"), ..] => true,
        [Key("statement"), Index(_), Key(field), rest @ ..] => matches!(
            (*field, rest),
            ("sid" | "effect", [])
                | (
                    "actions" | "not_actions" | "resources" | "not_resources",
                    [] | [Index(_)]
                )
                | (
                    "principals" | "not_principals",
                    [Index(_), Key("identifiers" | "type")]
                        | [Index(_), Key("identifiers"), Index(_)]
                )
                | (
                    "condition",
                    [Index(_), Key("values" | "test" | "variable")]
                        | [Index(_), Key("values"), Index(_)]
                )
        ),
        _ => false,
    }
}

/// Puts the unknown mark where `path` is, when that is a `null` (the shape
/// of a partly known document merged in stays as it is).
fn mark_unknown(attributes: &mut Map<String, Value>, path: &str) {
    if let Some(value @ Value::Null) = crate::attr_path::value_at_mut(attributes, path) {
        *value = Value::String(UNKNOWN_MARK.to_string());
    }
}

/// The policy document an `aws_iam_policy_document` renders.
fn document(attributes: &Map<String, Value>) -> Option<Value> {
    let own: Vec<Value> = attributes
        .get("statement")
        .and_then(Value::as_array)
        .map(|statements| statements.iter().map(statement).collect::<Vec<_>>())
        .unwrap_or_default();
    // As the provider merges: the source documents' statements first, this
    // document's replacing any of theirs with the same Sid, then the
    // override documents' replacing any with theirs.
    let mut statements =
        merged_statements(attributes, &["source_policy_documents", "source_json"])?;
    let overrides = merged_statements(attributes, &["override_policy_documents", "override_json"])?;
    // A statement whose Sid is not known may replace, or be replaced by, a
    // statement with a Sid in another layer, or not: which statements the
    // document holds is not known.
    let sid = |statement: &Value| {
        statement
            .get("Sid")
            .and_then(Value::as_str)
            .filter(|sid| !sid.is_empty())
            .map(|sid| sid.contains(UNKNOWN_MARK))
    };
    let layers = [&statements, &own, &overrides];
    let ambiguous = layers.iter().enumerate().any(|(i, layer)| {
        layer.iter().any(|s| sid(s) == Some(true))
            && layers
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && other.iter().any(|s| sid(s).is_some()))
    });
    if ambiguous {
        return None;
    }
    for layer in [own, overrides] {
        for new in layer {
            let sid = new
                .get("Sid")
                .and_then(Value::as_str)
                // An unknown Sid replaces nothing.
                .filter(|s| !s.is_empty() && !s.contains(UNKNOWN_MARK));
            match sid.and_then(|sid| {
                statements
                    .iter()
                    .position(|old| old.get("Sid").and_then(Value::as_str) == Some(sid))
            }) {
                Some(at) => statements[at] = new,
                None => statements.push(new),
            }
        }
    }
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
    Some(Value::Object(document))
}

/// The statements of the documents in `keys` (a list of JSON texts, or
/// one): empty when none is set, `None` when one is not a known policy.
fn merged_statements(attributes: &Map<String, Value>, keys: &[&str]) -> Option<Vec<Value>> {
    let mut statements = Vec::new();
    for key in keys {
        let texts: Vec<&Value> = match attributes.get(*key) {
            None | Some(Value::Null) => continue,
            Some(Value::Array(items)) => items.iter().collect(),
            Some(one) => vec![one],
        };
        for text in texts {
            let document: Value = match text {
                // The shape of a partly known JSON text.
                Value::Object(_) => text.clone(),
                text => serde_json::from_str(text.as_str()?).ok()?,
            };
            match document.get("Statement")? {
                Value::Array(items) => statements.extend(items.iter().cloned()),
                one @ Value::Object(_) => statements.push(one.clone()),
                _ => return None,
            }
        }
    }
    Some(statements)
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
        if kind == "*" {
            return json!("*");
        }
        let entry = out.entry(kind).or_insert_with(|| json!([]));
        match (block.get("identifiers"), &mut *entry) {
            (Some(Value::Array(identifiers)), Value::Array(existing)) => {
                existing.extend(identifiers.iter().cloned())
            }
            // A list not known: this kind's identifiers are not known.
            (Some(unknown @ Value::String(_)), _) => *entry = unknown.clone(),
            _ => {}
        }
    }
    Value::Object(out)
}
