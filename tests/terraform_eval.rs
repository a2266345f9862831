//! Terraform evaluated as Terraform does: variables from every source in
//! Terraform's precedence, with findings that name the variable and where
//! it was set. Fixtures: testdata/terraform/eval/.

mod common;

use common::{findings, root, statuses, with_status};
use serde_json::Value;
use std::process::Command;

fn scan(args: &[&str], env: &[(&str, &str)]) -> Value {
    common::scan_ok(&root(), args, env)
}

const EVAL: &str = "testdata/terraform/eval";

#[test]
fn encryption_enabled_through_tfvars_has_no_finding() {
    let report = scan(
        &[&format!("{EVAL}/tfvars-enabled"), "--only", "CG-AWS-015"],
        &[],
    );
    assert!(findings(&report).is_empty(), "{:#?}", report["findings"]);
    assert_eq!(report["summary"]["passed"], 1);
}

#[test]
fn encryption_disabled_through_tfvars_names_the_variable_and_its_line() {
    let report = scan(
        &[&format!("{EVAL}/tfvars-disabled"), "--only", "CG-AWS-015"],
        &[],
    );
    assert_eq!(
        findings(&report),
        vec![("CG-AWS-015".into(), "aws_db_instance.billing".into(), 13)]
    );
    let finding = &report["findings"][0];
    let origin = &finding["value_origins"][0];
    assert_eq!(origin["variable"], "rds_encrypted");
    assert_eq!(
        origin["location"]["path"],
        format!("{EVAL}/tfvars-disabled/terraform.tfvars")
    );
    assert_eq!(origin["location"]["start_line"], 2);
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.contains(
            "var.rds_encrypted from testdata/terraform/eval/tfvars-disabled/terraform.tfvars:2:1"
        ),
        "{message}"
    );

    // SARIF: the tfvars line is a related location of the result.
    let output = Command::new(env!("CARGO_BIN_EXE_copguard"))
        .args([
            "scan",
            &format!("{EVAL}/tfvars-disabled"),
            "--only",
            "CG-AWS-015",
            "--format",
            "sarif",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let related = &sarif["runs"][0]["results"][0]["relatedLocations"][0]["physicalLocation"];
    assert_eq!(
        related["artifactLocation"]["uri"],
        format!("{EVAL}/tfvars-disabled/terraform.tfvars")
    );
    assert_eq!(related["region"]["startLine"], 2);
}

/// Rotation off (finding) or on (no finding) per key, under each source.
fn rotation_findings(report: &Value) -> Vec<String> {
    findings(report)
        .into_iter()
        .filter(|f| f.0 == "CG-AWS-005")
        .map(|f| f.1)
        .collect()
}

#[test]
fn variable_sources_follow_terraforms_precedence() {
    let dir = format!("{EVAL}/precedence");
    // terraform.tfvars (true) < terraform.tfvars.json (false) < a.auto (false)
    // < b.auto (true): from_auto ends true. from_env only from TF_VAR_ (false).
    // from_cli: tfvars true, then --var false wins.
    let report = scan(
        &[
            &dir,
            "--only",
            "CG-AWS-005,CG-AWS-009",
            "--var",
            "from_cli=false",
        ],
        &[("TF_VAR_from_env", "false")],
    );
    assert_eq!(
        rotation_findings(&report),
        ["aws_kms_key.env", "aws_kms_key.cli"]
    );
    // "30" from tfvars converts to the number 30 (type = number): a finding,
    // not an unknown.
    assert!(findings(&report).iter().any(|f| f.0 == "CG-AWS-009"));
    // The undeclared variable in a.auto.tfvars is a warning at its line.
    let warning = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("undeclared variable \"undeclared\"")
        })
        .expect("warning for the undeclared variable");
    assert_eq!(warning["location"]["path"], format!("{dir}/a.auto.tfvars"));
    assert_eq!(warning["location"]["start_line"], 2);

    // A --var-file comes after the automatic files, and TF_VAR_ before them.
    let tmp = tempfile::tempdir().unwrap();
    let var_file = tmp.path().join("override.tfvars");
    std::fs::write(&var_file, "from_auto = false\nfrom_env = true\n").unwrap();
    let report = scan(
        &[
            &dir,
            "--only",
            "CG-AWS-005",
            "--var-file",
            var_file.to_str().unwrap(),
        ],
        &[("TF_VAR_from_auto", "true")],
    );
    assert_eq!(rotation_findings(&report), ["aws_kms_key.auto"]);
}

#[test]
fn var_and_var_file_apply_in_command_line_order() {
    let dir = format!("{EVAL}/precedence");
    let tmp = tempfile::tempdir().unwrap();
    let var_file = tmp.path().join("cli.tfvars");
    std::fs::write(&var_file, "from_cli = true\n").unwrap();
    let var_file = var_file.to_str().unwrap();
    let cli_finding = |args: &[&str]| {
        let mut all = vec![dir.as_str(), "--only", "CG-AWS-005"];
        all.extend_from_slice(args);
        rotation_findings(&scan(&all, &[])).contains(&"aws_kms_key.cli".to_string())
    };
    // The later one wins, whichever kind it is.
    assert!(!cli_finding(&[
        "--var",
        "from_cli=false",
        "--var-file",
        var_file
    ]));
    assert!(cli_finding(&[
        "--var-file",
        var_file,
        "--var",
        "from_cli=false"
    ]));
}

#[test]
fn variable_without_any_value_is_unknown_not_a_finding() {
    // Without TF_VAR_from_env, from_env has no value at all.
    let report = scan(
        &[
            &format!("{EVAL}/precedence"),
            "--only",
            "CG-AWS-005",
            "--show-unknown",
        ],
        &[],
    );
    let unknown = with_status(&report, "unknown");
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0]["resource"]["address"], "aws_kms_key.env");
    // The cause is named, with how to give the value.
    let message = unknown[0]["message"].as_str().unwrap();
    assert!(
        message.contains("depends on var.from_env given no value (set with -var"),
        "{message}"
    );
    assert!(!message.contains("after apply"), "{message}");
}

#[test]
fn missing_var_file_is_an_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_copguard"))
        .args([
            "scan",
            "testdata/examples/secure",
            "--var-file",
            "nope.tfvars",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("nope.tfvars"));
}

#[test]
fn for_each_over_a_map_expands_with_terraform_addresses() {
    let report = scan(&[&format!("{EVAL}/for-each"), "--only", "CG-AWS-001"], &[]);
    assert_eq!(
        findings(&report),
        vec![(
            "CG-AWS-001".into(),
            "aws_s3_bucket.data[\"scratch\"]".into(),
            17
        )]
    );
    assert_eq!(report["summary"]["resources"], 3);
    assert_eq!(report["summary"]["passed"], 2);
}

#[test]
fn dynamic_ingress_block_opening_ssh_is_found() {
    let report = scan(
        &[&format!("{EVAL}/dynamic-ingress"), "--only", "CG-AWS-010"],
        &[],
    );
    assert_eq!(
        findings(&report),
        vec![("CG-AWS-010".into(), "aws_security_group.edge".into(), 16)]
    );
    assert_eq!(report["findings"][0]["attribute_path"], "ingress[1]");
}

#[test]
fn count_expands_and_unknown_count_still_checks_literals() {
    let report = scan(
        &[&format!("{EVAL}/count"), "--only", "CG-AWS-016,CG-AWS-005"],
        &[],
    );
    assert_eq!(
        findings(&report),
        vec![
            ("CG-AWS-016".into(), "aws_db_instance.replica[1]".into(), 5),
            ("CG-AWS-005".into(), "aws_kms_key.per_tenant".into(), 13),
        ]
    );
}

#[test]
fn huge_count_is_capped_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"aws_kms_key\" \"k\" {\n  count = 100000000\n  enable_key_rotation = true\n}\n",
    )
    .unwrap();
    let report = scan(&[dir.path().to_str().unwrap(), "--only", "CG-AWS-005"], &[]);
    assert_eq!(report["summary"]["resources"], 1000);
    let warning = &report["diagnostics"][0];
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("only the first 1000"),
        "{warning}"
    );
    assert_eq!(warning["location"]["start_line"], 2);
}

#[test]
fn local_module_instantiated_twice_reports_only_the_bad_instance_in_the_module_file() {
    let dir = format!("{EVAL}/modules");
    let report = scan(&[&dir, "--only", "CG-AWS-001,CG-AWS-003"], &[]);
    let found = findings(&report);
    let encryption: Vec<_> = found.iter().filter(|f| f.0 == "CG-AWS-001").collect();
    assert_eq!(
        encryption,
        [&(
            "CG-AWS-001".to_string(),
            "module.scratch.aws_s3_bucket.this".to_string(),
            18
        )]
    );
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "CG-AWS-001")
        .unwrap();
    assert_eq!(
        finding["location"]["path"],
        format!("{dir}/modules/bucket/main.tf")
    );
    // The value came from the caller's argument.
    assert_eq!(finding["value_origins"][0]["variable"], "algorithm");
    assert_eq!(
        finding["value_origins"][0]["location"]["path"],
        format!("{dir}/main.tf")
    );
    assert_eq!(finding["value_origins"][0]["location"]["start_line"], 12);
    // module.cdr.bucket_name is the known name, so the separate versioning
    // resource folds into module.cdr's bucket: only scratch lacks versioning.
    let versioning: Vec<_> = found
        .iter()
        .filter(|f| f.0 == "CG-AWS-003")
        .map(|f| f.1.as_str())
        .collect();
    assert_eq!(versioning, ["module.scratch.aws_s3_bucket.this"]);
    // The module directory is not also scanned as a root of its own.
    assert_eq!(report["summary"]["resources"], 2);
    // The registry module that was not downloaded is a note at its block.
    let note = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("not downloaded"))
        .expect("a note for module.vpc");
    assert_eq!(note["level"], "note");
    assert_eq!(note["location"]["start_line"], 17);
}

#[test]
fn iam_policy_documents_are_evaluated_and_other_data_sources_are_unknown() {
    let report = scan(
        &[
            &format!("{EVAL}/data-sources"),
            "--only",
            "CG-AWS-012,CG-AWS-009",
            "--show-unknown",
        ],
        &[],
    );
    let statuses = statuses(&report);
    assert_eq!(
        statuses,
        vec![
            (
                "CG-AWS-012".into(),
                "aws_iam_policy.admin".into(),
                "fail".into()
            ),
            (
                "CG-AWS-009".into(),
                "aws_cloudwatch_log_group.signalling".into(),
                "unknown".into()
            ),
        ]
    );
    // read_logs is evaluated too, and passes.
    assert_eq!(report["summary"]["passed"], 1);
}

#[test]
fn type_errors_in_expressions_are_located_warnings_and_unknown() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"aws_cloudwatch_log_group\" \"g\" {\n  name              = \"g\"\n  retention_in_days = \"thirty\" * 2\n}\n",
    )
    .unwrap();
    let report = scan(
        &[
            dir.path().to_str().unwrap(),
            "--only",
            "CG-AWS-009",
            "--show-unknown",
        ],
        &[],
    );
    let warning = &report["diagnostics"][0];
    assert_eq!(warning["level"], "warning");
    assert_eq!(warning["location"]["start_line"], 3);
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("operator * cannot take string and number"),
        "{warning}"
    );
    assert_eq!(report["findings"][0]["status"], "unknown");
}

#[test]
fn review_regressions_give_no_false_failures() {
    let report = scan(
        &[
            &format!("{EVAL}/regressions"),
            "--only",
            "CG-AWS-001,CG-AWS-038,CG-AWS-008,CG-AWS-005",
            "--show-unknown",
        ],
        &[],
    );
    let statuses = statuses(&report);
    // Nothing fails: the trail's key is `try` over a resource, "set, value
    // unknown" (before the fix it became null, unset, and a failure).
    assert!(statuses.is_empty(), "{:#?}", report["findings"]);
    // Two buckets, one VPC instance, the trail and the key passed.
    assert_eq!(report["summary"]["passed"], 5);
}

#[test]
fn an_unknown_in_one_element_does_not_hide_another_elements_failure() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        r#"resource "aws_security_group" "sg" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.office_cidrs
  }
}
"#,
    )
    .unwrap();
    let report = scan(
        &[
            dir.path().to_str().unwrap(),
            "--only",
            "CG-AWS-010",
            "--show-unknown",
        ],
        &[],
    );
    let statuses: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["status"].as_str().unwrap(),
                f["attribute_path"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [("fail", "ingress[0]"), ("unknown", "ingress[1]")]
    );
}

#[test]
fn a_reference_passed_into_a_module_through_a_variable_is_an_edge() {
    let report = scan(
        &[&format!("{EVAL}/module-edges"), "--only", "CG-AWS-038"],
        &[],
    );
    let vpcs: Vec<String> = findings(&report).into_iter().map(|f| f.1).collect();
    assert_eq!(vpcs, ["aws_vpc.lab"], "{:#?}", report["findings"]);
    assert_eq!(report["summary"]["passed"], 1);
}

#[test]
fn a_child_whose_parent_is_unknown_makes_its_parents_unknown_not_failing() {
    // Without the child, the same buckets fail.
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(EVAL).join("unknown-parent/main.tf")).unwrap();
    let without_child = text
        .split("resource \"aws_s3_bucket_server_side_encryption_configuration\"")
        .next()
        .unwrap()
        .to_string()
        + "resource \"aws_s3_bucket\" \"plain\" {\n  bucket = \"plain-bucket\"\n}\n";
    std::fs::write(tmp.path().join("main.tf"), without_child).unwrap();
    let report = common::scan_ok(tmp.path(), &[".", "--only", "CG-AWS-001"], &[]);
    assert_eq!(findings(&report).len(), 2, "{:#?}", report["findings"]);
    let report = scan(
        &[
            &format!("{EVAL}/unknown-parent"),
            "--only",
            "CG-AWS-001",
            "--show-unknown",
        ],
        &[],
    );
    assert_eq!(
        statuses(&report),
        [
            (
                "CG-AWS-001".to_string(),
                "aws_s3_bucket.data".to_string(),
                "unknown".to_string()
            ),
            (
                "CG-AWS-001".to_string(),
                "aws_s3_bucket.plain".to_string(),
                "unknown".to_string()
            ),
        ]
    );
}

#[test]
fn a_known_part_decides_a_result_beside_unknown_values() {
    let report = scan(
        &[
            &format!("{EVAL}/three-valued"),
            "--only",
            "CG-AWS-028,CG-AWS-037,CG-AWS-039",
            "--show-unknown",
        ],
        &[],
    );
    let got = statuses(&report);
    let expect = |rule: &str, address: &str, status: &str| {
        (rule.to_string(), address.to_string(), status.to_string())
    };
    assert!(
        got.contains(&expect("CG-AWS-037", "aws_lambda_function.billing", "fail")),
        "{got:?}"
    );
    // Its only unknown value is not credential-shaped by name: it passes.
    assert!(
        !got.iter()
            .any(|(_, address, _)| address == "aws_lambda_function.reports"),
        "{got:?}"
    );
    assert!(
        got.contains(&expect("CG-AWS-039", "aws_cloudtrail.audit", "unknown")),
        "{got:?}"
    );
    assert!(
        got.contains(&expect("CG-AWS-028", "aws_eks_cluster.core", "fail")),
        "{got:?}"
    );
    // The neighbour's unknown value is named.
    let trail = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "CG-AWS-039")
        .unwrap();
    assert!(
        trail["unknown_paths"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p.as_str().unwrap().contains("block_public_acls")),
        "{trail:#}"
    );
}

#[test]
fn strings_convert_to_the_schema_type_as_terraform_converts_them() {
    let report = scan(&[&format!("{EVAL}/string-values")], &[]);
    let got: Vec<(String, String)> = findings(&report).into_iter().map(|f| (f.0, f.1)).collect();
    assert!(
        got.contains(&(
            "CG-AWS-010".to_string(),
            "aws_security_group_rule.ssh".to_string()
        )),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|(rule, address)| rule == "CG-AWS-014" && address == "aws_ebs_volume.data"),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            "CG-AWS-014".to_string(),
            "aws_ebs_volume.scratch".to_string()
        )),
        "{got:?}"
    );
    assert_eq!(report["diagnostics"], serde_json::json!([]), "{report:#}");
}

#[test]
fn root_modules_with_the_same_addresses_stay_apart() {
    let report = scan(&["testdata/terraform/roots", "--only", "CG-AWS-003"], &[]);
    assert!(findings(&report).is_empty(), "{:#?}", report["findings"]);
    assert_eq!(report["summary"]["passed"], 2);
    // Without its versioning, only app2's bucket fails, and the finding is
    // its own: its file and its fingerprint.
    let tmp = tempfile::tempdir().unwrap();
    for app in ["app1", "app2"] {
        std::fs::create_dir_all(tmp.path().join(app)).unwrap();
    }
    let text =
        std::fs::read_to_string(root().join("testdata/terraform/roots/app1/main.tf")).unwrap();
    std::fs::write(tmp.path().join("app1/main.tf"), &text).unwrap();
    let bare = text
        .split("resource \"aws_s3_bucket_versioning\"")
        .next()
        .unwrap();
    std::fs::write(tmp.path().join("app2/main.tf"), bare).unwrap();
    let report = common::scan_ok(tmp.path(), &[".", "--only", "CG-AWS-003"], &[]);
    let failed = report["findings"].as_array().unwrap();
    assert_eq!(failed.len(), 1, "{failed:#?}");
    assert_eq!(failed[0]["location"]["path"], "app2/main.tf");
}

#[test]
fn a_module_output_passed_to_a_sibling_module_is_an_edge() {
    let report = scan(
        &[&format!("{EVAL}/sibling-modules"), "--only", "CG-AWS-038"],
        &[],
    );
    assert!(findings(&report).is_empty(), "{:#?}", report["findings"]);
    assert_eq!(report["summary"]["passed"], 1);
}

#[test]
fn try_keeps_an_unknown_value_and_falls_back_only_on_an_error() {
    let report = scan(
        &[
            &format!("{EVAL}/try-unknown"),
            "--only",
            "CG-AWS-001",
            "--show-unknown",
        ],
        &[],
    );
    assert_eq!(
        statuses(&report),
        [(
            "CG-AWS-001".to_string(),
            "module.plain.aws_s3_bucket.this".to_string(),
            "fail".to_string()
        )],
        "{:#?}",
        report["findings"]
    );
    assert_eq!(report["summary"]["passed"], 1);
}

#[test]
fn optional_attribute_defaults_and_non_nullable_variables_apply() {
    let report = scan(
        &[
            &format!("{EVAL}/optional-defaults"),
            "--only",
            "CG-AWS-014,CG-AWS-015",
            "--show-unknown",
        ],
        &[],
    );
    assert!(statuses(&report).is_empty(), "{:#?}", report["findings"]);
    assert_eq!(report["summary"]["passed"], 2);
}

#[test]
fn a_pass_that_read_an_input_nobody_gave_is_unknown() {
    let report = scan(
        &[
            &format!("{EVAL}/unset-inputs"),
            "--only",
            "CG-AWS-010,CG-AWS-008",
            "--show-unknown",
        ],
        &[],
    );
    let mut got: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["resource"]["address"].as_str().unwrap().to_string(),
                f["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    let want = [
        ("CG-AWS-010", "aws_security_group.direct", "unknown"),
        ("CG-AWS-010", "module.sg.aws_security_group.this", "unknown"),
    ]
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
    assert_eq!(got, want);
    // The trail whose key is another resource's ARN passes.
    assert_eq!(report["summary"]["passed"], 1, "{:#}", report["summary"]);
    // Each unknown names its cause: a root input, or a module's variable.
    let message = |address: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["resource"]["address"] == address)
            .and_then(|f| f["message"].as_str())
            .unwrap()
            .to_string()
    };
    assert!(message("aws_security_group.direct").contains(
        "depends on var.admin_cidr given no value (set with -var, a .tfvars file or TF_VAR_<name>)"
    ));
    assert!(message("module.sg.aws_security_group.this")
        .contains("depends on var.cidr given no value (set through the module's arguments)"));
}

#[test]
fn an_unknown_region_is_named_as_the_cause() {
    let report = scan(
        &[
            &format!("{EVAL}/count"),
            "--only",
            "CG-AWS-047",
            "--show-unknown",
        ],
        &[],
    );
    let unknown = with_status(&report, "unknown");
    assert!(!unknown.is_empty());
    for finding in unknown {
        let message = finding["message"].as_str().unwrap();
        assert!(
            message.contains("depends on a region the code does not give"),
            "{message}"
        );
    }
}

#[test]
fn findings_in_a_module_shared_by_two_roots_name_their_root_and_differ() {
    let report = scan(
        &[
            &format!("{EVAL}/shared-module/examples"),
            "--only",
            "CG-AWS-003",
        ],
        &[],
    );
    let found: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["message"].as_str().unwrap(),
                f["fingerprint"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0]
            .0
            .contains("called from root module testdata/terraform/eval/shared-module/examples/one"),
        "{found:#?}"
    );
    assert!(
        found[1]
            .0
            .contains("called from root module testdata/terraform/eval/shared-module/examples/two"),
        "{found:#?}"
    );
    assert_ne!(found[0].1, found[1].1);
    let roots: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["resource"]["root_module"].as_str().unwrap())
        .collect();
    assert_eq!(
        roots,
        [
            "testdata/terraform/eval/shared-module/examples/one",
            "testdata/terraform/eval/shared-module/examples/two"
        ]
    );
}

#[test]
fn data_sources_with_count_or_for_each_are_evaluated_per_instance() {
    let report = scan(
        &[
            &format!("{EVAL}/counted-data-sources"),
            "--only",
            "CG-AWS-055",
            "--show-unknown",
        ],
        &[],
    );
    let got = statuses(&report);
    let want: Vec<(String, String, String)> = ["p", "q", "r"]
        .iter()
        .map(|n| {
            (
                "CG-AWS-055".to_string(),
                format!("aws_iam_policy.{n}"),
                "fail".to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn a_value_passed_on_through_a_module_argument_is_shown_where_it_was_written() {
    let report = scan(
        &[
            &format!("{EVAL}/pass-through/examples/complete"),
            "--only",
            "CG-AWS-015",
        ],
        &[],
    );
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{report:#}");
    let origins = findings[0]["value_origins"].as_array().unwrap();
    assert_eq!(origins.len(), 1, "{origins:#?}");
    assert_eq!(
        origins[0]["location"]["path"],
        "testdata/terraform/eval/pass-through/examples/complete/terraform.tfvars"
    );
    assert_eq!(origins[0]["location"]["start_line"], 1);
    assert!(
        origins[0]["origin"]
            .as_str()
            .unwrap()
            .contains("passed on by the module argument at testdata/terraform/eval/pass-through/examples/complete/main.tf:9:3"),
        "{origins:#?}"
    );
}

#[test]
fn a_finding_through_a_folded_child_names_the_child_and_points_at_it() {
    let report = scan(
        &[
            &format!("{EVAL}/folded-child"),
            "--only",
            "CG-AWS-010,CG-AWS-003",
        ],
        &[],
    );
    let got: Vec<(&str, &str, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["resource"]["address"].as_str().unwrap(),
                f["resource"]["via"].as_str().unwrap(),
                f["location"]["start_line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("aws_security_group.web", "aws_security_group_rule.ssh", 6),
            ("aws_s3_bucket.b", "aws_s3_bucket_versioning.b", 22),
        ]
    );
    assert!(report["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("aws_security_group.web via aws_security_group_rule.ssh"));
}

#[test]
fn policy_documents_merge_source_and_override_documents_by_sid() {
    let report = scan(
        &[
            &format!("{EVAL}/merged-policy-documents"),
            "--only",
            "CG-AWS-055",
            "--show-unknown",
        ],
        &[],
    );
    let got = statuses(&report);
    let want: Vec<(String, String, String)> = ["empty_source", "from_source"]
        .iter()
        .map(|n| {
            (
                "CG-AWS-055".to_string(),
                format!("aws_iam_policy.{n}"),
                "fail".to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
    // The overridden document passes (not unknown).
    assert_eq!(report["summary"]["passed"], 1, "{:#}", report["summary"]);
}

#[test]
fn a_policy_document_with_unknown_values_keeps_its_known_statements() {
    let report = scan(&[&format!("{EVAL}/partial-json"), "--show-unknown"], &[]);
    let got = statuses(&report);
    let status = |rule: &str, address: &str| {
        got.iter()
            .find(|(r, a, _)| r == rule && a == address)
            .map(|(_, _, s)| s.as_str())
    };
    // Unknown only inside strings: decided by the known statements.
    assert_eq!(status("CG-AWS-012", "aws_iam_policy.admin"), Some("fail"));
    assert_eq!(
        status("CG-AWS-055", "module.reader.aws_iam_policy.this"),
        Some("fail")
    );
    assert_eq!(
        status("CG-AWS-055", "aws_iam_policy.merged_partial"),
        Some("fail")
    );
    for address in ["aws_iam_role.irsa", "aws_iam_policy.heredoc"] {
        assert!(
            got.iter().all(|(_, a, _)| a != address),
            "{address} should pass: {got:?}"
        );
    }
    // The unknown value decides: unknown, naming it.
    assert_eq!(
        status("CG-AWS-053", "aws_iam_policy.passrole"),
        Some("unknown")
    );
    let passrole = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["resource"]["address"] == "aws_iam_policy.passrole")
        .unwrap();
    assert_eq!(
        passrole["unknown_paths"],
        serde_json::json!(["policy.Statement[0].Resource"])
    );
    // The OIDC trust's condition key reads an input nobody gave, so its
    // pass is decided again three-valued, and there the computed provider
    // ARN counts as unknown too: unknown (a known limit; a reader says
    // pass, since a Federated ARN is never "*").
    assert_eq!(status("CG-AWS-020", "aws_iam_role.oidc"), Some("unknown"));
    // An input nobody gave, behind the data source, may be "*".
    assert_eq!(
        status("CG-AWS-020", "aws_iam_role.trust_input"),
        Some("unknown")
    );
    // A condition key not known may be the one the rule asks for.
    assert_eq!(
        status("CG-AWS-020", "aws_iam_role.cross_account"),
        Some("unknown")
    );
    // Shape not known (dynamic statements, JSON spliced in): unknown.
    for address in ["aws_iam_policy.dynamic", "aws_iam_policy.spliced"] {
        assert_eq!(status("CG-AWS-012", address), Some("unknown"), "{address}");
    }
    // No warning: an unknown value is not an invalid document.
    assert_eq!(report["diagnostics"], serde_json::json!([]));
}

#[test]
fn a_reference_to_an_argument_another_block_writes_reads_its_value() {
    let report = scan(
        &[
            &format!("{EVAL}/resource-arguments"),
            "--only",
            "CG-AWS-010",
            "--show-unknown",
        ],
        &[],
    );
    let got: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["status"].as_str().unwrap().to_string(),
                f["resource"]["via"]
                    .as_str()
                    .or(f["resource"]["address"].as_str())
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    // `inside` (the VPC's CIDR through a variable default) and `counted`
    // (a literal in a counted block) pass; the cycle ends.
    assert_eq!(
        got,
        [
            ("fail".to_string(), "aws_security_group.web".to_string()),
            (
                "unknown".to_string(),
                "aws_vpc_security_group_ingress_rule.per_instance".to_string()
            ),
            (
                "unknown".to_string(),
                "aws_vpc_security_group_ingress_rule.computed".to_string()
            ),
        ]
    );
}

#[test]
fn data_sources_read_each_other_in_any_order_and_path_module_is_known() {
    let report = scan(
        &[
            &format!("{EVAL}/data-source-order"),
            "--skip",
            "CG-AWS-047",
            "--show-unknown",
        ],
        &[],
    );
    let want = [
        ("CG-AWS-012", "aws_iam_policy.splat_other_count", "unknown"),
        ("CG-AWS-037", "aws_ssm_parameter.token", "fail"),
        ("CG-AWS-053", "aws_iam_policy.splat_other_count", "unknown"),
        ("CG-AWS-053", "aws_iam_policy.this", "fail"),
        ("CG-AWS-054", "aws_iam_policy.splat_other_count", "unknown"),
        ("CG-AWS-055", "aws_iam_policy.guarded", "fail"),
        ("CG-AWS-055", "aws_iam_policy.splat", "fail"),
        ("CG-AWS-055", "aws_iam_policy.splat_other_count", "unknown"),
    ]
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
    let mut got = statuses(&report);
    got.sort();
    assert_eq!(got, want);
}

#[test]
fn known_parts_of_a_partly_known_name_decide_what_they_can() {
    let report = scan(
        &[
            &format!("{EVAL}/partial-text"),
            "--only",
            "CG-AWS-037",
            "--show-unknown",
        ],
        &[],
    );
    let mut got = statuses(&report);
    got.sort();
    let want = [
        ("CG-AWS-037", "aws_ssm_parameter.anything", "unknown"),
        ("CG-AWS-037", "aws_ssm_parameter.api_token", "fail"),
        ("CG-AWS-037", "aws_ssm_parameter.padded", "unknown"),
    ]
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
    // db_arn and vpc_id pass: their known tails are pointers.
    assert_eq!(got, want);
}

#[test]
fn a_finding_names_only_the_variables_behind_what_the_policy_read() {
    let report = scan(&[&format!("{EVAL}/origins"), "--only", "CG-AWS-010"], &[]);
    let variables = origin_variables_of_the_one_failure(&report);
    // Not `rule_description`: the rule's description is not what is wrong.
    assert_eq!(variables, ["admin_cidr"]);
}

#[test]
fn a_default_or_branch_not_taken_is_not_named_as_the_origin() {
    let report = scan(
        &[&format!("{EVAL}/origins-chosen"), "--only", "CG-AWS-010"],
        &[],
    );
    let variables = origin_variables_of_the_one_failure(&report);
    // The listener map that held the CIDR, and the flag that chose the
    // branch; not the coalesce/lookup default or the other branch.
    assert_eq!(variables, ["listeners", "use_default"]);
}

#[test]
fn an_unknown_from_a_module_not_downloaded_says_so() {
    let report = scan(
        &[
            &format!("{EVAL}/unloaded-module"),
            "--only",
            "CG-AWS-010",
            "--show-unknown",
        ],
        &[],
    );
    let unknown = with_status(&report, "unknown");
    // Read directly, and passed into a local module.
    assert_eq!(unknown.len(), 2, "{unknown:#?}");
    for finding in unknown {
        let message = finding["message"].as_str().unwrap();
        assert!(
            message
                .contains("depends on outputs of module.vpc, not loaded (a module not downloaded"),
            "{message}"
        );
        assert!(!message.contains("after apply"), "{message}");
    }
}

/// The variables the report's one failure names as the origins of its value.
fn origin_variables_of_the_one_failure(report: &Value) -> Vec<String> {
    let failed = with_status(report, "fail");
    assert_eq!(failed.len(), 1, "{failed:#?}");
    failed[0]["value_origins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["variable"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_input_nobody_gave_behind_a_data_source_or_module_output_keeps_a_document_unknown() {
    // Each would pass if the unknown value were left out: the action could
    // be "*", the Deny may be merged or not, the Sid may replace it.
    for (fixture, rule, address) in [
        ("data-source", "CG-AWS-012", "aws_iam_policy.p"),
        ("module-output", "CG-AWS-012", "aws_iam_policy.root"),
        (
            "module-output",
            "CG-AWS-012",
            "module.m.aws_iam_policy.inner",
        ),
        ("unknown-count", "CG-AWS-018", "aws_s3_bucket.b"),
        ("unknown-sid", "CG-AWS-018", "aws_s3_bucket.b"),
    ] {
        let report = scan(
            &[
                &format!("{EVAL}/unset-behind-documents/{fixture}"),
                "--only",
                rule,
                "--show-unknown",
            ],
            &[],
        );
        let got: Vec<(String, String, String)> = statuses(&report)
            .into_iter()
            .filter(|(_, a, _)| a == address)
            .collect();
        assert_eq!(
            got,
            [(rule.to_string(), address.to_string(), "unknown".to_string())],
            "{fixture}"
        );
    }
}
