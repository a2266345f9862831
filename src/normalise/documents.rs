//! Decoding of JSON documents held in string attributes (IAM policies), into
//! one regular shape so a policy condition need not handle every spelling
//! the IAM grammar allows.

use super::DocumentFormat;
use crate::model::{Diagnostic, Resource};
use serde_json::{Map, Value};

/// Replaces the JSON string at `attribute` with the decoded, regularised
/// document. Unknown values stay unknown. A document that is not valid JSON,
/// or not of the format's shape, is a warning and becomes unknown: policies
/// cannot judge it, and must not fail on it either.
pub fn decode(
    resource: &mut Resource,
    attribute: &str,
    format: DocumentFormat,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(value) = resource.attributes.get_mut(attribute) else {
        return;
    };
    let decoded = match value {
        Value::String(text) => serde_json::from_str::<Value>(text).map_err(|e| e.to_string()),
        // Already a structure (a plan or snapshot may hold it so).
        Value::Object(_) => Ok(value.take()),
        _ => return,
    };
    let regular = decoded.and_then(|document| match format {
        DocumentFormat::IamPolicy => iam_policy(document),
    });
    match regular {
        Ok(document) => *value = document,
        Err(problem) => {
            *value = Value::Null;
            resource.unknown.insert(attribute.to_string());
            diagnostics.push(Diagnostic::warning(
                format!(
                    "{}: {attribute} is not a valid policy document ({problem}); policies that read it report unknown",
                    resource.address
                ),
                resource.location_of(attribute).cloned(),
            ));
        }
    }
}

/// `Statement` always a list; `Action`, `NotAction`, `Resource`,
/// `NotResource` always lists of strings; `Principal` and `NotPrincipal`
/// always maps of lists (`"*"` is `{"AWS": ["*"]}`).
pub fn iam_policy(document: Value) -> Result<Value, String> {
    let Value::Object(mut document) = document else {
        return Err("the document is not a JSON object".into());
    };
    if let Some(statements) = document.remove("Statement") {
        let statements = match statements {
            Value::Array(items) => items,
            single => vec![single],
        };
        let statements = statements
            .into_iter()
            .map(iam_statement)
            .collect::<Result<Vec<_>, _>>()?;
        document.insert("Statement".into(), Value::Array(statements));
    }
    Ok(Value::Object(document))
}

fn iam_statement(statement: Value) -> Result<Value, String> {
    let Value::Object(mut statement) = statement else {
        return Err("a Statement entry is not a JSON object".into());
    };
    for key in ["Action", "NotAction", "Resource", "NotResource"] {
        if let Some(value) = statement.get_mut(key) {
            *value = as_list(value.take());
        }
    }
    for key in ["Principal", "NotPrincipal"] {
        if let Some(value) = statement.get_mut(key) {
            *value = principal(value.take());
        }
    }
    Ok(Value::Object(statement))
}

fn as_list(value: Value) -> Value {
    match value {
        Value::Array(_) => value,
        Value::Null => Value::Array(Vec::new()),
        single => Value::Array(vec![single]),
    }
}

fn principal(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(kind, ids)| (kind, as_list(ids)))
                .collect::<Map<String, Value>>(),
        ),
        other => {
            let mut map = Map::new();
            map.insert("AWS".into(), as_list(other));
            Value::Object(map)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn single_statement_and_strings_become_lists() {
        let document = iam_policy(json!({
            "Version": "2012-10-17",
            "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": "*"}
        }))
        .unwrap();
        assert_eq!(
            document,
            json!({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": ["*"], "Principal": {"AWS": ["*"]}}]
            })
        );
    }

    #[test]
    fn principal_maps_keep_their_kinds() {
        let document = iam_policy(json!({
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": ["sts:AssumeRole"]}]
        }))
        .unwrap();
        assert_eq!(
            document["Statement"][0]["Principal"],
            json!({"Service": ["ec2.amazonaws.com"]})
        );
        assert_eq!(
            document["Statement"][0]["Action"],
            json!(["sts:AssumeRole"])
        );
    }

    #[test]
    fn documents_that_are_not_iam_shaped_are_rejected() {
        assert!(iam_policy(json!(["x"])).is_err());
        assert!(iam_policy(json!({"Statement": ["x"]})).is_err());
    }
}
