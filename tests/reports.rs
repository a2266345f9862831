//! Reports pinned with insta snapshots over the bundled examples, and SARIF
//! validated with Microsoft's SARIF multitool (installed with npm into
//! `target/tools` on first use).

mod common;

use copguard::report::{self, Report};
use copguard::ScanOptions;
use serde_json::Value;
use std::path::PathBuf;
use std::time::Duration;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scan(path: &str, show_unknown: bool) -> Report {
    let mut report = copguard::scan(&ScanOptions {
        paths: vec![root().join(path)],
        base_dir: root(),
        show_unknown,
        ..ScanOptions::default()
    })
    .expect("scan runs");
    // The only value that changes between runs.
    report.summary.elapsed = Duration::ZERO;
    report
}

fn render(
    report: &Report,
    printer: fn(&Report, &mut dyn std::io::Write) -> std::io::Result<()>,
) -> String {
    let mut out = Vec::new();
    {
        let writer: &mut dyn std::io::Write = &mut out;
        let mut stripped = anstream::StripStream::new(writer);
        printer(report, &mut stripped).expect("render");
    }
    String::from_utf8(out).expect("UTF-8 report")
}

#[test]
fn text_report_of_insecure_example() {
    let report = scan("testdata/examples/insecure", true);
    insta::assert_snapshot!(render(&report, report::text::render));
}

#[test]
fn json_report_of_insecure_example() {
    let report = scan("testdata/examples/insecure", true);
    insta::assert_snapshot!(render(&report, report::json::render));
}

#[test]
fn sarif_report_of_insecure_example() {
    let report = scan("testdata/examples/insecure", true);
    insta::assert_snapshot!(render(&report, report::sarif::render));
}

#[test]
fn text_report_of_kubernetes_example() {
    let report = scan("testdata/examples/kubernetes", false);
    insta::assert_snapshot!(render(&report, report::text::render));
}

#[test]
fn json_report_of_kubernetes_example() {
    let report = scan("testdata/examples/kubernetes", false);
    insta::assert_snapshot!(render(&report, report::json::render));
}

#[test]
fn sarif_report_of_kubernetes_example() {
    let report = scan("testdata/examples/kubernetes", false);
    insta::assert_snapshot!(render(&report, report::sarif::render));
}

/// `helm template ... | copguard scan -`, with the rendered fixture.
fn scan_rendered_helm_on_stdin() -> Report {
    let rendered = std::fs::read(root().join("testdata/kubernetes/helm/rendered.yaml")).unwrap();
    let mut report = copguard::scan(&ScanOptions {
        stdin: Some(rendered),
        base_dir: root(),
        ..ScanOptions::default()
    })
    .expect("scan runs");
    report.summary.elapsed = Duration::ZERO;
    report
}

#[test]
fn sarif_report_with_input_errors() {
    let report = scan("testdata/bad-input", false);
    insta::assert_snapshot!(render(&report, report::sarif::render));
}

#[test]
fn text_diagnostics_of_bad_input() {
    let report = scan("testdata/bad-input", false);
    insta::assert_snapshot!(render(&report, report::text::render_diagnostics));
}

#[test]
fn json_findings_decode_into_test_owned_types() {
    // The JSON wire format is a contract: decode it into the fields the
    // documentation promises, not into copguard's own types.
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Wire {
        schema_version: u32,
        tool: serde_json::Map<String, Value>,
        summary: serde_json::Map<String, Value>,
        findings: Vec<WireFinding>,
        suppressed: Vec<WireFinding>,
        data_stores: Vec<WireDataStore>,
        diagnostics: Vec<Value>,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct WireDataStore {
        address: String,
        #[serde(rename = "type")]
        resource_type: String,
        provider: String,
        region: Option<String>,
        allowed: Option<bool>,
        location: Value,
        live: Option<Value>,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct WireFinding {
        rule_id: String,
        rule_name: String,
        title: String,
        severity: String,
        status: String,
        resource: Value,
        attribute_path: Option<String>,
        location: Value,
        message: String,
        measures: Vec<Value>,
        topics: Vec<String>,
        fingerprint: String,
        #[serde(default)]
        unknown_paths: Vec<String>,
        #[serde(default)]
        value_origins: Vec<Value>,
        document: Option<u64>,
        suppression: Option<Value>,
    }
    let report = scan("testdata/examples/insecure", false);
    let wire: Wire = serde_json::from_str(&render(&report, report::json::render))
        .expect("documented JSON shape");
    assert_eq!(wire.schema_version, 1);
    assert_eq!(wire.tool["name"], "copguard");
    assert_eq!(wire.summary["failed"], wire.findings.len());
    assert!(wire.diagnostics.is_empty());
    assert!(wire.suppressed.is_empty());
    assert_eq!(wire.summary["suppressed"], 0);
    let ssh = wire
        .findings
        .iter()
        .find(|f| f.rule_id == "CG-AWS-010")
        .expect("SSH finding");
    assert_eq!(ssh.severity, "critical");
    assert_eq!(ssh.attribute_path.as_deref(), Some("ingress[0]"));
    assert_eq!(ssh.location["path"], "testdata/examples/insecure/main.tf");
    assert_eq!(ssh.location["start_line"], 60);
    assert_eq!(ssh.fingerprint.len(), 32);
    let copy = wire
        .data_stores
        .iter()
        .find(|s| s.address == "aws_cloudwatch_log_group.signalling_copy")
        .expect("the Irish copy is a data store");
    assert_eq!(
        (copy.region.as_deref(), copy.allowed),
        (Some("eu-west-1"), Some(false))
    );
    assert!(wire
        .data_stores
        .iter()
        .filter(|s| s.address != copy.address)
        .all(|s| s.region.as_deref() == Some("eu-west-2") && s.allowed == Some(true)));
}

#[test]
fn sarif_validates_under_the_sarif_multitool() {
    let tool = common::sarif_multitool();
    for (path, show_unknown) in [
        ("testdata/examples/insecure", true),
        ("testdata/examples/secure", false),
        ("testdata/bad-input", false),
        ("testdata/examples/kubernetes", false),
    ] {
        let sarif = render(&scan(path, show_unknown), report::sarif::render);
        let problems = common::multitool_problems(&tool, &sarif);
        assert!(problems.is_empty(), "{path}: {problems:#?}");
    }
    // Manifests on stdin, with suppressed results.
    let report = scan_rendered_helm_on_stdin();
    assert!(!report.findings.is_empty() && !report.suppressed.is_empty());
    let sarif = render(&report, report::sarif::render);
    let problems = common::multitool_problems(&tool, &sarif);
    assert!(problems.is_empty(), "stdin: {problems:#?}");
    // The check itself can fail: an invalid log is caught.
    let broken = r#"{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}"#;
    assert!(!common::multitool_problems(&tool, broken).is_empty());
}

#[test]
fn sarif_cut_to_limits_still_validates_and_says_what_was_left_out() {
    use copguard::report::sarif::{render_within, SarifLimits};
    let report = scan("testdata/examples/insecure", true);
    let total = report.findings.len() + report.unknowns.len() + report.suppressed.len();
    assert!(total > 3, "the example has {total} results");
    let limits = SarifLimits {
        max_results: 3,
        max_locations_per_result: 1,
        ..SarifLimits::GITHUB
    };
    let mut out = Vec::new();
    let warnings = render_within(&report, &limits, &mut out).expect("renders");
    let sarif = String::from_utf8(out).expect("UTF-8");
    let log: Value = serde_json::from_str(&sarif).expect("JSON");
    let run = &log["runs"][0];
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    // The three kept are failures of the highest severity the scan has.
    assert!(results.iter().all(|r| r["kind"] == "fail"), "{results:#?}");
    let top = report.findings.iter().map(|f| f.severity).min();
    assert_eq!(
        results
            .iter()
            .filter(|r| report
                .rules
                .iter()
                .any(|rule| rule.id == r["ruleId"] && Some(rule.severity) == top))
            .count(),
        3
    );
    assert!(results.iter().all(|r| r.get("relatedLocations").is_none()));
    let notifications: Vec<&str> = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications")
        .iter()
        .filter(|n| n["level"] == "warning")
        .filter_map(|n| n["message"]["text"].as_str())
        .collect();
    assert_eq!(
        notifications,
        warnings.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(
        notifications[0].starts_with(&format!("{} of {total} results were left out", total - 3)),
        "{notifications:?}"
    );
    let problems = common::multitool_problems(&common::sarif_multitool(), &sarif);
    assert!(problems.is_empty(), "{problems:#?}");
}
