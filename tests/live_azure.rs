//! The Azure collector against Resource Manager-shaped responses. There is
//! no emulator for Azure Resource Manager, so a server on 127.0.0.1 serves
//! the responses under `testdata/azure/arm/` (shaped after the Azure REST API
//! reference: a `nextLink` page, a 429 with `Retry-After`, a 403 for one
//! resource provider), and the collector reaches it with `--arm-endpoint`
//! and `AZURE_ACCESS_TOKEN`.
#![cfg(feature = "azure")]

mod common;

use common::root;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

const SUBSCRIPTION: &str = "00000000-0000-0000-0000-0000000000aa";
/// A second subscription, where SQL is readable.
const DATA_SUBSCRIPTION: &str = "00000000-0000-0000-0000-0000000000cc";
const TOKEN: &str = "t";

/// Serves `testdata/azure/arm/<path>.json` (`<path>~<skiptoken>.json` for a
/// later page), answering as `behaviour.json` says for some paths; records
/// every request path.
struct ArmServer {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl ArmServer {
    fn start() -> ArmServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let dir = root().join("testdata/azure/arm");
        let behaviour: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("behaviour.json")).unwrap())
                .unwrap();
        let (seen, stopped, base) = (requests.clone(), stop.clone(), url.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    answer(stream, &dir, &behaviour, &base, &seen);
                }
            }
        });
        ArmServer {
            url,
            requests,
            stop,
        }
    }

    fn hits(&self, path_end: &str) -> usize {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|p| p.split('?').next().unwrap().ends_with(path_end))
            .count()
    }
}

impl Drop for ArmServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect(self.url.trim_start_matches("http://"));
    }
}

fn answer(
    mut stream: TcpStream,
    dir: &Path,
    behaviour: &Value,
    base: &str,
    seen: &Mutex<Vec<String>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut authorization = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("authorization") {
                authorization = value.trim().to_string();
            }
        }
    }
    let target = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let key = path.trim_start_matches('/').to_string();
    let earlier = {
        let mut seen = seen.lock().unwrap();
        let earlier = seen
            .iter()
            .filter(|p| p.split('?').next() == Some(path))
            .count();
        seen.push(target.clone());
        earlier
    };
    let skiptoken = query.split('&').find_map(|pair| {
        pair.strip_prefix("$skiptoken=")
            .or_else(|| pair.strip_prefix("%24skiptoken="))
    });
    let file = match skiptoken {
        Some(token) => dir.join(format!("{key}~{token}.json")),
        None => dir.join(format!("{key}.json")),
    };
    let rules = &behaviour[key.as_str()];
    let (status, extra, body) = if authorization != format!("Bearer {TOKEN}") {
        (
            401,
            String::new(),
            r#"{"error":{"code":"InvalidAuthenticationToken","message":"no token"}}"#.to_string(),
        )
    } else if rules["first"] == 429 && earlier == 0 {
        let after = rules["retry_after"].as_u64().unwrap_or(1);
        (
            429,
            format!("Retry-After: {after}\r\n"),
            r#"{"error":{"code":"TooManyRequests","message":"slow down"}}"#.to_string(),
        )
    } else {
        match std::fs::read_to_string(&file) {
            Ok(text) => (
                rules["status"].as_u64().unwrap_or(200) as u16,
                String::new(),
                text.replace("{{base}}", base),
            ),
            Err(_) => (
                404,
                String::new(),
                format!(
                    r#"{{"error":{{"code":"ResourceNotFound","message":"{path} was not found"}}}}"#
                ),
            ),
        }
    };
    let response = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes());
}

fn snapshot(server: &ArmServer, dir: &Path, extra: &[&str]) -> Value {
    let mut args = vec![
        "snapshot",
        "azure",
        "--arm-endpoint",
        &server.url,
        "--output",
        "s.json",
    ];
    args.extend_from_slice(extra);
    let output = common::copguard_env(dir, &args, &[("AZURE_ACCESS_TOKEN", TOKEN)]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "snapshot failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(dir.join("s.json")).unwrap()).unwrap()
}

/// (rule id, the resource's last path segment) of every finding.
fn named_findings(report: &Value) -> Vec<String> {
    let mut found: Vec<String> = common::finding_values(report)
        .iter()
        .map(|f| {
            let address = f["resource"]["address"].as_str().unwrap();
            format!(
                "{} {}",
                f["rule_id"].as_str().unwrap(),
                address.rsplit('/').next().unwrap()
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_subscription_is_collected_through_pages_retries_and_a_denied_provider() {
    let server = ArmServer::start();
    let dir = tempfile::tempdir().unwrap();
    let snapshot = snapshot(&server, dir.path(), &["--subscription", SUBSCRIPTION]);
    assert_eq!(snapshot["provider"], "azure");
    assert_eq!(snapshot["account_id"], SUBSCRIPTION);

    // The 403 is recorded; every other provider is collected.
    let errors = snapshot["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["service"], "sql");
    assert_eq!(errors[0]["api"], "GET Microsoft.Sql/servers");
    assert!(errors[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("AuthorizationFailed: "));
    // The 429 was retried after its Retry-After.
    assert_eq!(server.hits("/providers/Microsoft.Security/pricings"), 2);
    // The second page was followed.
    let addresses: Vec<&str> = snapshot["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["address"].as_str().unwrap())
        .collect();
    assert!(
        addresses
            .iter()
            .any(|a| a.ends_with("/storageAccounts/cgsealed")),
        "{addresses:#?}"
    );
    // Secret values are never asked for: only the vault's key and secret lists.
    assert!(server
        .requests
        .lock()
        .unwrap()
        .iter()
        .all(|p| !p.contains("/secrets/")));

    let report = common::scan_ok(dir.path(), &["s.json"], &[]);
    let expected = [
        "CG-AZ-001 cgopen",
        "CG-AZ-002 cgopen",
        "CG-AZ-003 cgopen",
        "CG-AZ-003 public",
        "CG-AZ-004 cgopen",
        "CG-AZ-023 cgopen",
        "CG-AZ-024 cgopen",
        "CG-AZ-005 cg-kv-open",
        "CG-AZ-006 cg-kv-open",
        "CG-AZ-021 cg-kv-open",
        "CG-AZ-025 cg-kv-open",
        "CG-AZ-007 signing",
        "CG-AZ-010 cg-nsg-open",
        "CG-AZ-018 cg-nsg-open",
        "CG-AZ-011 cg-flow-short",
        "CG-AZ-012 activity",
        "CG-AZ-012 cg-logs",
        "CG-AZ-013 33333333-3333-3333-3333-333333333333",
        "CG-AZ-014 cg-vm",
        "CG-AZ-015 cg-aks",
        "CG-AZ-022 cg-aks",
        "CG-AZ-016 VirtualMachines",
    ];
    let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    expected.sort();
    let got = named_findings(&report);
    assert_eq!(got, expected, "\ngot:\n{}", got.join("\n"));
    // The denied provider is a warning of the scan.
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(diagnostics.iter().any(|d| d["message"]
        .as_str()
        .unwrap()
        .contains("Microsoft.Sql/servers")));

    // SARIF the multitool accepts, the resource id as logical location.
    let sarif = common::copguard(
        dir.path(),
        &["scan", "s.json", "--format", "sarif", "--fail-on", "none"],
    );
    let sarif = String::from_utf8(sarif.stdout).unwrap();
    let problems = common::multitool_problems(&common::sarif_multitool(), &sarif);
    assert!(problems.is_empty(), "{problems:#?}");
    let log: Value = serde_json::from_str(&sarif).unwrap();
    let names: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        names.iter().all(|n| n.starts_with("/subscriptions/")),
        "{names:#?}"
    );
}

#[test]
fn every_enabled_subscription_is_collected_when_none_is_named() {
    let server = ArmServer::start();
    let dir = tempfile::tempdir().unwrap();
    let out = common::copguard_env(
        dir.path(),
        &[
            "snapshot",
            "azure",
            "--arm-endpoint",
            &server.url,
            "--output",
            "out/",
        ],
        &[("AZURE_ACCESS_TOKEN", TOKEN)],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    // The disabled subscription is left out; the other two are collected.
    let mut files = files;
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(
        files[0].starts_with(&format!("copguard-azure-{SUBSCRIPTION}-")),
        "{files:?}"
    );
    assert!(
        files[1].starts_with(&format!("copguard-azure-{DATA_SUBSCRIPTION}-")),
        "{files:?}"
    );
}

#[test]
fn sql_servers_databases_auditing_and_firewall_rules_are_checked() {
    let server = ArmServer::start();
    let dir = tempfile::tempdir().unwrap();
    let snapshot = snapshot(&server, dir.path(), &["--subscription", DATA_SUBSCRIPTION]);
    // Providers with nothing in this subscription answer 404: empty, not errors.
    assert!(
        snapshot["errors"].as_array().unwrap().is_empty(),
        "{:#}",
        snapshot["errors"]
    );
    let report = common::scan_ok(dir.path(), &["s.json"], &[]);
    let mut got: Vec<String> = common::finding_values(&report)
        .iter()
        .map(|f| {
            let address = f["resource"]["address"].as_str().unwrap();
            let tail: Vec<&str> = address.rsplit('/').take(3).collect();
            format!("{} {}/{}", f["rule_id"].as_str().unwrap(), tail[2], tail[0])
        })
        .collect();
    got.sort();
    // (rule, the last path segments: server or server/database, rule)
    assert_eq!(
        got,
        [
            "CG-AZ-008 Microsoft.Sql/cg-sql-open",
            "CG-AZ-008 cg-sql-open/appdb",
            "CG-AZ-009 Microsoft.Sql/cg-sql-open",
            "CG-AZ-019 cg-sql-open/AllowAll",
        ],
        "{got:#?}"
    );
}

#[test]
fn a_wrong_token_is_an_error_per_call_not_a_crash() {
    let server = ArmServer::start();
    let dir = tempfile::tempdir().unwrap();
    let out = common::copguard_env(
        dir.path(),
        &[
            "snapshot",
            "azure",
            "--arm-endpoint",
            &server.url,
            "--subscription",
            SUBSCRIPTION,
            "--output",
            "s.json",
        ],
        &[("AZURE_ACCESS_TOKEN", "wrong")],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let snapshot: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("s.json")).unwrap()).unwrap();
    let errors = snapshot["errors"].as_array().unwrap();
    assert!(
        !errors.is_empty()
            && errors.iter().all(|e| e["message"]
                .as_str()
                .unwrap()
                .starts_with("InvalidAuthenticationToken"))
    );
    assert!(snapshot["resources"].as_array().unwrap().is_empty());
}

#[test]
fn the_collector_calls_only_what_the_documented_role_allows_and_terraform_gives_the_same_rules() {
    let server = ArmServer::start();
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var("AZURE_ACCESS_TOKEN", TOKEN);
    let written = copguard::live::snapshot_azure(
        &copguard::live::AzureOptions {
            subscriptions: vec![SUBSCRIPTION.into()],
            concurrency: 4,
            arm_endpoint: Some(server.url.clone()),
            progress: false,
        },
        Some(&dir.path().join("s.json")),
    )
    .expect("collects");
    let mapping = copguard_azure::builtin_mapping().unwrap();
    common::assert_calls_documented(
        &written.calls,
        &mapping.api_calls,
        15,
        &copguard_azure::role_definition(&mapping),
    );

    // The same misconfigurations written as Terraform give the same rules.
    let live = common::scan_ok(dir.path(), &["s.json"], &[]);
    let terraform = common::scan_ok(&root(), &["testdata/azure/equivalent.tf"], &[]);
    let rules = |report: &Value, name: &str| {
        let mut rules: Vec<String> = common::finding_values(report)
            .iter()
            .filter(|f| {
                let address = f["resource"]["address"].as_str().unwrap();
                address.rsplit(['/', '.']).next() == Some(name)
            })
            .map(|f| f["rule_id"].as_str().unwrap().to_string())
            .collect();
        rules.sort();
        rules
    };
    let pairs: BTreeMap<&str, &str> = [
        ("cgopen", "cgopen"),
        ("cg-kv-open", "cg_kv_open"),
        ("cg-nsg-open", "cg_nsg_open"),
        ("cg-aks", "cg_aks"),
        ("cg-vm", "cg_vm"),
        ("cg-logs", "cg_logs"),
    ]
    .into();
    for (live_name, terraform_name) in pairs {
        let live_rules = rules(&live, live_name);
        assert!(!live_rules.is_empty(), "{live_name}");
        assert_eq!(
            live_rules,
            rules(&terraform, terraform_name),
            "{live_name} vs {terraform_name}"
        );
    }
}

#[test]
fn the_azure_snapshot_is_pinned() {
    let server = ArmServer::start();
    let dir = tempfile::tempdir().unwrap();
    let mut snapshot = snapshot(&server, dir.path(), &["--subscription", SUBSCRIPTION]);
    snapshot["collected_at"] = Value::String("<collected_at>".into());
    snapshot["tool"]["version"] = Value::String("<version>".into());
    snapshot["partition"] = Value::String("<test server>".into());
    insta::assert_snapshot!(serde_json::to_string_pretty(&snapshot).unwrap());
}

#[test]
fn scan_live_azure_collects_then_scans() {
    let server = ArmServer::start();
    let dir = tempfile::tempdir().unwrap();
    let (report, output) = common::json_report_env(
        dir.path(),
        &[
            "--live",
            "azure",
            "--arm-endpoint",
            &server.url,
            "--subscription",
            DATA_SUBSCRIPTION,
            "--fail-on",
            "none",
        ],
        &[("AZURE_ACCESS_TOKEN", TOKEN)],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rules: Vec<&str> = common::finding_values(&report)
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert_eq!(rules.len(), 4, "{rules:?}");
    // The snapshot it scanned stays beside the report.
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("copguard-azure-")
        })
        .count();
    assert_eq!(kept, 1);
}
