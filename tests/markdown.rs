//! The Markdown evidence report and the JUnit XML report, pinned with insta
//! snapshots over the bundled examples; the XML also checked well-formed by
//! a parser (Python's xml.etree when there is a python3, and always by a
//! tag-balance check here).

use copguard::policy::Registry;
use copguard::report::{self, Report};
use copguard::ScanOptions;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};
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

fn markdown(report: &Report) -> String {
    let known = Registry::builtin().expect("built-in policies load");
    let mut out = Vec::new();
    report::markdown::render(report, &known, &mut out).expect("render");
    String::from_utf8(out).expect("UTF-8 report")
}

fn junit(report: &Report) -> String {
    let mut out = Vec::new();
    report::junit::render(report, &mut out).expect("render");
    String::from_utf8(out).expect("UTF-8 report")
}

/// What a reviewer must never be told, whatever the scan found.
fn assert_honest(md: &str) {
    let lower = md.to_lowercase();
    assert!(!lower.contains("complies"), "{md}");
    assert!(!lower.contains("compliant"), "{md}");
    assert!(md.contains("is not a statement of compliance"), "{md}");
    assert!(
        md.contains("<details>") && md.contains("</details>"),
        "{md}"
    );
}

#[test]
fn markdown_report_of_insecure_example() {
    let md = markdown(&scan("testdata/examples/insecure", true));
    assert_honest(&md);
    assert!(md.contains("| TSCoP 1.0 M13.09 | ❌ failures |"), "{md}");
    insta::assert_snapshot!(md);
}

#[test]
fn markdown_report_of_secure_example() {
    let md = markdown(&scan("testdata/examples/secure", false));
    assert_honest(&md);
    assert!(!md.contains("| ❌"), "{md}");
    insta::assert_snapshot!(md);
}

#[test]
fn markdown_report_with_some_policies_skipped_names_what_did_not_run() {
    let mut report = copguard::scan(&ScanOptions {
        paths: vec![root().join("testdata/examples/insecure")],
        base_dir: root(),
        only: vec!["CG-AWS-001".into()],
        ..ScanOptions::default()
    })
    .expect("scan runs");
    report.summary.elapsed = Duration::ZERO;
    let md = markdown(&report);
    assert_honest(&md);
    // CG-AWS-001 supports M13.09 and M10.05; the policies that did not run
    // leave the other measures without evidence, which the report says.
    assert!(md.contains("| TSCoP 1.0 M13.09 |"), "{md}");
    assert!(!md.contains("| TSCoP 1.0 M16.12 |"), "{md}");
    assert!(
        md.lines()
            .any(|l| l.starts_with("- TSCoP 1.0 M16.12: ") && l.ends_with(") did not run.")),
        "{md}"
    );
}

#[test]
fn every_measure_is_in_the_table_the_no_evidence_list_or_out_of_scope() {
    let md = markdown(&scan("testdata/examples/secure", false));
    let known = Registry::builtin().unwrap();
    let mut cited: Vec<String> = known
        .policies()
        .iter()
        .flat_map(|p| p.info.measures.iter().map(|m| m.id.clone()))
        .collect();
    cited.sort();
    cited.dedup();
    let details = md.split("<details>").nth(1).expect("details");
    for id in copguard::explain::measure_ids() {
        let in_table = md.contains(&format!("| TSCoP 1.0 {id} |"));
        let no_evidence = md.contains(&format!("- TSCoP 1.0 {id}: "));
        let outside = details
            .lines()
            .any(|l| l.starts_with("- M") && l.split([' ', ',']).any(|w| w == *id));
        // A measure whose policies found nothing to check has a table row
        // and a line saying why; either way it is not "outside".
        assert!(
            (in_table || no_evidence) != outside,
            "{id}: table {in_table}, no evidence {no_evidence}, outside {outside}"
        );
        assert_eq!(outside, !cited.contains(&id.to_string()), "{id}");
    }
}

#[test]
fn suppressed_results_are_listed_with_their_justification() {
    let report = scan("testdata/examples/kubernetes", false);
    let suppressed = report
        .suppressed
        .first()
        .expect("debug.yaml suppresses a rule");
    let justification = &suppressed.suppression.as_ref().unwrap().justification;

    let md = markdown(&report);
    assert_honest(&md);
    assert!(
        md.lines().any(|l| l.starts_with("| ⚠️ suppressed: ")
            && l.contains(&suppressed.rule_id)
            && l.contains(justification.as_str())),
        "{md}"
    );

    let xml = junit(&report);
    assert_well_formed(&xml);
    assert!(
        xml.contains(&format!(
            "classname=\"{}\" file=\"{}\"",
            suppressed.rule_id, suppressed.location.path
        )),
        "{xml}"
    );
    assert!(xml.contains("<skipped message=\"suppressed at "), "{xml}");
}

#[test]
fn junit_report_of_insecure_example() {
    let xml = junit(&scan("testdata/examples/insecure", true));
    assert_well_formed(&xml);
    insta::assert_snapshot!(xml);
}

#[test]
fn junit_report_of_secure_example_and_of_bad_input_is_well_formed() {
    let secure = junit(&scan("testdata/examples/secure", false));
    assert_well_formed(&secure);
    assert!(secure.contains(" failures=\"0\" errors=\"0\""), "{secure}");

    let bad = junit(&scan("testdata/bad-input", false));
    assert_well_formed(&bad);
    assert!(bad.contains("<error message="), "{bad}");
}

#[test]
fn junit_escapes_whatever_a_finding_says() {
    let mut report = scan("testdata/examples/insecure", true);
    let nasty = "a <b> & \"c\" 'd' ]]> \u{1b}[31m\ttab\nline \u{0}";
    let finding = report.findings.first_mut().expect("a finding");
    finding.message = nasty.to_string();
    finding.address = nasty.to_string();
    report.rules[finding.rule_index].title = nasty.to_string();
    let xml = junit(&report);
    assert_well_formed(&xml);
    assert!(!xml.contains('\u{1b}') && !xml.contains('\u{0}'));
}

/// Well-formed XML: Python's parser when there is one, and a tag balance
/// check that needs nothing.
fn assert_well_formed(xml: &str) {
    assert_tags_balance(xml);
    let child = Command::new("python3")
        .args([
            "-c",
            "import sys, xml.etree.ElementTree as ET\n\
             root = ET.fromstring(sys.stdin.buffer.read())\n\
             assert root.tag == 'testsuites', root.tag\n\
             for suite in root.iter('testsuite'):\n\
             \x20   cases = suite.findall('testcase')\n\
             \x20   assert int(suite.get('tests')) == len(cases), suite.get('name')\n\
             \x20   assert int(suite.get('failures')) == sum(len(c.findall('failure')) for c in cases)\n\
             \x20   assert int(suite.get('skipped')) == sum(len(c.findall('skipped')) for c in cases)\n\
             \x20   assert int(suite.get('errors')) == sum(len(c.findall('error')) for c in cases)\n\
             assert int(root.get('tests')) == len(list(root.iter('testcase')))\n",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("no python3: XML checked by tag balance only");
        return;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(xml.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "xml.etree rejects the report: {}\n{xml}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn assert_tags_balance(xml: &str) {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .expect("XML declaration");
    let mut open: Vec<&str> = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        let end = start + rest[start..].find('>').expect("tag ends");
        let tag = &rest[start + 1..end];
        assert!(!tag.contains('<'), "unescaped < in {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop(), Some(name), "closing {name}");
        } else if !tag.ends_with('/') {
            open.push(tag.split_whitespace().next().expect("tag name"));
        }
        // Text between tags holds no markup characters unescaped.
        let text_end = rest[end..].find('<').map_or(rest.len(), |i| end + i);
        assert!(!rest[end + 1..text_end].contains('>'), "unescaped >");
        rest = &rest[end + 1..];
    }
    assert!(open.is_empty(), "unclosed {open:?}");
}
