//! The AWS collector against a real AWS API: moto's server (PyPI
//! `moto[server]`, installed into `target/tools/moto-venv` on first use),
//! started on 127.0.0.1 on a free port for each test and stopped after it.
//! Resources are created through the AWS API by `testdata/aws/moto/seed.py`
//! (boto3); copguard snapshots them through `--endpoint-url` and the scan
//! must report exactly the seeded misconfigurations.
#![cfg(feature = "aws")]

mod common;

use common::root;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The moto version the fixtures were written against.
const MOTO: &str = "moto[server]==5.2.5";

/// The virtual environment with moto's server, created on first use.
fn venv() -> &'static Path {
    static VENV: OnceLock<PathBuf> = OnceLock::new();
    VENV.get_or_init(|| {
        let venv = root().join("target/tools/moto-venv");
        if !venv.join("bin/moto_server").exists() {
            let created = Command::new("python3")
                .args(["-m", "venv"])
                .arg(&venv)
                .status()
                .expect("python3 is needed to run moto's server");
            assert!(created.success(), "python3 -m venv failed");
            let installed = Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", "--disable-pip-version-check", MOTO])
                .status()
                .expect("pip runs");
            assert!(installed.success(), "pip install {MOTO} failed");
        }
        venv
    })
}

/// A moto server on a free loopback port, killed when dropped.
struct Moto {
    child: Child,
    url: String,
}

impl Moto {
    fn start() -> Moto {
        let venv = venv();
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(venv.join("bin/moto_server"))
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto_server starts");
        let moto = Moto {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while !moto.answers(port) {
            assert!(Instant::now() < deadline, "moto did not start on {port}");
            std::thread::sleep(Duration::from_millis(200));
        }
        moto
    }

    fn answers(&self, port: u16) -> bool {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let request = "GET /moto-api/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
        let mut head = [0u8; 12];
        stream.write_all(request.as_bytes()).is_ok()
            && stream.read_exact(&mut head).is_ok()
            && head.ends_with(b"200")
    }

    /// Seeds the account through the AWS API; returns seed.py's summary.
    fn seed(&self, extra: &[&str]) -> Value {
        let output = Command::new(venv().join("bin/python"))
            .arg(root().join("testdata/aws/moto/seed.py"))
            .args(["--endpoint-url", &self.url])
            .args(extra)
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .output()
            .expect("seed.py runs");
        assert!(
            output.status.success(),
            "seed.py failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).expect("seed.py prints JSON")
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Credentials and settings for a run against moto, and nothing from the
/// developer's own AWS configuration.
fn aws_env<'a>(key: &'a str, secret: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("AWS_ACCESS_KEY_ID", key),
        ("AWS_SECRET_ACCESS_KEY", secret),
        ("AWS_SESSION_TOKEN", ""),
        ("AWS_PROFILE", "default"),
        ("AWS_CONFIG_FILE", "/nonexistent/copguard-test"),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/copguard-test"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ]
}

/// `copguard snapshot aws` against moto into `dir/name`; returns the
/// snapshot.
fn snapshot(moto: &Moto, dir: &Path, name: &str, env: &[(&str, &str)]) -> Value {
    let output = common::copguard_env(
        dir,
        &[
            "snapshot",
            "aws",
            "--endpoint-url",
            &moto.url,
            "--region",
            "eu-west-2",
            "--output",
            name,
        ],
        env,
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "snapshot failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(dir.join(name)).expect("snapshot written");
    serde_json::from_str(&text).expect("snapshot is JSON")
}

/// Replaces the ids moto makes up with the names seed.py gave them (or a
/// placeholder for what moto makes by itself), so results can be compared.
struct Labels(Vec<(String, String)>);

impl Labels {
    fn new(seed: &Value) -> Labels {
        let mut pairs = Vec::new();
        fn walk(value: &Value, name: &str, pairs: &mut Vec<(String, String)>) {
            match value {
                Value::Object(map) => map.iter().for_each(|(k, v)| {
                    let path = if name.is_empty() {
                        k.clone()
                    } else {
                        format!("{name}.{k}")
                    };
                    walk(v, &path, pairs)
                }),
                Value::Array(items) => items.iter().for_each(|v| walk(v, name, pairs)),
                // Ids and ARNs that hold one: a run of 8 or more hex digits
                // (the account id alone is stable).
                Value::String(s)
                    if s != "123456789012"
                        && s.as_bytes()
                            .split(|b| !b.is_ascii_hexdigit())
                            .any(|run| run.len() >= 8) =>
                {
                    pairs.push((s.clone(), format!("<{name}>")))
                }
                _ => {}
            }
        }
        walk(seed, "", &mut pairs);
        // Longest first: an ARN before the id inside it.
        pairs.sort_by_key(|(id, _)| std::cmp::Reverse(id.len()));
        Labels(pairs)
    }

    fn label(&self, text: &str) -> String {
        let mut text = text.to_string();
        for (id, name) in &self.0 {
            text = text.replace(id, name);
        }
        let made_by_moto = regex::Regex::new(
            r"\b(sg|vpc|vol|subnet|i|fl|lt|igw|rtb|acl|eni|ami|snap)-[0-9a-f]{8,17}\b|secret:cg-secret-[A-Za-z0-9]{6}|[0-9a-f]{32}",
        )
        .unwrap();
        made_by_moto
            .replace_all(&text, |c: &regex::Captures| match c.get(1) {
                Some(prefix) => format!("{}-?", prefix.as_str()),
                None if c[0].starts_with("secret:") => "secret:cg-secret-?".to_string(),
                None => "?".to_string(),
            })
            .to_string()
    }
}

/// (rule id, labelled address) of every finding, sorted, repeats kept.
fn labelled_findings(report: &Value, labels: &Labels) -> Vec<String> {
    let mut found: Vec<String> = common::finding_values(report)
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["rule_id"].as_str().unwrap(),
                labels.label(f["resource"]["address"].as_str().unwrap())
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn seeded_misconfigurations_are_reported_and_sealed_resources_pass() {
    let moto = Moto::start();
    let seed = moto.seed(&[]);
    let labels = Labels::new(&seed);
    let dir = tempfile::tempdir().unwrap();
    let env = aws_env("testing", "testing");
    let snapshot = snapshot(&moto, dir.path(), "s.json", &env);
    assert!(
        snapshot["errors"].as_array().unwrap().is_empty(),
        "{:#}",
        snapshot["errors"]
    );
    assert_eq!(snapshot["account_id"], "123456789012");

    let report = common::scan_ok(dir.path(), &["s.json"], &[]);
    let got = labelled_findings(&report, &labels);
    let expected = [
        // S3: the unencrypted bucket and the log bucket (no KMS, no
        // versioning or logging, no TLS-only policy). Neither has a public
        // access block of its own, but the account's blocks all four
        // (CG-AWS-002 and CG-AWS-063 pass) and nothing grants public access.
        "CG-AWS-001 arn:aws:s3:::cg-logs",
        "CG-AWS-001 arn:aws:s3:::cg-unencrypted",
        "CG-AWS-003 arn:aws:s3:::cg-logs",
        "CG-AWS-003 arn:aws:s3:::cg-unencrypted",
        "CG-AWS-004 arn:aws:s3:::cg-logs",
        "CG-AWS-004 arn:aws:s3:::cg-unencrypted",
        "CG-AWS-018 arn:aws:s3:::cg-logs",
        "CG-AWS-018 arn:aws:s3:::cg-unencrypted",
        "CG-AWS-005 <kms.cg-norotate.arn>",
        // The single-region trail without validation or KMS, writing to an
        // unencrypted bucket.
        "CG-AWS-006 <cloudtrail.arn>",
        "CG-AWS-007 <cloudtrail.arn>",
        "CG-AWS-008 <cloudtrail.arn>",
        "CG-AWS-039 <cloudtrail.arn>",
        "CG-AWS-009 arn:aws:logs:eu-west-2:123456789012:log-group:cg-short",
        "CG-AWS-010 arn:aws:ec2:eu-west-2:123456789012:security-group/<ec2.sg_open>",
        "CG-AWS-012 <iam.policies.cg-admin>",
        "CG-AWS-013 arn:aws:ec2:eu-west-2:123456789012:instance/<ec2.cg-imdsv1>",
        // Root volumes moto makes are unencrypted: both instances and
        // those volumes, beside the seeded unencrypted volume.
        "CG-AWS-014 arn:aws:ec2:eu-west-2:123456789012:instance/<ec2.cg-imdsv1>",
        "CG-AWS-014 arn:aws:ec2:eu-west-2:123456789012:instance/<ec2.cg-imdsv2>",
        "CG-AWS-014 arn:aws:ec2:eu-west-2:123456789012:volume/<ec2.volume_unencrypted>",
        "CG-AWS-014 arn:aws:ec2:eu-west-2:123456789012:volume/vol-?",
        "CG-AWS-014 arn:aws:ec2:eu-west-2:123456789012:volume/vol-?",
        // RDS: the public instance and the Aurora cluster (unencrypted, one
        // day of backups, no IAM authentication or log exports); the
        // Neptune cluster, which DescribeDBClusters lists too (encrypted,
        // exporting its audit log, but one day of backups and no IAM
        // authentication). cg-db-private is sealed.
        "CG-AWS-015 <rds.cg-aurora>",
        "CG-AWS-015 <rds.cg-db-public>",
        "CG-AWS-016 <rds.cg-db-public>",
        "CG-AWS-036 <rds.cg-aurora>",
        "CG-AWS-036 <rds.cg-db-public>",
        "CG-AWS-036 <rds.cg-neptune>",
        "CG-AWS-066 <rds.cg-aurora>",
        "CG-AWS-066 <rds.cg-db-public>",
        "CG-AWS-066 <rds.cg-neptune>",
        "CG-AWS-067 <rds.cg-aurora>",
        "CG-AWS-067 <rds.cg-db-public>",
        "CG-AWS-017 <elbv2.http_listener_arn>",
        "CG-AWS-020 <iam.roles.cg-open-trust>",
        // moto's default groups (two seeded VPCs and the default VPC)
        // allow all egress.
        "CG-AWS-021 arn:aws:ec2:eu-west-2:123456789012:security-group/sg-?",
        "CG-AWS-021 arn:aws:ec2:eu-west-2:123456789012:security-group/sg-?",
        "CG-AWS-021 arn:aws:ec2:eu-west-2:123456789012:security-group/sg-?",
        "CG-AWS-022 <iam.user.arn>/attached-policy/<iam.policies.cg-readonly>",
        "CG-AWS-022 <iam.user.arn>/inline-policy/cg-user-inline",
        "CG-AWS-023 <dynamodb.cg-plain>",
        "CG-AWS-024 <sns_sqs.topic_plain>",
        "CG-AWS-024 arn:aws:sqs:eu-west-2:123456789012:cg-queue-plain",
        "CG-AWS-028 <eks.arn>",
        "CG-AWS-029 <eks.arn>",
        "CG-AWS-030 <eks.arn>",
        "CG-AWS-031 <ecr.arn>",
        "CG-AWS-032 <ecr.arn>",
        "CG-AWS-033 <secretsmanager.arn>",
        "CG-AWS-034 arn:aws:guardduty:eu-west-2:123456789012:detector/<guardduty.detector_id>",
        "CG-AWS-035 arn:aws:config:eu-west-2:123456789012:config-recorder/default",
        "CG-AWS-037 <lambda.arn>",
        // The VPC without a flow log, and moto's default VPC.
        "CG-AWS-038 arn:aws:ec2:eu-west-2:123456789012:vpc/<ec2.vpc_noflow>",
        "CG-AWS-038 arn:aws:ec2:eu-west-2:123456789012:vpc/vpc-?",
        // The account: no MFA on root, a weak password policy, no
        // multi-region trail. Root has no access keys (CG-AWS-040 passes).
        "CG-AWS-041 arn:aws:iam::123456789012:root",
        "CG-AWS-042 arn:aws:iam::123456789012:root",
        "CG-AWS-043 arn:aws:iam::123456789012:root",
        // The region: no EBS default encryption, GuardDuty or Config.
        "CG-AWS-044 aws://123456789012/eu-west-2",
        "CG-AWS-045 aws://123456789012/eu-west-2",
        "CG-AWS-046 aws://123456789012/eu-west-2",
        // The open group keeps the allow-all egress AWS gives a new group.
        "CG-AWS-056 arn:aws:ec2:eu-west-2:123456789012:security-group/<ec2.sg_open>",
    ];
    let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(got, expected, "\ngot:\n{}", got.join("\n"));

    // Nothing on the sealed resources.
    for sealed in [
        "cg-sealed",
        "sg_closed",
        "cg-rotate",
        "cg-db-private",
        "dynamodb.cg-kms",
        "cg-queue-kms",
        "cg-long",
        "vpc_flow",
        "https_listener_arn",
        "cg-imdsv2>",
    ] {
        assert!(
            got.iter()
                .all(|f| !f.contains(sealed) || f.starts_with("CG-AWS-014 ")),
            "{sealed} has a finding: {got:#?}"
        );
    }
    // Findings name the ARN and region, and point at the resource's line.
    let bucket = common::finding_values(&report)
        .iter()
        .find(|f| f["resource"]["address"] == "arn:aws:s3:::cg-unencrypted")
        .unwrap();
    assert_eq!(bucket["resource"]["live"]["region"], "eu-west-2");
    assert_eq!(
        bucket["resource"]["live"]["arn"],
        "arn:aws:s3:::cg-unencrypted"
    );
    let line = common::line_of(
        &dir.path().join("s.json"),
        "\"address\": \"arn:aws:s3:::cg-unencrypted\"",
    );
    assert_eq!(bucket["location"]["start_line"], line);
    // No secret value reaches the snapshot.
    let text = std::fs::read_to_string(dir.path().join("s.json")).unwrap();
    assert!(!text.contains("hunter2") && text.contains("DB_PASSWORD"));

    // SARIF that the multitool accepts, with the ARN as logical location.
    let sarif = common::copguard(
        dir.path(),
        &["scan", "s.json", "--format", "sarif", "--fail-on", "none"],
    );
    let sarif = String::from_utf8(sarif.stdout).unwrap();
    let problems = common::multitool_problems(&common::sarif_multitool(), &sarif);
    assert!(problems.is_empty(), "{problems:#?}");
    let log: Value = serde_json::from_str(&sarif).unwrap();
    let logical = &log["runs"][0]["results"][0]["locations"][0]["logicalLocations"][0];
    assert!(
        logical["fullyQualifiedName"]
            .as_str()
            .unwrap()
            .contains(':'),
        "{logical}"
    );
}

#[test]
fn the_collector_calls_only_what_the_documented_iam_policy_allows() {
    let moto = Moto::start();
    moto.seed(&[]);
    let env = aws_env("testing", "testing");
    let guard = EnvGuard::set(&env);
    let options = copguard::live::AwsOptions {
        regions: vec!["eu-west-2".into()],
        endpoint_url: Some(moto.url.clone()),
        concurrency: 4,
        ..Default::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let written =
        copguard::live::snapshot_aws(&options, Some(&dir.path().join("s.json"))).expect("collects");
    drop(guard);
    let mapping = copguard_aws::builtin_mapping().unwrap();
    // Every service was really called (at least 40 operations), and README
    // carries exactly the policy the collector needs.
    common::assert_calls_documented(
        &written.calls,
        &mapping.api_calls,
        40,
        &copguard_aws::iam_policy(&mapping),
    );
}

/// Sets environment variables of this process for a library call, and
/// restores them. Tests in this binary that call the library run one at a
/// time through the lock.
struct EnvGuard {
    saved: Vec<(String, Option<String>)>,
    _lock: std::sync::MutexGuard<'static, ()>,
}

impl EnvGuard {
    fn set(vars: &[(&str, &str)]) -> EnvGuard {
        static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let lock = LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let saved = vars
            .iter()
            .map(|(k, _)| (k.to_string(), std::env::var(k).ok()))
            .collect();
        for (key, value) in vars {
            // Safety: the lock keeps this binary's library-calling tests
            // apart; the others spawn processes with their own environment.
            unsafe { std::env::set_var(key, value) };
        }
        EnvGuard { saved, _lock: lock }
    }
}

impl Drop for EnvGuard {
    fn drop(&mut self) {
        for (key, value) in &self.saved {
            match value {
                Some(value) => unsafe { std::env::set_var(key, value) },
                None => unsafe { std::env::remove_var(key) },
            }
        }
    }
}

#[test]
fn a_denied_service_is_recorded_and_every_other_service_is_collected() {
    let moto = Moto::start();
    let seed = moto.seed(&["--deny-kms", "--enable-auth"]);
    let user = &seed["deny_kms_user"];
    let key = user["access_key_id"].as_str().unwrap();
    let secret = user["secret_access_key"].as_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let snapshot = snapshot(&moto, dir.path(), "denied.json", &aws_env(key, secret));
    let errors = snapshot["errors"].as_array().unwrap();
    let kms: Vec<&Value> = errors.iter().filter(|e| e["service"] == "kms").collect();
    assert_eq!(kms.len(), 1, "{errors:#?}");
    assert_eq!(kms[0]["api"], "ListKeys");
    assert_eq!(kms[0]["region"], "eu-west-2");
    assert!(
        kms[0]["message"].as_str().unwrap().contains("403"),
        "{}",
        kms[0]
    );
    // Everything else was collected. (moto 5.2.5 rejects the signatures of
    // body-less Lambda, EKS and GuardDuty calls under IAM enforcement, a
    // moto bug: those are recorded as errors too.)
    let services: std::collections::BTreeSet<&str> = errors
        .iter()
        .filter_map(|e| e["service"].as_str())
        .collect();
    assert!(
        services
            .iter()
            .all(|s| ["kms", "lambda", "eks", "guardduty"].contains(s)),
        "{services:?}"
    );
    let types: BTreeMap<&str, usize> =
        snapshot["resources"]
            .as_array()
            .unwrap()
            .iter()
            .fold(BTreeMap::new(), |mut m, r| {
                *m.entry(r["type"].as_str().unwrap()).or_default() += 1;
                m
            });
    for wanted in [
        "aws_s3_bucket",
        "aws_security_group",
        "aws_iam_role",
        "aws_cloudtrail",
        "aws_db_instance",
        "aws_sqs_queue",
    ] {
        assert!(types.contains_key(wanted), "{wanted} missing: {types:?}");
    }
    assert!(!types.contains_key("aws_kms_key"));
    // The scan says so, and what the denied calls would have read is unknown.
    let report = common::scan_ok(dir.path(), &["denied.json", "--show-unknown"], &[]);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(
        diagnostics
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("kms ListKeys")),
        "{diagnostics:#?}"
    );
    let region_unknowns: Vec<&Value> = common::with_status(&report, "unknown")
        .into_iter()
        .filter(|f| f["rule_id"] == "CG-AWS-045")
        .collect();
    assert_eq!(
        region_unknowns.len(),
        1,
        "GuardDuty denied: the region's GuardDuty status is unknown"
    );
}

#[test]
fn an_unchanged_account_gives_the_same_fingerprints_and_the_same_rules_as_terraform() {
    let moto = Moto::start();
    let seed = moto.seed(&[]);
    let labels = Labels::new(&seed);
    let dir = tempfile::tempdir().unwrap();
    let env = aws_env("testing", "testing");
    snapshot(&moto, dir.path(), "first.json", &env);
    snapshot(&moto, dir.path(), "second.json", &env);
    let fingerprints = |name: &str| {
        let report = common::scan_ok(dir.path(), &[name], &[]);
        let mut prints: Vec<String> = common::finding_values(&report)
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect();
        prints.sort();
        prints
    };
    let first = fingerprints("first.json");
    assert!(!first.is_empty());
    assert_eq!(first, fingerprints("second.json"));
    // `scan --live aws` collects and scans in one step, keeping the
    // snapshot it scanned beside the report.
    let live_dir = tempfile::tempdir().unwrap();
    let (report, output) = common::json_report_env(
        live_dir.path(),
        &[
            "--live",
            "aws",
            "--endpoint-url",
            &moto.url,
            "--region",
            "eu-west-2",
            "--fail-on",
            "none",
        ],
        &env,
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut live_prints: Vec<String> = common::finding_values(&report)
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect();
    live_prints.sort();
    assert_eq!(first, live_prints);
    assert_eq!(snapshots_in(live_dir.path()).len(), 1);

    // The same misconfigurations written as Terraform give the same rules.
    let live = common::scan_ok(dir.path(), &["first.json"], &[]);
    let terraform = common::scan_ok(&root(), &["testdata/aws/moto/equivalent.tf"], &[]);
    let rules_for = |report: &Value, names: &[&str], label: bool| {
        let mut rules: Vec<String> = common::finding_values(report)
            .iter()
            .filter(|f| {
                let address = f["resource"]["address"].as_str().unwrap();
                let address = if label {
                    labels.label(address)
                } else {
                    address.to_string()
                };
                names.iter().any(|n| address.contains(n))
            })
            .map(|f| f["rule_id"].as_str().unwrap().to_string())
            .collect();
        rules.sort();
        rules.dedup();
        rules
    };
    for (live_names, terraform_names) in [
        (&["cg-unencrypted"][..], &["aws_s3_bucket.unencrypted"][..]),
        (&["<ec2.sg_open>"][..], &["aws_security_group.open"][..]),
        (
            &["<iam.policies.cg-admin>"][..],
            &["aws_iam_policy.admin"][..],
        ),
        (
            &["<kms.cg-norotate.arn>"][..],
            &["aws_kms_key.norotate"][..],
        ),
        (&["<cloudtrail.arn>"][..], &["aws_cloudtrail.single"][..]),
        (&["<rds.cg-db-public>"][..], &["aws_db_instance.public"][..]),
        (&["<ec2.cg-imdsv1>"][..], &["aws_instance.imdsv1"][..]),
        (&["cg-queue-plain"][..], &["aws_sqs_queue.plain"][..]),
        (
            &["log-group:cg-short"][..],
            &["aws_cloudwatch_log_group.short"][..],
        ),
    ] {
        let live_rules = rules_for(&live, live_names, true);
        assert!(!live_rules.is_empty(), "{live_names:?}");
        assert_eq!(
            live_rules,
            rules_for(&terraform, terraform_names, false),
            "{live_names:?} vs {terraform_names:?}"
        );
    }
}

#[test]
fn the_snapshot_format_is_pinned() {
    let moto = Moto::start();
    let seed = moto.seed(&[]);
    let labels = Labels::new(&seed);
    let dir = tempfile::tempdir().unwrap();
    let mut snapshot = snapshot(&moto, dir.path(), "s.json", &aws_env("testing", "testing"));
    snapshot["collected_at"] = Value::String("<collected_at>".into());
    snapshot["tool"]["version"] = Value::String("<version>".into());
    let text = labels.label(&serde_json::to_string(&snapshot).unwrap());
    let mut snapshot: Value = serde_json::from_str(&text).unwrap();
    // Labels change the order that the ids gave.
    if let Some(resources) = snapshot["resources"].as_array_mut() {
        resources.sort_by_key(|r| {
            (
                r["type"].to_string(),
                r["address"].to_string(),
                r["attributes"].to_string(),
            )
        });
    }
    insta::assert_snapshot!(serde_json::to_string_pretty(&snapshot).unwrap());
}

/// The snapshot files in `dir`, by account id.
fn snapshots_in(dir: &Path) -> BTreeMap<String, Value> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let snapshot: Value =
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let account = snapshot["account_id"].as_str().unwrap().to_string();
            assert!(
                name.starts_with(&format!("copguard-aws-{account}-")),
                "{name}"
            );
            (account, snapshot)
        })
        .collect()
}

#[test]
fn several_accounts_are_collected_through_assumed_roles_and_the_organization() {
    let moto = Moto::start();
    // An organization with two member accounts, made through the API.
    let script = r#"
import boto3, sys
org = boto3.client("organizations", endpoint_url=sys.argv[1], region_name="us-east-1")
org.create_organization(FeatureSet="ALL")
for name in ["member-a", "member-b"]:
    org.create_account(Email=name + "@example.net", AccountName=name)
"#;
    let made = Command::new(venv().join("bin/python"))
        .args(["-c", script, &moto.url])
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .status()
        .unwrap();
    assert!(made.success());
    let env = aws_env("testing", "testing");

    let dir = tempfile::tempdir().unwrap();
    let out = common::copguard_env(
        dir.path(),
        &[
            "snapshot",
            "aws",
            "--endpoint-url",
            &moto.url,
            "--region",
            "eu-west-2",
            "--services",
            "s3,iam",
            "--org-role",
            "CopguardAudit",
            "--concurrency",
            "2",
            "--output",
            "org/",
        ],
        &env,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let org = snapshots_in(&dir.path().join("org"));
    // The management account and both members, one file each.
    assert_eq!(org.len(), 3, "{:?}", org.keys());
    assert!(org.contains_key("123456789012"));

    let out = common::copguard_env(
        dir.path(),
        &[
            "snapshot",
            "aws",
            "--endpoint-url",
            &moto.url,
            "--region",
            "eu-west-2",
            "--services",
            "iam",
            "--assume-role",
            "arn:aws:iam::222222222222:role/audit",
            "--assume-role",
            "arn:aws:iam::333333333333:role/audit",
            "--output",
            "roles",
        ],
        &env,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let roles = snapshots_in(&dir.path().join("roles"));
    assert_eq!(
        roles.keys().collect::<Vec<_>>(),
        ["222222222222", "333333333333"]
    );
    // Each account's own resources: its account resource names it.
    for (account, snapshot) in &roles {
        let resources = snapshot["resources"].as_array().unwrap();
        assert!(resources
            .iter()
            .any(|r| r["address"] == format!("arn:aws:iam::{account}:root")));
    }
}

#[test]
fn an_interrupted_snapshot_leaves_no_file() {
    // An endpoint that accepts connections and never answers: collection
    // hangs on its first call until interrupted.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_copguard"))
        .args([
            "snapshot",
            "aws",
            "--endpoint-url",
            &url,
            "--region",
            "eu-west-2",
            "--output",
            "s.json",
        ])
        .current_dir(dir.path())
        .envs(aws_env("testing", "testing"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until it is waiting on the endpoint.
    let _connection = silent.accept().unwrap();
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn all_regions_are_the_regions_enabled_for_the_account() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().unwrap();
    let out = common::copguard_env(
        dir.path(),
        &[
            "snapshot",
            "aws",
            "--endpoint-url",
            &moto.url,
            "--all-regions",
            "--services",
            "guardduty",
            "--output",
            "s.json",
        ],
        &aws_env("testing", "testing"),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let snapshot: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("s.json")).unwrap()).unwrap();
    let regions: Vec<&str> = snapshot["regions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    // moto lists opt-in regions as not opted in: they are left out.
    assert!(
        regions.contains(&"eu-west-2") && regions.contains(&"us-east-1"),
        "{regions:?}"
    );
    assert!(
        !regions.contains(&"me-south-1") && !regions.contains(&"ap-east-1"),
        "{regions:?}"
    );
    // One aws_region resource per region, each with its GuardDuty fact.
    let region_resources = snapshot["resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == "aws_region")
        .count();
    assert_eq!(region_resources, regions.len());
}
