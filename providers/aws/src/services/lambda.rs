//! Lambda: functions with their environment variable *names*. Values are
//! never kept: each is replaced by a marker, keeping only whether it is
//! empty or an ARN reference (what the secret check needs), and the names
//! whose value has the shape of a credential are listed.

use super::client;
use crate::Task;
use copguard_snapshot::obj;
use serde_json::{Map, Value};

/// What a redacted value is replaced by.
pub(crate) const REDACTED: &str = "(redacted by copguard)";

/// Shapes of credentials recognised by value alone: AWS access key ids and
/// PEM private keys.
fn looks_like_credential(value: &str) -> bool {
    let access_key = value.as_bytes().windows(20).any(|w| {
        w.starts_with(b"AKIA")
            && w[4..]
                .iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    });
    access_key || (value.contains("-----BEGIN ") && value.contains("PRIVATE KEY-----"))
}

fn redact(value: &str) -> Value {
    if value.is_empty() {
        Value::String(String::new())
    } else if value.starts_with("arn:") {
        Value::String(format!("arn:{REDACTED}"))
    } else {
        Value::String(REDACTED.to_string())
    }
}

pub(crate) async fn collect(task: &mut Task<'_>) {
    let lambda = client!(aws_sdk_lambda, task);
    let mut pages = lambda.list_functions().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("ListFunctions", page) else {
            return;
        };
        for function in page.functions() {
            let Some(name) = function.function_name() else {
                continue;
            };
            let arn = function
                .function_arn()
                .map(str::to_string)
                .unwrap_or_else(|| task.arn("lambda", &format!("function:{name}")));
            let environment = function
                .environment()
                .and_then(|e| e.variables())
                .map(|vars| {
                    let mut names: Vec<&String> = vars.keys().collect();
                    names.sort();
                    let redacted: Map<String, Value> = names
                        .iter()
                        .map(|k| ((*k).clone(), redact(&vars[*k])))
                        .collect();
                    let credentials: Vec<Value> = names
                        .iter()
                        .filter(|k| looks_like_credential(&vars[**k]))
                        .map(|k| Value::String((*k).clone()))
                        .collect();
                    obj! {
                        "Variables" => Value::Object(redacted),
                        "CredentialShapedValues" => credentials,
                    }
                });
            let api = obj! {
                "FunctionName" => name,
                "FunctionArn" => arn.as_str(),
                "Runtime" => function.runtime().map(|r| r.as_str()),
                "Role" => function.role(),
                "KMSKeyArn" => function.kms_key_arn(),
                "Environment" => environment,
            };
            task.push("aws_lambda_function", arn.clone(), Some(arn), api);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_redacted_keeping_only_what_the_checks_need() {
        assert_eq!(redact(""), Value::String(String::new()));
        assert_eq!(redact("hunter2"), Value::String(REDACTED.into()));
        assert!(redact("arn:aws:ssm:eu-west-2:1:parameter/x")
            .as_str()
            .unwrap()
            .starts_with("arn:"));
        assert!(!redact("arn:aws:ssm:eu-west-2:1:parameter/x")
            .as_str()
            .unwrap()
            .contains("ssm"));
        assert!(looks_like_credential("key=AKIAABCDEFGHIJKLMNOP"));
        assert!(looks_like_credential(
            "-----BEGIN RSA PRIVATE KEY-----\nabc"
        ));
        assert!(!looks_like_credential("AKIA-short"));
        assert!(!looks_like_credential("debug"));
    }
}
