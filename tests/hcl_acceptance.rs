//! copguard accepts what Terraform accepts: every fixture in
//! `testdata/terraform/parse/` is judged by HashiCorp's own HCL parser (npm
//! `@cdktf/hcl2json`, hashicorp/hcl built to WebAssembly), and copguard must
//! agree. A file HCL accepts is read without an input error, and its
//! resource is evaluated (each such fixture opens SSH to the internet
//! through a value only the recovered syntax computes, so CG-AWS-010 fails
//! on it at the resource's line). A file HCL rejects is an input error on
//! the line HCL names. Fixture names say what HCL decides (`reject-*`), and
//! the test checks HCL still decides so.

mod common;

use common::{root, scan_ok};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The node script that runs hcl2json on files given as arguments, one
/// JSON verdict per line; installs the package with npm on first use.
/// Tests of one binary run in parallel: one installs while the others wait.
fn hcl2json() -> PathBuf {
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _installing = INSTALL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let prefix = root().join("target/tools/hcl2json");
    if !prefix.join("node_modules/@cdktf/hcl2json").exists() {
        let status = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix)
            .arg("@cdktf/hcl2json@0.21")
            .status()
            .expect("npm is needed to install @cdktf/hcl2json (Node.js 18+)");
        assert!(status.success(), "npm install @cdktf/hcl2json failed");
    }
    let script = prefix.join("verdicts.js");
    std::fs::write(&script, VERDICTS_JS).unwrap();
    script
}

const VERDICTS_JS: &str = r#"// One line per file: {"file", "ok", "error"}.
const hcl2json = require('@cdktf/hcl2json');
const fs = require('fs');
(async () => {
  for (const file of process.argv.slice(2)) {
    try {
      await hcl2json.parse(file, fs.readFileSync(file, 'utf8'));
      console.log(JSON.stringify({ file, ok: true }));
    } catch (e) {
      console.log(JSON.stringify({ file, ok: false, error: String(e) }));
    }
  }
})();
"#;

/// HCL's verdict on each file: `None` when it accepts it, else its error.
fn hcl_verdicts(files: &[PathBuf]) -> Vec<Option<String>> {
    let output = Command::new("node")
        .arg(hcl2json())
        .args(files)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let verdicts: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(verdicts.len(), files.len());
    verdicts
        .iter()
        .map(|v| match v["ok"].as_bool() {
            Some(true) => None,
            _ => Some(v["error"].as_str().unwrap_or("").to_string()),
        })
        .collect()
}

/// The line HCL's error names: `file.tf:LINE,COL-...`.
fn hcl_error_line(error: &str, file: &Path) -> u64 {
    let name = file.to_str().unwrap();
    let at = error
        .find(&format!("{name}:"))
        .expect("error names the file")
        + name.len()
        + 1;
    error[at..]
        .split(',')
        .next()
        .and_then(|line| line.parse().ok())
        .unwrap_or_else(|| panic!("no line in {error}"))
}

fn fixtures() -> Vec<PathBuf> {
    let dir = root().join("testdata/terraform/parse");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "tf"))
        .collect();
    files.sort();
    files
}

/// Scans `fixture` alone as `main.tf` of a module.
fn scan_alone(fixture: &Path) -> Value {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture, dir.path().join("main.tf")).unwrap();
    scan_ok(dir.path(), &["."], &[])
}

fn errors(report: &Value) -> Vec<&Value> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["level"] == "error")
        .collect()
}

#[test]
fn copguard_accepts_what_hcl_accepts_and_rejects_what_it_rejects() {
    let files = fixtures();
    let verdicts = hcl_verdicts(&files);
    let mut accepted = 0;
    let mut rejected = 0;
    for (file, verdict) in files.iter().zip(&verdicts) {
        let name = file.file_name().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(file).unwrap();
        let report = scan_alone(file);
        let errors = errors(&report);
        match verdict {
            None => {
                accepted += 1;
                assert!(!name.starts_with("reject-"), "HCL now accepts {name}");
                assert!(errors.is_empty(), "{name}: {errors:#?}");
                let resource_line = text
                    .lines()
                    .position(|l| l.starts_with("resource \"aws_security_group_rule\" \"ssh\""))
                    .expect("fixture has the SSH rule") as u64
                    + 1;
                let ssh_open = common::findings(&report).contains(&(
                    "CG-AWS-010".to_string(),
                    "aws_security_group_rule.ssh".to_string(),
                    resource_line,
                ));
                assert!(
                    ssh_open,
                    "{name}: the recovered value did not reach the rule: {:#?}",
                    report["findings"]
                );
            }
            Some(hcl_error) => {
                rejected += 1;
                assert!(
                    name.starts_with("reject-"),
                    "HCL rejects {name}: {hcl_error}"
                );
                let [error] = errors.as_slice() else {
                    panic!("{name}: want one error, got {errors:#?}");
                };
                let message = error["message"].as_str().unwrap();
                assert!(message.starts_with("cannot parse Terraform"), "{message}");
                assert_eq!(
                    error["location"]["start_line"].as_u64().unwrap(),
                    hcl_error_line(hcl_error, file),
                    "{name}: copguard {message}; HCL {hcl_error}"
                );
            }
        }
    }
    assert!(
        accepted >= 5 && rejected >= 4,
        "{accepted} accepted, {rejected} rejected"
    );
}

#[test]
fn rejected_files_say_why_terraform_rejects_them() {
    let dir = root().join("testdata/terraform/parse");
    for (fixture, says) in [
        (
            "reject-terraform-0.11-quoted-argument.tf",
            "this is Terraform 0.11 syntax, which Terraform 0.12+ rejects",
        ),
        ("reject-argument-set-twice.tf", "Terraform rejects that too"),
        (
            "reject-heredoc-closing-the-file.tf",
            "Terraform rejects that too",
        ),
    ] {
        let report = scan_alone(&dir.join(fixture));
        let errors = errors(&report);
        assert!(
            errors
                .iter()
                .any(|e| e["message"].as_str().unwrap().contains(says)),
            "{fixture}: {errors:#?}"
        );
    }
}

#[test]
fn a_repeated_object_key_is_a_warning_at_the_value_terraform_keeps() {
    let fixture = root().join("testdata/terraform/parse/duplicate-object-key.tf");
    let text = std::fs::read_to_string(&fixture).unwrap();
    let report = scan_alone(&fixture);
    let warning = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["level"] == "warning")
        .expect("a warning");
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| Some((i as u64 + 1, l.rfind("port =")? as u64 + 1)))
        .unwrap();
    assert_eq!(warning["location"]["start_line"], line);
    assert_eq!(warning["location"]["start_column"], column);
    assert!(warning["message"].as_str().unwrap().contains("`port`"));
}
