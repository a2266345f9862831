//! `.copguard.yaml` and `copguard init`: settings a team keeps beside its
//! code, overridden by the command line; and data residency, whose allowed
//! regions they set.

mod common;

use common::{copguard, findings, json_report, write};
use serde_json::Value;
use std::path::Path;

/// A tree with one finding of each kind the settings below act on.
fn tree(dir: &Path) {
    write(
        dir,
        "main.tf",
        r#"provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "k" {
  enable_key_rotation = false
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "audit"
  retention_in_days = var.retention
  kms_key_id        = aws_kms_key.k.arn
}

variable "retention" {
  type    = number
  default = 30
}
"#,
    );
    std::fs::create_dir_all(dir.join("legacy")).unwrap();
    write(
        &dir.join("legacy"),
        "old.tf",
        "resource \"aws_kms_key\" \"old\" {\n  enable_key_rotation = false\n}\n",
    );
}

fn rule_ids(report: &Value) -> Vec<String> {
    let mut ids: Vec<String> = findings(report).into_iter().map(|(id, _, _)| id).collect();
    ids.dedup();
    ids
}

fn severity_of(report: &Value, rule: &str) -> Option<String> {
    report["findings"]
        .as_array()?
        .iter()
        .find(|f| f["rule_id"] == rule)
        .and_then(|f| f["severity"].as_str().map(str::to_string))
}

#[test]
fn config_at_the_scan_root_excludes_skips_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    let (report, output) = json_report(dir.path(), &["."]);
    assert_eq!(output.status.code(), Some(1), "the short retention is high");
    assert!(rule_ids(&report).contains(&"CG-AWS-009".to_string()));
    let addresses: Vec<String> = findings(&report).into_iter().map(|(_, a, _)| a).collect();
    assert!(addresses.contains(&"aws_kms_key.old".to_string()));
    assert!(rule_ids(&report).contains(&"CG-AWS-047".to_string()));

    write(
        dir.path(),
        ".copguard.yaml",
        "# team settings\nexclude: [legacy]\nrules:\n  skip: [CG-AWS-047]\nseverity:\n  CG-AWS-005: high\nfail-on: high\nvar-files: [prod.tfvars]\n",
    );
    write(dir.path(), "prod.tfvars", "retention = 400\n");
    let (report, output) = json_report(dir.path(), &["."]);
    let addresses: Vec<String> = findings(&report).into_iter().map(|(_, a, _)| a).collect();
    assert!(
        !addresses.contains(&"aws_kms_key.old".to_string()),
        "{addresses:?}"
    );
    assert!(!rule_ids(&report).contains(&"CG-AWS-047".to_string()));
    assert_eq!(severity_of(&report, "CG-AWS-005").as_deref(), Some("high"));
    // The var file raised the retention to 400 days: its policy passes.
    assert!(!rule_ids(&report).iter().any(|id| id == "CG-AWS-009"));
    assert_eq!(
        output.status.code(),
        Some(1),
        "the overridden severity fails the gate: {}",
        String::from_utf8_lossy(&output.stderr)
    );

    // The command line wins: --fail-on, --only.
    let (_, output) = json_report(dir.path(), &[".", "--fail-on", "critical"]);
    assert_eq!(output.status.code(), Some(0));
    let (report, _) = json_report(dir.path(), &[".", "--only", "CG-AWS-047"]);
    assert_eq!(rule_ids(&report), vec!["CG-AWS-047"]);
    // --no-config ignores it.
    let (report, _) = json_report(dir.path(), &[".", "--no-config"]);
    assert_eq!(
        severity_of(&report, "CG-AWS-005").as_deref(),
        Some("medium")
    );
}

#[test]
fn config_is_found_in_the_scanned_directory_and_given_with_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("infra")).unwrap();
    tree(&dir.path().join("infra"));
    write(
        &dir.path().join("infra"),
        ".copguard.yml",
        "exclude: [\"legacy/**\"]\n",
    );
    let (report, _) = json_report(dir.path(), &["infra"]);
    assert!(!findings(&report)
        .iter()
        .any(|(_, a, _)| a == "aws_kms_key.old"));
    write(dir.path(), "other.yaml", "rules:\n  only: [CG-AWS-005]\n");
    let (report, _) = json_report(dir.path(), &["infra", "--config", "other.yaml"]);
    assert_eq!(rule_ids(&report), vec!["CG-AWS-005"]);
    // Its excludes are not applied: the other file has none.
    assert!(findings(&report)
        .iter()
        .any(|(_, a, _)| a == "aws_kms_key.old"));
}

#[test]
fn unknown_keys_and_bad_values_stop_the_scan_at_their_line() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    write(
        dir.path(),
        ".copguard.yaml",
        "fail-on: high\nexclude: []\nfail_on: low\n",
    );
    let output = copguard(dir.path(), &["scan", "."]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(".copguard.yaml:3:"), "{stderr}");
    assert!(stderr.contains("fail_on"), "{stderr}");

    write(
        dir.path(),
        ".copguard.yaml",
        "severity:\n  CG-NOPE-001: low\n",
    );
    let output = copguard(dir.path(), &["scan", "."]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("CG-NOPE-001"));
}

#[test]
fn allow_input_errors_in_the_config() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "broken.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n",
    );
    assert_eq!(copguard(dir.path(), &["scan", "."]).status.code(), Some(3));
    write(dir.path(), ".copguard.yaml", "allow-input-errors: true\n");
    assert_eq!(copguard(dir.path(), &["scan", "."]).status.code(), Some(0));
}

#[test]
fn init_writes_a_starter_that_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    let (before, _) = json_report(dir.path(), &["."]);
    let output = copguard(dir.path(), &["init"]);
    assert_eq!(output.status.code(), Some(0));
    let written = std::fs::read_to_string(dir.path().join(".copguard.yaml")).unwrap();
    assert!(written.contains("allowed-regions: [eu-west-2, uksouth, ukwest]"));
    // The defaults it spells out are the defaults.
    let (after, _) = json_report(dir.path(), &["."]);
    assert_eq!(findings(&before), findings(&after));
    // It does not overwrite a team's file unless told to.
    write(dir.path(), ".copguard.yaml", "fail-on: low\n");
    let output = copguard(dir.path(), &["init"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".copguard.yaml")).unwrap(),
        "fail-on: low\n"
    );
    assert_eq!(
        copguard(dir.path(), &["init", "--force"]).status.code(),
        Some(0)
    );
}

#[test]
fn allowed_regions_come_from_the_config_or_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    let residency = |args: &[&str]| {
        let mut all = vec!["."];
        all.extend_from_slice(args);
        let (report, _) = json_report(dir.path(), &all);
        let stores: Vec<(String, Value, Value)> = report["data_stores"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["address"].as_str().unwrap().to_string(),
                    s["region"].clone(),
                    s["allowed"].clone(),
                )
            })
            .collect();
        (
            rule_ids(&report).contains(&"CG-AWS-047".to_string()),
            stores,
        )
    };
    let (found, stores) = residency(&[]);
    assert!(found);
    assert!(stores.contains(&(
        "aws_cloudwatch_log_group.audit".into(),
        Value::from("eu-west-1"),
        Value::from(false)
    )));
    write(
        dir.path(),
        ".copguard.yaml",
        "allowed-regions: [eu-west-1]\n",
    );
    let (found, stores) = residency(&[]);
    assert!(!found);
    // Every store whose region is known (legacy/ is a root module of its
    // own, without a provider block) is now allowed.
    assert!(stores
        .iter()
        .all(|(_, region, allowed)| region.is_null() || allowed == &Value::from(true)));
    assert!(stores.iter().any(|(_, region, _)| region.is_null()));
    let (found, _) = residency(&["--allowed-regions", "eu-west-2,uksouth"]);
    assert!(found);
}

#[test]
fn residency_follows_provider_aliases_into_modules() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("modules/store")).unwrap();
    write(
        dir.path(),
        "main.tf",
        r#"provider "aws" {
  region = "eu-west-2"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

module "uk" {
  source = "./modules/store"
  name   = "uk"
}

module "de" {
  source    = "./modules/store"
  name      = "de"
  providers = {
    aws = aws.frankfurt
  }
}
"#,
    );
    write(
        &dir.path().join("modules/store"),
        "main.tf",
        "variable \"name\" {}\n\nresource \"aws_sqs_queue\" \"q\" {\n  name = var.name\n}\n",
    );
    let (report, _) = json_report(dir.path(), &["."]);
    let regions: Vec<(String, Value)> = report["data_stores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["address"].as_str().unwrap().to_string(),
                s["region"].clone(),
            )
        })
        .collect();
    assert_eq!(
        regions,
        vec![
            (
                "module.de.aws_sqs_queue.q".to_string(),
                Value::from("eu-central-1")
            ),
            (
                "module.uk.aws_sqs_queue.q".to_string(),
                Value::from("eu-west-2")
            ),
        ]
    );
    let residency: Vec<(String, String, u64)> = findings(&report)
        .into_iter()
        .filter(|(id, _, _)| id == "CG-AWS-047")
        .collect();
    assert_eq!(residency.len(), 1);
    assert_eq!(residency[0].1, "module.de.aws_sqs_queue.q");
    let message = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "CG-AWS-047")
        .and_then(|f| f["message"].as_str())
        .unwrap()
        .to_string();
    assert!(message.contains("is in eu-central-1"), "{message}");

    // Scanned alone, the module's region is not known: unknown, not a finding.
    let (report, _) = json_report(dir.path(), &["modules/store", "--show-unknown"]);
    assert_eq!(report["data_stores"][0]["region"], Value::Null);
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule_id"] == "CG-AWS-047" && f["status"] == "unknown"));
}
