//! End-to-end tests of the copguard binary: exit codes, options, bad input,
//! determinism and the acceptance criteria of the first slice.

mod common;

use common::{copguard, findings, json_report, root, with_status, write};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

#[test]
fn exit_codes_follow_fail_on() {
    let dir = root();
    let insecure = "testdata/examples/insecure";
    assert_eq!(copguard(&dir, &["scan", insecure]).status.code(), Some(1));
    assert_eq!(
        copguard(&dir, &["scan", insecure, "--fail-on", "none"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        copguard(&dir, &["scan", "testdata/examples/secure"])
            .status
            .code(),
        Some(0)
    );
    // Only a medium finding: fails at medium, not at high.
    let only_medium = ["scan", insecure, "--only", "CG-AWS-005"];
    assert_eq!(copguard(&dir, &only_medium).status.code(), Some(0));
    let mut at_medium = only_medium.to_vec();
    at_medium.extend(["--fail-on", "medium"]);
    assert_eq!(copguard(&dir, &at_medium).status.code(), Some(1));
}

#[test]
fn scan_that_cannot_run_exits_2_with_a_message() {
    let dir = root();
    let missing = copguard(&dir, &["scan", "no/such/dir"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/dir"));

    let bad_id = copguard(
        &dir,
        &["scan", "testdata/examples/secure", "--only", "CG-NOPE-1"],
    );
    assert_eq!(bad_id.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_id.stderr).contains("CG-NOPE-1"));

    let bad_format = copguard(&dir, &["scan", "--format", "xml"]);
    assert_eq!(bad_format.status.code(), Some(2));
}

#[test]
fn invalid_user_policies_fail_fast_naming_file_and_problem() {
    let cases = [
        ("yaml.yaml", "id: [unclosed\n", "yaml.yaml"),
        (
            "cel.yaml",
            &policy("CG-USER-001", "resource.x ==", "") as &str,
            "condition is not valid CEL",
        ),
        (
            "unknown-field.yaml",
            &policy("CG-USER-002", "true", "colour: red\n"),
            "colour",
        ),
        (
            "free-var.yaml",
            &policy("CG-USER-003", "bucket.x == 1", ""),
            "undeclared variable `bucket`",
        ),
    ];
    for (name, text, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), name, text);
        let output = copguard(
            &root(),
            &[
                "scan",
                "testdata/examples/secure",
                "--policies",
                dir.path().to_str().unwrap(),
            ],
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(name), "{name}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{name}: expected {expected:?} in {stderr}"
        );
    }
}

fn policy(id: &str, condition: &str, extra: &str) -> String {
    format!(
        r#"id: {id}
name: UserPolicy
title: Test policy
severity: low
description: A user policy.
remediation:
  text: Fix it.
  example: |
    resource "aws_kms_key" "k" {{}}
measures:
  - {{code: TSCoP, version: "1.0", id: M19.01}}
topics: [encryption]
resource_types: [aws_kms_key]
{extra}condition: {condition:?}
"#
    )
}

#[test]
fn user_policies_run_beside_the_built_ins() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "desc.yaml",
        &policy(
            "CG-USER-010",
            "has(resource.description) && resource.description.startsWith('Call')",
            "",
        ),
    );
    write(dir.path(), "main.tf", "resource \"aws_kms_key\" \"k\" {\n  description = \"other\"\n  enable_key_rotation = true\n}\n");
    let (report, _) = json_report(dir.path(), &["--policies", ".", "main.tf"]);
    assert_eq!(
        findings(&report),
        vec![("CG-USER-010".into(), "aws_kms_key.k".into(), 1)]
    );
}

#[test]
fn only_and_skip_select_policies() {
    let dir = root();
    let (report, _) = json_report(
        &dir,
        &[
            "testdata/examples/insecure",
            "--only",
            "CG-AWS-016,CG-AWS-015",
        ],
    );
    let ids: Vec<String> = findings(&report).into_iter().map(|f| f.0).collect();
    assert_eq!(ids, ["CG-AWS-016", "CG-AWS-015"]);
    let (report, _) = json_report(
        &dir,
        &["testdata/examples/insecure", "--skip", "CG-AWS-016"],
    );
    assert!(findings(&report).iter().all(|f| f.0 != "CG-AWS-016"));
    assert!(findings(&report).iter().any(|f| f.0 == "CG-AWS-015"));
}

#[test]
fn separately_encrypted_bucket_has_no_encryption_finding() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        r#"resource "aws_s3_bucket" "good" {
  bucket = "good"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "good" {
  bucket = aws_s3_bucket.good.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.k.arn
    }
  }
}

resource "aws_s3_bucket" "bad" {
  bucket = "bad"
}
"#,
    );
    let (report, _) = json_report(dir.path(), &[".", "--only", "CG-AWS-001"]);
    assert_eq!(
        findings(&report),
        vec![("CG-AWS-001".into(), "aws_s3_bucket.bad".into(), 15)]
    );
}

#[test]
fn broken_file_is_a_located_diagnostic_and_the_rest_is_still_scanned() {
    let dir = root();
    let (report, output) = json_report(&dir, &["testdata/bad-input"]);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let broken = diagnostics
        .iter()
        .find(|d| d["location"]["path"] == "testdata/bad-input/broken.tf")
        .unwrap_or_else(|| panic!("no diagnostic for broken.tf: {diagnostics:#?}"));
    assert_eq!(broken["level"], "error");
    assert_eq!(broken["location"]["start_line"], 3);
    assert!(broken["message"]
        .as_str()
        .unwrap()
        .contains("cannot parse Terraform"));
    let latin1 = diagnostics
        .iter()
        .find(|d| d["location"]["path"] == "testdata/bad-input/latin1.tf")
        .expect("non-UTF-8 file is reported");
    assert!(latin1["message"]
        .as_str()
        .unwrap()
        .contains("not valid UTF-8"));
    // good.tf's finding is still there; the empty file is simply empty.
    assert_eq!(
        findings(&report),
        vec![("CG-AWS-016".into(), "aws_db_instance.public".into(), 4)]
    );
    assert_eq!(report["summary"]["files"], 4);
    assert_eq!(output.status.code(), Some(1));

    // Text output: the diagnostic goes to stderr with file:line:column.
    let text = copguard(&dir, &["scan", "testdata/bad-input"]);
    let stderr = String::from_utf8_lossy(&text.stderr);
    assert!(
        stderr.contains("testdata/bad-input/broken.tf:3:"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&text.stdout).contains("CG-AWS-016"));
}

#[test]
fn directory_without_terraform_scans_nothing_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "README.md", "# not terraform\n");
    std::fs::create_dir(dir.path().join(".terraform")).unwrap();
    write(
        &dir.path().join(".terraform"),
        "hidden.tf",
        "resource \"aws_db_instance\" \"x\" { publicly_accessible = true }\n",
    );
    let (report, output) = json_report(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(report["summary"]["files"], 0);
    assert!(findings(&report).is_empty());
}

#[test]
fn large_generated_file_is_scanned() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(&format!(
            "resource \"aws_kms_key\" \"k{i}\" {{\n  description         = \"key {i}\"\n  enable_key_rotation = {}\n}}\n\n",
            i % 2 == 0
        ));
        i += 1;
    }
    write(dir.path(), "big.tf", &text);
    let (report, _) = json_report(dir.path(), &["--only", "CG-AWS-005"]);
    assert_eq!(report["summary"]["resources"], i);
    assert_eq!(report["summary"]["failed"], i / 2);
}

#[test]
fn same_scan_twice_gives_byte_identical_sarif() {
    let dir = root();
    let args = ["scan", "testdata/examples/insecure", "--format", "sarif"];
    let first = copguard(&dir, &args);
    let second = copguard(&dir, &args);
    assert!(!first.stdout.is_empty());
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn fingerprints_survive_blank_lines_inserted_above() {
    let dir = tempfile::tempdir().unwrap();
    let body = "resource \"aws_db_instance\" \"db\" {\n  publicly_accessible = true\n}\n";
    write(dir.path(), "main.tf", body);
    let sarif = |dir: &Path| -> Value {
        let output = copguard(
            dir,
            &["scan", ".", "--format", "sarif", "--only", "CG-AWS-016"],
        );
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let before = sarif(dir.path());
    write(dir.path(), "main.tf", &format!("\n\n\n{body}"));
    let after = sarif(dir.path());
    let result = |log: &Value| log["runs"][0]["results"][0].clone();
    assert_eq!(
        result(&before)["locations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
    assert_eq!(
        result(&after)["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
    assert_eq!(
        result(&before)["partialFingerprints"],
        result(&after)["partialFingerprints"]
    );
}

#[test]
fn unknowns_are_counted_but_listed_only_when_asked() {
    let dir = root();
    let (report, _) = json_report(&dir, &["testdata/examples/insecure"]);
    assert_eq!(report["summary"]["unknown"], 1);
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["status"] == "fail"));
    let (report, _) = json_report(&dir, &["testdata/examples/insecure", "--show-unknown"]);
    let unknown = with_status(&report, "unknown");
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0]["resource"]["address"], "aws_ebs_volume.scratch");
    assert_eq!(
        unknown[0]["unknown_paths"],
        serde_json::json!(["encrypted"])
    );
}

#[test]
fn kms_key_set_by_reference_counts_as_configured() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_cloudtrail\" \"t\" {\n  kms_key_id = aws_kms_key.k.arn\n}\n",
    );
    let (report, _) = json_report(dir.path(), &["--only", "CG-AWS-008"]);
    assert!(findings(&report).is_empty());
    assert_eq!(report["summary"]["passed"], 1);
}

#[test]
fn output_file_gets_the_report_without_colour() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.txt");
    let output = Command::new(env!("CARGO_BIN_EXE_copguard"))
        .args(["scan", "testdata/examples/insecure", "--output"])
        .arg(&out)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("CG-AWS-010"));
    assert!(!text.contains('\u{1b}'), "escape codes in a file");
}

#[test]
fn invalid_policy_json_is_a_warning_and_unknown_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_iam_policy\" \"p\" {\n  policy = \"{ not json\"\n}\n",
    );
    let (report, output) = json_report(dir.path(), &["--only", "CG-AWS-012"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(findings(&report).is_empty());
    assert_eq!(report["summary"]["unknown"], 1);
    let diagnostic = &report["diagnostics"][0];
    assert_eq!(diagnostic["level"], "warning");
    assert_eq!(diagnostic["location"]["start_line"], 2);
    assert!(diagnostic["message"]
        .as_str()
        .unwrap()
        .contains("not a valid policy document"));
}

#[test]
fn attribute_of_the_wrong_type_is_unknown_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_cloudwatch_log_group\" \"g\" {\n  retention_in_days = [90]\n}\n",
    );
    let (report, output) = json_report(dir.path(), &["--only", "CG-AWS-009"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(findings(&report).is_empty());
    assert_eq!(report["summary"]["unknown"], 1);
    let warning = &report["diagnostics"][0];
    assert_eq!(warning["level"], "warning");
    assert!(
        warning["message"].as_str().unwrap().contains("CG-AWS-009"),
        "{warning}"
    );
}

#[test]
fn cel_type_names_are_not_undeclared_variables() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "typed.yaml",
        &policy(
            "CG-USER-020",
            "!has(resource.description) || type(resource.description) == string",
            "",
        ),
    );
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_kms_key\" \"k\" {\n  description = 5\n}\n",
    );
    let (report, output) = json_report(
        dir.path(),
        &["--policies", ".", "--only", "CG-USER-020", "main.tf"],
    );
    // A low finding: below the default --fail-on high.
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        findings(&report),
        vec![("CG-USER-020".into(), "aws_kms_key.k".into(), 1)]
    );
}

#[test]
fn separate_kms_key_policy_folds_into_its_key() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        r#"resource "aws_kms_key" "k" {
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "k" {
  key_id = aws_kms_key.k.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "kms:*", Resource = "*" }]
  })
}
"#,
    );
    let (report, _) = json_report(dir.path(), &["--only", "CG-AWS-019"]);
    let found = findings(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "aws_kms_key.k");
    assert_eq!(found[0].2, 7, "points at the separate resource's policy");
}

/// A build without the `aws` feature says how to get the collector.
#[cfg(not(feature = "aws"))]
#[test]
fn snapshot_without_the_aws_feature_exits_2_with_the_rebuild_command() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["snapshot", "aws", "--region", "eu-west-2"][..],
        &["scan", "--live", "aws"][..],
    ] {
        let output = common::copguard(dir.path(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(copguard::live::REBUILD), "{stderr}");
    }
}

/// What a progress bar would leave on standard error: indicatif's spinner
/// and bar characters, carriage returns, cursor movement, its labels.
fn has_progress_output(stderr: &str) -> bool {
    stderr.contains([
        '\r', '\u{1b}', '█', '░', '⠁', '⠂', '⠄', '⡀', '⢀', '⠠', '⠐', '⠈',
    ]) || stderr.contains("reading files")
        || stderr.contains("evaluating resources")
}

#[test]
fn no_progress_bar_on_a_non_terminal_and_quiet_hides_notes_not_errors() {
    let dir = tempfile::tempdir().unwrap();
    // An error (a broken file) and a note (a Go template, not scanned).
    write(
        dir.path(),
        "broken.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n",
    );
    write(
        dir.path(),
        "template.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n",
    );
    // No delay: the bar is really set up on this short scan, and must
    // still not reach standard error, which is a pipe here.
    let no_delay = [("COPGUARD_PROGRESS_DELAY_MS", "0")];
    let shown = common::copguard_env(dir.path(), &["scan", "."], &no_delay);
    let stderr = String::from_utf8_lossy(&shown.stderr);
    assert!(!has_progress_output(&stderr), "{stderr:?}");
    assert!(stderr.contains("broken.tf:"), "{stderr}");
    assert!(stderr.contains(": note: a Go template"), "{stderr}");

    for quiet in ["--quiet", "-q"] {
        let output = common::copguard_env(dir.path(), &["scan", ".", quiet], &no_delay);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!has_progress_output(&stderr), "{stderr:?}");
        assert!(!stderr.contains("note:"), "{stderr}");
        assert!(stderr.contains("broken.tf:"), "{stderr}");
        assert!(stderr.contains(": error: "), "{stderr}");
        // The report (but for its time, "in 0.05s") and the exit code
        // are the same.
        let report = |stdout: &[u8]| {
            let text = String::from_utf8_lossy(stdout).into_owned();
            text.rsplit_once(" in ")
                .map(|(report, _)| report.to_string())
        };
        assert_eq!(report(&output.stdout), report(&shown.stdout));
        assert!(report(&output.stdout).is_some_and(|r| r.contains("1 input error")));
        assert_eq!(output.status.code(), shown.status.code());
    }
}
