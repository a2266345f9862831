//! Meta-tests over every built-in policy: each has failing and passing
//! fixtures whose `# expect: RULE-ID ADDRESS` comments name exactly the
//! findings the policy must report (rule, resource and line), and each
//! condition evaluates without error on an empty resource of every type it
//! applies to.

use copguard::graph::ResourceGraph;
use copguard::model::{Location, Resource};
use copguard::policy::{eval, Registry};
use copguard::ScanOptions;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// (rule id, resource address, line) expected by `# expect:` comments.
fn expectations(text: &str) -> BTreeSet<(String, String, u32)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let expect = line.split("# expect:").nth(1)?;
            let mut words = expect.split_whitespace();
            Some((
                words.next()?.to_string(),
                words.next()?.to_string(),
                i as u32 + 1,
            ))
        })
        .collect()
}

fn fixture_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("pass") || name.starts_with("fail")
        })
        .collect();
    entries.sort();
    entries
}

fn expected_in(entry: &Path) -> BTreeSet<(String, String, u32)> {
    let files: Vec<PathBuf> = if entry.is_dir() {
        std::fs::read_dir(entry)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect()
    } else {
        vec![entry.to_path_buf()]
    };
    files
        .iter()
        .filter(|f| {
            f.extension()
                .is_some_and(|e| e == "tf" || e == "yaml" || e == "yml" || e == "json")
        })
        .flat_map(|f| expectations(&std::fs::read_to_string(f).unwrap()))
        .collect()
}

/// A built-in condition is compiled only when a scan has resources of one
/// of its types, so a broken one would go unnoticed by every scan without
/// them: here each one is compiled.
#[test]
fn every_builtin_policy_compiles() {
    let registry = Registry::builtin().expect("built-in policies load");
    let broken: Vec<String> = registry
        .policies()
        .iter()
        .filter_map(|p| p.compiled().err().map(ToString::to_string))
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn every_policy_fixture_reports_exactly_the_expected_findings() {
    let registry = Registry::builtin().expect("built-in policies load");
    let mut failures = Vec::new();
    for policy in registry.policies() {
        let provider = policy
            .info
            .source
            .split('/')
            .nth(1)
            .expect("policies/<provider>/<file>");
        let dir = root()
            .join("testdata/policies")
            .join(provider)
            .join(policy.info.id.to_lowercase());
        let entries = fixture_entries(&dir);
        let names = |prefix: &str| {
            entries
                .iter()
                .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
                .count()
        };
        assert!(
            names("pass") > 0,
            "{} has no pass* fixture in {}",
            policy.info.id,
            dir.display()
        );
        assert!(
            names("fail") > 0,
            "{} has no fail* fixture in {}",
            policy.info.id,
            dir.display()
        );

        for entry in entries {
            let name = entry.file_name().unwrap().to_string_lossy().to_string();
            let expected = expected_in(&entry);
            if name.starts_with("fail") && expected.is_empty() {
                failures.push(format!(
                    "{}: a fail fixture must expect at least one finding",
                    entry.display()
                ));
            }
            if name.starts_with("pass") && !expected.is_empty() {
                failures.push(format!(
                    "{}: a pass fixture must expect no finding",
                    entry.display()
                ));
            }
            let report = copguard::scan(&ScanOptions {
                paths: vec![entry.clone()],
                base_dir: root(),
                only: vec![policy.info.id.clone()],
                ..ScanOptions::default()
            })
            .expect("scan runs");
            if !report.diagnostics.is_empty() {
                failures.push(format!(
                    "{}: diagnostics {:#?}",
                    entry.display(),
                    report.diagnostics
                ));
            }
            let got: BTreeSet<(String, String, u32)> = report
                .findings
                .iter()
                .map(|f| (f.rule_id.clone(), f.address.clone(), f.location.start_line))
                .collect();
            if got != expected {
                failures.push(format!(
                    "{}:\n  expected {:?}\n  got      {:?}",
                    entry.display(),
                    expected,
                    got
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_policy_evaluates_an_empty_resource_of_each_type_without_error() {
    let registry = Registry::builtin().expect("built-in policies load");
    let types: BTreeSet<&str> = registry
        .policies()
        .iter()
        .flat_map(|p| p.info.resource_types.iter().map(String::as_str))
        .collect();
    let resources = types
        .iter()
        .map(|t| {
            Resource::new(
                format!("{t}.empty"),
                *t,
                "test",
                Location::file_start(&"empty.tf".into()),
            )
        })
        .collect();
    let graph = ResourceGraph::build(resources);
    let evaluated = eval::evaluate(&registry, &graph);
    assert!(
        evaluated.diagnostics.is_empty(),
        "{:#?}",
        evaluated.diagnostics
    );
    // Something was evaluated: passes, failures or unknowns.
    assert!(evaluated.passed.iter().sum::<usize>() + evaluated.results.len() > 0);
}

#[test]
fn policy_ids_and_names_are_unique_and_files_are_named_by_id() {
    let registry = Registry::builtin().expect("built-in policies load");
    let mut names = BTreeSet::new();
    for policy in registry.policies() {
        assert!(
            names.insert(policy.info.name.clone()),
            "duplicate name {}",
            policy.info.name
        );
        let file = policy.info.source.rsplit('/').next().unwrap();
        assert_eq!(
            file,
            format!("{}.yaml", policy.info.id.to_lowercase()),
            "{}",
            policy.info.source
        );
        if policy.info.remediation.example_language() == "hcl" {
            assert!(
                policy.info.remediation.example.contains("resource \""),
                "{} example is not Terraform",
                policy.info.id
            );
        }
    }
}

#[test]
fn kubernetes_remediation_examples_pass_their_own_policy() {
    let registry = Registry::builtin().expect("built-in policies load");
    let dir = tempfile::tempdir().unwrap();
    for policy in registry.policies() {
        if policy.info.remediation.example_language() != "yaml" {
            continue;
        }
        let id = &policy.info.id;
        let path = dir.path().join(format!("{id}.yaml"));
        std::fs::write(&path, &policy.info.remediation.example).unwrap();
        let report = copguard::scan(&ScanOptions {
            paths: vec![path],
            base_dir: dir.path().to_path_buf(),
            only: vec![id.clone()],
            ..ScanOptions::default()
        })
        .expect("scan runs");
        assert!(
            report.findings.is_empty()
                && report.diagnostics.is_empty()
                && report.summary.resources > 0,
            "{id}: its example fails it: {:#?} {:#?}",
            report.findings,
            report.diagnostics
        );
    }
}

/// Which of `ids` fail on a single rule opening `port` to the whole internet,
/// per port: one resource of `resource_type` per port, with `attributes`.
fn open_port_rules(
    ids: &[&str],
    resource_type: &str,
    attributes: impl Fn(u32) -> serde_json::Value,
) -> Vec<BTreeSet<String>> {
    let mut registry = Registry::builtin().expect("built-in policies load");
    let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    registry.select(&ids, &[]).unwrap();
    let resources = (0..=65535u32)
        .map(|port| {
            let mut resource = Resource::new(
                format!("{resource_type}.p{port}"),
                resource_type,
                "test",
                Location::file_start(&"ports.tf".into()),
            );
            let serde_json::Value::Object(map) = attributes(port) else {
                unreachable!()
            };
            resource.attributes = map;
            resource
        })
        .collect();
    let graph = ResourceGraph::build(resources);
    let evaluated = eval::evaluate(&registry, &graph);
    assert!(
        evaluated.diagnostics.is_empty(),
        "{:#?}",
        evaluated.diagnostics
    );
    let mut by_port = vec![BTreeSet::new(); 65536];
    for result in &evaluated.results {
        assert_eq!(result.status, eval::Status::Fail);
        let address = &graph.resources[result.resource].address;
        let port: usize = address.rsplit(".p").next().unwrap().parse().unwrap();
        by_port[port].insert(registry.policies()[result.policy].info.id.clone());
    }
    by_port
}

/// The internet-exposure rules split the ports between them: every TCP port
/// a rule opens to 0.0.0.0/0 is reported by exactly one of them (the most
/// specific), and 80 and 443 by none, so one rule element is never reported
/// twice at different severities and no port is missed.
#[test]
fn every_port_open_to_the_internet_is_reported_by_exactly_one_rule() {
    let check = |by_port: Vec<BTreeSet<String>>, low: &str| {
        let mut wrong = Vec::new();
        for (port, rules) in by_port.iter().enumerate() {
            let ok = if port == 80 || port == 443 {
                rules.is_empty()
            } else {
                rules.len() == 1
            };
            if !ok {
                wrong.push(format!("{port}: {rules:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        let low_count = by_port.iter().filter(|r| r.contains(low)).count();
        assert!(low_count > 60_000, "{low} reports {low_count} ports");
    };
    let aws = open_port_rules(
        &["CG-AWS-010", "CG-AWS-011", "CG-AWS-048", "CG-AWS-049"],
        "aws_vpc_security_group_ingress_rule",
        |port| {
            serde_json::json!({
                "protocol": "tcp", "from_port": port, "to_port": port,
                "cidr_blocks": ["0.0.0.0/0"],
            })
        },
    );
    for (port, rule) in [
        (22, "CG-AWS-010"),
        (6443, "CG-AWS-011"),
        (5432, "CG-AWS-048"),
        (8080, "CG-AWS-049"),
    ] {
        assert!(aws[port].contains(rule), "{port}: {:?}", aws[port]);
    }
    check(aws, "CG-AWS-049");

    let azure = open_port_rules(
        &["CG-AZ-010", "CG-AZ-017", "CG-AZ-018", "CG-AZ-028"],
        "azurerm_network_security_rule",
        |port| {
            serde_json::json!({
                "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
                "destination_port_range": port.to_string(), "source_address_prefix": "Internet",
            })
        },
    );
    for (port, rule) in [
        (3389, "CG-AZ-010"),
        (10250, "CG-AZ-017"),
        (9300, "CG-AZ-018"),
        (8080, "CG-AZ-028"),
    ] {
        assert!(azure[port].contains(rule), "{port}: {:?}", azure[port]);
    }
    check(azure, "CG-AZ-028");
}

/// A team's own policy split in two keeps its old id as an alias: the
/// Terraform `# copguard:ignore` comment naming it suppresses both halves,
/// and a baseline written before the split still knows their findings.
#[test]
fn aliases_of_user_policies_act_in_terraform_comments_and_baselines() {
    let dir = tempfile::tempdir().unwrap();
    let policies = dir.path().join("policies");
    std::fs::create_dir(&policies).unwrap();
    let policy = |id: &str, name: &str, alias: Option<&str>, condition: &str| {
        format!(
            "id: {id}\nname: {name}\ntitle: {name}\nseverity: medium\n{}description: d\n\
             remediation:\n  text: Fix it.\n  example: |\n    resource \"aws_sqs_queue\" \"q\" {{}}\n\
             measures:\n  - {{code: TSCoP, version: \"1.0\", id: M13.09}}\ntopics: [encryption]\n\
             resource_types: [aws_sqs_queue]\ncondition: {condition}\n",
            alias.map(|a| format!("aliases: [{a}]\n")).unwrap_or_default()
        )
    };
    let tf = dir.path().join("main.tf");
    std::fs::write(
        &tf,
        "resource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n}\n",
    )
    .unwrap();
    let scan = |extra: Vec<String>, baseline: Option<&copguard::report::baseline::Baseline>| {
        let mut report = copguard::scan(&ScanOptions {
            paths: vec![tf.clone()],
            base_dir: dir.path().to_path_buf(),
            policy_dirs: vec![policies.clone()],
            only: extra,
            ..ScanOptions::default()
        })
        .expect("scan runs");
        if let Some(baseline) = baseline {
            report.compare_with(baseline);
        }
        report
    };

    // Before the split: one policy, TEAM-OLD-1, fails on the queue.
    std::fs::write(
        policies.join("old.yaml"),
        policy(
            "TEAM-OLD-1",
            "TeamOld",
            None,
            "has(resource.kms_master_key_id) && has(resource.policy)",
        ),
    )
    .unwrap();
    let before = scan(vec!["TEAM-OLD-1".into()], None);
    assert_eq!(before.findings.len(), 1);
    let baseline = copguard::report::baseline::of(&before);

    // After: two policies answering to TEAM-OLD-1.
    std::fs::remove_file(policies.join("old.yaml")).unwrap();
    std::fs::write(
        policies.join("a.yaml"),
        policy(
            "TEAM-NEW-1",
            "TeamNewKey",
            Some("TEAM-OLD-1"),
            "has(resource.kms_master_key_id)",
        ),
    )
    .unwrap();
    std::fs::write(
        policies.join("b.yaml"),
        policy(
            "TEAM-NEW-2",
            "TeamNewPolicy",
            Some("TEAM-OLD-1"),
            "has(resource.policy)",
        ),
    )
    .unwrap();
    let after = scan(vec!["TEAM-OLD-1".into()], Some(&baseline));
    let ids: BTreeSet<&str> = after.findings.iter().map(|f| f.rule_id.as_str()).collect();
    assert_eq!(ids, BTreeSet::from(["TEAM-NEW-1", "TEAM-NEW-2"]));
    assert!(
        after
            .findings
            .iter()
            .all(|f| f.baseline == Some(copguard::report::baseline::BaselineState::Unchanged)),
        "{:#?}",
        after.findings
    );
    assert!(after.absent.is_empty(), "{:#?}", after.absent);

    std::fs::write(
        &tf,
        "# copguard:ignore TEAM-OLD-1 queue holds only public events\nresource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n}\n",
    )
    .unwrap();
    let suppressed = scan(vec![], None);
    assert!(
        suppressed
            .findings
            .iter()
            .all(|f| !f.rule_id.starts_with("TEAM-")),
        "{:#?}",
        suppressed.findings
    );
    assert_eq!(
        suppressed
            .suppressed
            .iter()
            .filter(|f| f.rule_id.starts_with("TEAM-NEW-"))
            .count(),
        2
    );
    assert!(
        !suppressed
            .diagnostics
            .iter()
            .any(|d| d.message.contains("TEAM-OLD-1")),
        "{:#?}",
        suppressed.diagnostics
    );

    // An alias may not be the id of a policy.
    std::fs::write(
        policies.join("c.yaml"),
        policy("TEAM-NEW-3", "TeamNewThird", Some("TEAM-NEW-1"), "true"),
    )
    .unwrap();
    let error = copguard::load_policies(&ScanOptions {
        policy_dirs: vec![policies.clone()],
        ..ScanOptions::default()
    })
    .expect_err("an alias naming a policy is refused");
    assert!(error.to_string().contains("alias TEAM-NEW-1"), "{error}");
}
