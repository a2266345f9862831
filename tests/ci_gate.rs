//! Fitting CI: a gate that cannot pass with part of the input unread, and
//! inline suppressions in Terraform that can be audited away.

mod common;

use common::{copguard, write};
use serde_json::Value;

#[test]
fn an_unreadable_file_fails_the_gate_with_its_own_code() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "broken.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket =\n",
    );
    write(
        dir.path(),
        "fine.tf",
        "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n",
    );
    let output = copguard(dir.path(), &["scan", ".", "--fail-on", "high"]);
    assert_eq!(
        output.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("broken.tf:2:"));
    let output = copguard(dir.path(), &["scan", ".", "--allow-input-errors"]);
    assert_eq!(output.status.code(), Some(0));
    // Findings take precedence over input errors.
    write(
        dir.path(),
        "open.tf",
        "resource \"aws_s3_bucket\" \"open\" {\n  bucket = \"open\"\n}\n",
    );
    let output = copguard(dir.path(), &["scan", "."]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_helm_chart_gives_a_note_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("chart/templates")).unwrap();
    write(
        dir.path(),
        "chart/Chart.yaml",
        "apiVersion: v2\nname: app\nversion: 0.1.0\n",
    );
    write(
        dir.path(),
        "chart/templates/deployment.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n",
    );
    let (report, output) = common::json_report(dir.path(), &["."]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["level"], "note");
    assert!(diagnostics[0]["message"]
        .as_str()
        .unwrap()
        .contains("helm template"));
}

const SUPPRESSED: &str = r#"# copguard:ignore CG-AWS-003,cg-aws-004 the log bucket: access logs of itself would loop
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-2:111111111111:key/k"
    }
  }
}

resource "aws_kms_key" "k" {
  enable_key_rotation = false // copguard:ignore CG-AWS-005
}
"#;

#[test]
fn inline_suppressions_hide_findings_from_text_and_exit_code_but_not_from_sarif() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", SUPPRESSED);
    let only = ["--only", "CG-AWS-003,CG-AWS-004,CG-AWS-005"];
    let mut args = vec!["scan", "main.tf", "--fail-on", "low"];
    args.extend(only);
    let output = copguard(dir.path(), &args);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(!stdout.contains("CG-AWS-00"), "{stdout}");
    assert!(stdout.contains("3 suppressed"), "{stdout}");
    // A suppression without a reason is honoured, and warned about.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("main.tf:17:") && stderr.contains("without a reason"),
        "{stderr}"
    );

    // --show-suppressed lists them with their reason.
    args.push("--show-suppressed");
    let shown = copguard(dir.path(), &args);
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.contains("access logs of itself would loop"),
        "{shown}"
    );

    // SARIF keeps them, with the reason as justification.
    let mut sarif_args = vec!["scan", "main.tf", "--format", "sarif", "--fail-on", "none"];
    sarif_args.extend(only);
    let sarif: Value = serde_json::from_slice(&copguard(dir.path(), &sarif_args).stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    let logs_versioning = results
        .iter()
        .find(|r| r["ruleId"] == "CG-AWS-003")
        .unwrap();
    assert_eq!(logs_versioning["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        logs_versioning["suppressions"][0]["justification"],
        "the log bucket: access logs of itself would loop"
    );

    // An audit turns every suppression off.
    let mut audit = vec![
        "scan",
        "main.tf",
        "--fail-on",
        "low",
        "--no-inline-suppressions",
    ];
    audit.extend(only);
    let output = copguard(dir.path(), &audit);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    for id in ["CG-AWS-003", "CG-AWS-004", "CG-AWS-005"] {
        assert!(stdout.contains(id), "{id}: {stdout}");
    }
}

#[test]
fn a_suppression_that_suppresses_nothing_is_a_note() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_kms_key\" \"k\" {\n  # copguard:ignore CG-AWS-005 rotation is manual\n  enable_key_rotation = true\n}\n",
    );
    let report = common::scan_ok(dir.path(), &["main.tf", "--only", "CG-AWS-005"], &[]);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["level"], "note");
    assert_eq!(diagnostics[0]["location"]["start_line"], 2);
    assert!(diagnostics[0]["message"]
        .as_str()
        .unwrap()
        .contains("suppresses nothing"));
    // A rule that did not run leaves its suppressions alone.
    let report = common::scan_ok(dir.path(), &["main.tf", "--only", "CG-AWS-019"], &[]);
    assert!(report["diagnostics"].as_array().unwrap().is_empty());
}

#[test]
fn explain_names_rules_and_measures_and_suggests_near_misses() {
    let dir = tempfile::tempdir().unwrap();
    let rule = copguard(dir.path(), &["explain", "cg-aws-001"]);
    assert_eq!(rule.status.code(), Some(0));
    let text = String::from_utf8_lossy(&rule.stdout);
    assert!(
        text.starts_with("CG-AWS-001: ") && text.contains("M13.09"),
        "{text}"
    );
    let measure = copguard(dir.path(), &["explain", "M13.09"]);
    let text = String::from_utf8_lossy(&measure.stdout);
    assert!(
        text.contains("CG-AWS-001") && text.contains("CG-AZ-004"),
        "{text}"
    );
    let unknown = copguard(dir.path(), &["explain", "CG-AWS-1000"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("did you mean"));
}

#[test]
fn policies_filter_by_measure_provider_and_severity() {
    let dir = tempfile::tempdir().unwrap();
    let listed = copguard(
        dir.path(),
        &[
            "policies",
            "--measure",
            "M16.13",
            "--provider",
            "azure",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        listed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let policies: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let ids: Vec<&str> = policies
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["CG-AZ-016"]);
    let bad = copguard(dir.path(), &["policies", "--measure", "M99.99"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_baseline_hides_old_findings_after_lines_move_and_new_ones_still_fail() {
    let dir = tempfile::tempdir().unwrap();
    let bucket = "resource \"aws_s3_bucket\" \"old\" {\n  bucket = \"old\"\n}\n";
    let key = "resource \"aws_kms_key\" \"old\" {\n  enable_key_rotation = false\n}\n";
    write(dir.path(), "main.tf", &format!("{bucket}\n{key}"));
    let output = copguard(
        dir.path(),
        &[
            "scan",
            ".",
            "--write-baseline",
            "baseline.json",
            "--fail-on",
            "none",
        ],
    );
    assert_eq!(output.status.code(), Some(0));
    let baseline: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("baseline.json")).unwrap()).unwrap();
    let recorded = baseline["findings"].as_array().unwrap().len();
    assert!(recorded >= 5, "{baseline:#}");

    // Unrelated lines inserted above, the key removed: nothing new, the
    // key's finding is absent.
    write(
        dir.path(),
        "main.tf",
        &format!("# owned by the platform team\nlocals {{\n  x = 1\n}}\n\n{bucket}"),
    );
    let (report, output) = common::json_report(
        dir.path(),
        &[".", "--baseline", "baseline.json", "--fail-on", "low"],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(common::finding_values(&report)
        .iter()
        .all(|f| f["baseline_state"] == "unchanged"));
    let absent = report["absent"].as_array().unwrap();
    assert_eq!(absent.len(), 1, "{absent:#?}");
    assert_eq!(absent[0]["address"], "aws_kms_key.old");

    // A new misconfiguration fails, and so does the same one in another file.
    write(dir.path(), "other.tf", bucket);
    let (report, output) = common::json_report(
        dir.path(),
        &[".", "--baseline", "baseline.json", "--fail-on", "low"],
    );
    assert_eq!(output.status.code(), Some(1));
    let new: Vec<&Value> = common::finding_values(&report)
        .iter()
        .filter(|f| f["baseline_state"] == "new")
        .collect();
    assert!(!new.is_empty());
    assert!(
        new.iter().all(|f| f["location"]["path"] == "other.tf"),
        "{new:#?}"
    );

    // SARIF says which results are new.
    let sarif = copguard(
        dir.path(),
        &[
            "scan",
            ".",
            "--baseline",
            "baseline.json",
            "--format",
            "sarif",
            "--fail-on",
            "none",
        ],
    );
    let sarif: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let states: std::collections::BTreeSet<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["baselineState"].as_str().unwrap())
        .collect();
    assert_eq!(states.into_iter().collect::<Vec<_>>(), ["new", "unchanged"]);

    // A file that is not a baseline stops the scan.
    write(
        dir.path(),
        "bogus.json",
        "{\"kind\": \"something\", \"version\": 1, \"findings\": []}",
    );
    let output = copguard(dir.path(), &["scan", "main.tf", "--baseline", "bogus.json"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_sarif_category_is_the_runs_automation_id() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", "resource \"aws_kms_key\" \"k\" {}\n");
    let output = copguard(
        dir.path(),
        &[
            "scan",
            "main.tf",
            "--format",
            "sarif",
            "--sarif-category",
            "network/terraform",
            "--fail-on",
            "none",
        ],
    );
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        sarif["runs"][0]["automationDetails"]["id"],
        "network/terraform"
    );
    let problems = common::multitool_problems(
        &common::sarif_multitool(),
        &String::from_utf8_lossy(&output.stdout),
    );
    assert!(problems.is_empty(), "{problems:#?}");
    // Without the option there is none (GitHub then uses the upload's category).
    let plain = copguard(
        dir.path(),
        &["scan", "main.tf", "--format", "sarif", "--fail-on", "none"],
    );
    let plain: Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert!(plain["runs"][0].get("automationDetails").is_none());
}

#[test]
fn several_formats_in_one_run_each_to_its_own_output() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n",
    );
    let output = copguard(
        dir.path(),
        &[
            "scan", "main.tf", "--format", "sarif", "--output", "r.sarif", "--format", "text",
            "-f", "junit", "-o", "r.xml",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("CG-AWS-001") && stdout.contains("findings"),
        "{stdout}"
    );
    let sarif: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("r.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let junit = std::fs::read_to_string(dir.path().join("r.xml")).unwrap();
    assert!(junit.starts_with("<?xml"), "{junit}");
    // Two formats cannot both go to standard output.
    let both = copguard(
        dir.path(),
        &["scan", "main.tf", "--format", "json", "--format", "text"],
    );
    assert_eq!(both.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&both.stderr).contains("standard output"));
}
