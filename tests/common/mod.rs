//! Helpers shared by the integration tests: run the copguard binary in a
//! directory and read its JSON report.
#![allow(dead_code)] // each test binary uses a different subset

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// Runs copguard in `dir` with `args` and extra environment variables:
/// colour off, and no `TF_VAR_*` from the test's own environment.
pub fn copguard_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_copguard"));
    command.args(args).current_dir(dir).env("NO_COLOR", "1");
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("TF_VAR_")) {
        command.env_remove(key);
    }
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("copguard runs")
}

pub fn copguard(dir: &Path, args: &[&str]) -> Output {
    copguard_env(dir, args, &[])
}

/// `copguard scan --format json ARGS` in `dir`: the report and the output.
pub fn json_report_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (Value, Output) {
    let mut all = vec!["scan", "--format", "json"];
    all.extend_from_slice(args);
    let output = copguard_env(dir, &all, env);
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (report, output)
}

pub fn json_report(dir: &Path, args: &[&str]) -> (Value, Output) {
    json_report_env(dir, args, &[])
}

/// A JSON report of a scan that must run (exit 0 with `--fail-on none` and
/// `--allow-input-errors`: tests of bad input read its diagnostics).
pub fn scan_ok(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Value {
    let mut all = vec!["--fail-on", "none", "--allow-input-errors"];
    all.extend_from_slice(args);
    let (report, output) = json_report_env(dir, &all, env);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    report
}

/// (rule id, resource address, line) of every finding.
pub fn findings(report: &Value) -> Vec<(String, String, u64)> {
    findings_with_path(report)
        .into_iter()
        .map(|(rule, address, _, line)| (rule, address, line))
        .collect()
}

/// The listed results of a JSON report.
pub fn finding_values(report: &Value) -> &[Value] {
    report["findings"].as_array().expect("findings array")
}

/// The listed results with this status (`fail`, `unknown`).
pub fn with_status<'a>(report: &'a Value, status: &str) -> Vec<&'a Value> {
    finding_values(report)
        .iter()
        .filter(|f| f["status"] == status)
        .collect()
}

/// (rule id, resource address, file, line) of every finding.
pub fn findings_with_path(report: &Value) -> Vec<(String, String, String, u64)> {
    finding_values(report)
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["resource"]["address"].as_str().unwrap().to_string(),
                f["location"]["path"].as_str().unwrap().to_string(),
                f["location"]["start_line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// (rule id, resource address, status) of every listed result.
pub fn statuses(report: &Value) -> Vec<(String, String, String)> {
    finding_values(report)
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["resource"]["address"].as_str().unwrap().to_string(),
                f["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Runs copguard in `dir` with `args`, writing `input` to its standard input.
pub fn copguard_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_copguard"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("copguard runs");
    let mut stdin = child.stdin.take().expect("stdin piped");
    let input = input.to_vec();
    // Written from a thread: a large input must not block on a full pipe
    // while copguard's output fills the other one.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("copguard finishes");
    writer
        .join()
        .expect("writer thread")
        .expect("stdin written");
    output
}

/// The 1-based line of the first line of `file` containing `needle`.
pub fn line_of(file: &Path, needle: &str) -> u64 {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in {}", file.display())) as u64
        + 1
}

/// The multitool's path, installing it with npm on first use. Tests of one
/// binary run in parallel: one installs while the others wait.
pub fn sarif_multitool() -> PathBuf {
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _installing = INSTALL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let prefix = root().join("target/tools/sarif-multitool");
    let bin = prefix.join("node_modules/.bin/sarif-multitool");
    if !bin.exists() {
        let status = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix)
            .arg("@microsoft/sarif-multitool@5")
            .status()
            .expect("npm is needed to install the SARIF multitool (Node.js 18+)");
        assert!(
            status.success(),
            "npm install @microsoft/sarif-multitool failed"
        );
    }
    // npm 11 may skip the package's postinstall `chmod u+x`; do it here.
    let native = prefix.join("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    if native.exists() {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&native, std::fs::Permissions::from_mode(0o755));
    }
    bin
}

/// Validates `sarif` with the multitool; returns the problems it reports:
/// every error, and warnings about the tool driver.
pub fn multitool_problems(tool: &Path, sarif: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("copguard.sarif");
    let output = dir.path().join("validation.sarif");
    std::fs::write(&input, sarif).unwrap();
    let run = Command::new(tool)
        .arg("validate")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .output()
        .expect("SARIF multitool runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(output.exists(), "multitool wrote no report: {stdout}");
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    let rules = &log["runs"][0]["tool"]["driver"]["rules"];
    let mut problems = Vec::new();
    for result in log["runs"][0]["results"].as_array().into_iter().flatten() {
        let rule_level = rules
            .as_array()
            .and_then(|rules| rules.get(result["ruleIndex"].as_u64()? as usize))
            .and_then(|rule| rule["defaultConfiguration"]["level"].as_str());
        let level = result["level"].as_str().or(rule_level).unwrap_or("warning");
        let args = result["message"]["arguments"].to_string();
        if level == "error" || (level == "warning" && args.contains("tool.driver")) {
            problems.push(format!("{level} {}: {args}", result["ruleId"]));
        }
    }
    problems
}

/// The calls a collector sent are all in its `live.yaml` table (there are
/// at least `at_least` of them: not an empty run), and README.md carries
/// `permissions`, the document users grant (an IAM policy, an Azure role).
pub fn assert_calls_documented(
    calls: &std::collections::BTreeSet<String>,
    table: &std::collections::BTreeMap<String, String>,
    at_least: usize,
    permissions: &Value,
) {
    let outside: Vec<&String> = calls.iter().filter(|c| !table.contains_key(*c)).collect();
    assert!(
        outside.is_empty(),
        "calls outside live.yaml's api_calls: {outside:?}"
    );
    assert!(calls.len() >= at_least, "{calls:?}");
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let document = serde_json::to_string_pretty(permissions).unwrap();
    assert!(
        readme.contains(&document),
        "README.md must carry:\n{document}"
    );
}
