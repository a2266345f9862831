//! Terraform plans (`terraform show -json`): the same policies fire as on
//! the source, findings point at the `.tf` lines when the configuration is
//! at hand and at the plan file otherwise, and a malformed plan is a
//! diagnostic naming where it is broken. Fixture: testdata/terraform/plan/.

mod common;

use common::{findings_with_path as findings, root};
use serde_json::Value;
use std::path::Path;

fn scan(dir: &Path, args: &[&str]) -> Value {
    common::scan_ok(dir, args, &[])
}

const PLAN: &str = "testdata/terraform/plan";

#[test]
fn plan_findings_match_the_source_and_point_at_tf_lines() {
    let from_plan = scan(
        &root(),
        &[
            &format!("{PLAN}/plan.json"),
            "--source",
            &format!("{PLAN}/config"),
        ],
    );
    let from_source = scan(&root(), &[&format!("{PLAN}/config")]);
    assert_eq!(findings(&from_plan), findings(&from_source));
    assert!(findings(&from_plan).iter().any(|f| f.0 == "CG-AWS-016"
        && f.1 == "aws_db_instance.subscribers"
        && f.2 == "testdata/terraform/plan/config/main.tf"
        && f.3 == 40));
    // The bucket encrypted by a separate resource folds through the plan's
    // configuration references: only "logs" is unencrypted.
    let encryption: Vec<String> = findings(&from_plan)
        .into_iter()
        .filter(|f| f.0 == "CG-AWS-001")
        .map(|f| f.1)
        .collect();
    assert_eq!(encryption, ["aws_s3_bucket.logs"]);
    assert!(from_plan["diagnostics"].as_array().unwrap().is_empty());
}

#[test]
fn plan_alone_points_at_its_own_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(PLAN).join("plan.json")).unwrap();
    // Named by content, not by name.
    std::fs::write(dir.path().join("tfplan-output.json"), &text).unwrap();
    let report = scan(dir.path(), &["."]);
    let public = findings(&report)
        .into_iter()
        .find(|f| f.0 == "CG-AWS-016")
        .expect("the public database is found in the plan");
    assert_eq!(public.2, "tfplan-output.json");
    let line_of = |needle: &str| {
        let start = text.find("\"resource_changes\"").unwrap();
        let offset = start + text[start..].find(needle).unwrap();
        text[..offset].matches('\n').count() as u64 + 1
    };
    assert_eq!(
        public.3,
        line_of("\"address\": \"aws_db_instance.subscribers\"")
    );
}

#[test]
fn unknown_values_in_the_plan_are_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let plan = serde_json::json!({
        "format_version": "1.2",
        "resource_changes": [{
            "address": "aws_cloudtrail.t", "mode": "managed", "type": "aws_cloudtrail", "name": "t",
            "change": {"actions": ["create"], "after": {"name": "t"}, "after_unknown": {"enable_log_file_validation": true}}
        }],
        "configuration": {"root_module": {"resources": [{
            "address": "aws_cloudtrail.t", "mode": "managed", "type": "aws_cloudtrail", "name": "t",
            "expressions": {"name": {"constant_value": "t"}, "enable_log_file_validation": {"references": ["var.validate"]}}
        }]}}
    });
    std::fs::write(dir.path().join("plan.json"), plan.to_string()).unwrap();
    let report = scan(dir.path(), &["plan.json", "--only", "CG-AWS-007"]);
    assert!(findings(&report).is_empty());
    assert_eq!(report["summary"]["unknown"], 1);
}

#[test]
fn malformed_plans_are_diagnostics_naming_where() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("shape.json"),
        r#"{"format_version": "1.2", "resource_changes": "oops"}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("cut.json"),
        "{\n  \"format_version\": \"1.2\",\n  \"resource_changes\": [\n    {\"address\": \n",
    )
    .unwrap();
    std::fs::write(dir.path().join("other.json"), r#"{"name": "not a plan"}"#).unwrap();
    let report = scan(dir.path(), &["."]);
    let messages: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["location"]["path"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        messages
            .iter()
            .any(|(p, m)| p == "shape.json" && m.contains("resource_changes is not an array")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|(p, m)| p == "cut.json" && m.contains("cannot parse plan JSON")),
        "{messages:?}"
    );
    assert_eq!(
        messages.len(),
        2,
        "other.json is not a plan and says nothing: {messages:?}"
    );
}
