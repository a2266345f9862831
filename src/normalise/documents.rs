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
    // A partly known JSON text: its shape, with its unknown values' paths
    // beside the attribute's own.
    let partial = value.is_object() && resource.unknown.contains(attribute);
    let decoded = match value {
        Value::String(text) => serde_json::from_str::<Value>(text).map_err(|e| e.to_string()),
        // Already a structure (a plan or snapshot may hold it so).
        Value::Object(_) => Ok(value.take()),
        _ => return,
    };
    let regular = decoded.and_then(|document| match format {
        DocumentFormat::IamPolicy => regular_iam_policy(document, partial),
    });
    match regular {
        Ok(document) => {
            *value = document;
            if partial {
                resource.unknown.remove(attribute);
            }
        }
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
/// In a `partial` document, `null` is a value not known (its path is in the
/// resource's unknown paths) and stays where it is, whatever its place.
fn regular_iam_policy(document: Value, partial: bool) -> Result<Value, String> {
    let Value::Object(mut document) = document else {
        return Err("the document is not a JSON object".into());
    };
    if let Some(statements) = document.remove("Statement") {
        let statements = match statements {
            Value::Array(items) => Value::Array(
                items
                    .into_iter()
                    .map(|statement| iam_statement(statement, partial))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            Value::Null if partial => Value::Null,
            single => Value::Array(vec![iam_statement(single, partial)?]),
        };
        document.insert("Statement".into(), statements);
    }
    Ok(Value::Object(document))
}

fn iam_statement(statement: Value, partial: bool) -> Result<Value, String> {
    let mut statement = match statement {
        Value::Object(statement) => statement,
        Value::Null if partial => return Ok(Value::Null),
        _ => return Err("a Statement entry is not a JSON object".into()),
    };
    for key in ["Action", "NotAction", "Resource", "NotResource"] {
        if let Some(value) = statement.get_mut(key) {
            *value = as_list(value.take(), partial);
        }
    }
    for key in ["Principal", "NotPrincipal"] {
        if let Some(value) = statement.get_mut(key) {
            *value = principal(value.take(), partial);
        }
    }
    Ok(Value::Object(statement))
}

fn as_list(value: Value, partial: bool) -> Value {
    match value {
        Value::Array(_) => value,
        Value::Null if partial => Value::Null,
        Value::Null => Value::Array(Vec::new()),
        single => Value::Array(vec![single]),
    }
}

fn principal(value: Value, partial: bool) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(kind, ids)| (kind, as_list(ids, partial)))
                .collect::<Map<String, Value>>(),
        ),
        Value::Null if partial => Value::Null,
        other => {
            let mut map = Map::new();
            map.insert("AWS".into(), as_list(other, partial));
            Value::Object(map)
        }
    }
}

/// After decoding: an unknown value that still holds the shape of a JSON
/// text (not a document of its type, or one in a list) is `null` again,
/// and only its own path is unknown.
pub fn forget_unknown_shapes(resource: &mut Resource) {
    let shaped: Vec<String> = resource
        .unknown
        .iter()
        .filter(|path| {
            crate::attr_path::value_at(&resource.attributes, path).is_some_and(|v| !v.is_null())
        })
        .cloned()
        .collect();
    for path in shaped {
        if let Some(value) = crate::attr_path::value_at_mut(&mut resource.attributes, &path) {
            *value = Value::Null;
        }
        resource
            .unknown
            .retain(|other| other == &path || !crate::attr_path::is_prefix(&path, other));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn single_statement_and_strings_become_lists() {
        let document = regular_iam_policy(
            json!({
                "Version": "2012-10-17",
                "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": "*"}
            }),
            false,
        )
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
        let document = regular_iam_policy(json!({
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": ["sts:AssumeRole"]}]
        }), false)
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
        assert!(regular_iam_policy(json!(["x"]), false).is_err());
        assert!(regular_iam_policy(json!({"Statement": ["x"]}), false).is_err());
    }

    #[test]
    fn a_partial_document_keeps_its_unknown_values_in_place() {
        let mut resource = Resource::new(
            "aws_iam_policy.p".into(),
            "aws_iam_policy",
            "aws",
            crate::model::Location::file_start(&"main.tf".into()),
        );
        resource.attributes.insert(
            "policy".into(),
            json!({"Statement": [{"Action": "s3:GetObject", "Resource": null, "Principal": {"AWS": null}}, null]}),
        );
        resource
            .attributes
            .insert("other".into(), json!({"a": null}));
        for path in [
            "policy",
            "policy.Statement[0].Resource",
            "policy.Statement[0].Principal.AWS",
            "policy.Statement[1]",
            "other",
            "other.a",
        ] {
            resource.unknown.insert(path.into());
        }
        let mut diagnostics = Vec::new();
        decode(
            &mut resource,
            "policy",
            DocumentFormat::IamPolicy,
            &mut diagnostics,
        );
        forget_unknown_shapes(&mut resource);
        assert!(diagnostics.is_empty());
        assert_eq!(
            resource.attributes["policy"],
            json!({"Statement": [{"Action": ["s3:GetObject"], "Resource": null, "Principal": {"AWS": null}}, null]})
        );
        // Not a document of its type: unknown as a whole again.
        assert_eq!(resource.attributes["other"], Value::Null);
        let unknown: Vec<&str> = resource.unknown.iter().map(String::as_str).collect();
        assert_eq!(
            unknown,
            [
                "other",
                "policy.Statement[0].Principal.AWS",
                "policy.Statement[0].Resource",
                "policy.Statement[1]"
            ]
        );
    }
}
