//! Kubernetes manifests end to end: the issue's acceptance cases, stdin,
//! mixed trees, suppressions, and bad YAML that must never hide results.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

fn diagnostics(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            let location = &d["location"];
            format!(
                "{}:{}:{}: {}: {}",
                location["path"].as_str().unwrap_or("-"),
                location["start_line"],
                location["start_column"],
                d["level"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn deployment_cronjob_and_pod_each_report_the_privileged_line_of_their_own_file() {
    let dir = root().join("testdata/kubernetes/privileged");
    let report = scan_ok(
        &root(),
        &["testdata/kubernetes/privileged", "--only", "CG-K8S-001"],
        &[],
    );
    let mut got = findings_with_path(&report);
    got.sort();
    let expected: Vec<(String, String, String, u64)> = [
        (
            "cronjob.yaml",
            "k8s/batch/v1/CronJob/edge/sbc-rotate/spec.jobTemplate.spec.template.spec",
        ),
        (
            "deployment.yaml",
            "k8s/apps/v1/Deployment/edge/sbc/spec.template.spec",
        ),
        ("pod.yaml", "k8s/v1/Pod/edge/sbc-debug/spec"),
    ]
    .iter()
    .map(|(file, address)| {
        (
            "CG-K8S-001".to_string(),
            address.to_string(),
            format!("testdata/kubernetes/privileged/{file}"),
            line_of(&dir.join(file), "privileged: true"),
        )
    })
    .collect();
    let mut expected = expected;
    expected.sort();
    assert_eq!(got, expected);
    assert!(
        diagnostics(&report).is_empty(),
        "{:?}",
        diagnostics(&report)
    );
}

#[test]
fn helm_output_on_stdin_points_at_stdin_with_document_and_line() {
    let rendered = std::fs::read(root().join("testdata/kubernetes/helm/rendered.yaml")).unwrap();
    let output = copguard_stdin(
        &root(),
        &["scan", "-", "--format", "json", "--fail-on", "none"],
        &rendered,
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let privileged = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "CG-K8S-001")
        .expect("the privileged container");
    assert_eq!(privileged["location"]["path"], "<stdin>");
    assert_eq!(privileged["document"], 4);
    assert_eq!(
        privileged["location"]["start_line"],
        line_of(
            &root().join("testdata/kubernetes/helm/rendered.yaml"),
            "privileged: true"
        )
    );
    // The ConfigMap's block scalar holds an indented "---": not a document.
    assert_eq!(report["summary"]["resources"], 7);
    // The test hook suppresses two rules, with its reason.
    let suppressed = report["suppressed"].as_array().unwrap();
    assert_eq!(suppressed.len(), 2);
    assert!(
        suppressed
            .iter()
            .all(|f| f["suppression"]["justification"]
                == "helm test hook, deleted after the test run")
    );

    // Text output names the document too.
    let text = copguard_stdin(&root(), &["scan", "-", "--fail-on", "none"], &rendered);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("at <stdin>:"), "{text}");
    assert!(text.contains("(document 4)"), "{text}");
}

#[test]
fn a_tree_of_terraform_and_manifests_gives_one_report() {
    let report = scan_ok(&root(), &["testdata/examples/mixed"], &[]);
    let got = findings_with_path(&report);
    assert!(got
        .iter()
        .any(|(rule, address, path, _)| rule.starts_with("CG-AWS-")
            && address == "aws_s3_bucket.cluster_logs"
            && path == "testdata/examples/mixed/main.tf"));
    assert!(got
        .iter()
        .any(|(rule, address, path, _)| rule == "CG-K8S-001"
            && address == "k8s/apps/v1/DaemonSet/logging/log-collector/spec.template.spec"
            && path == "testdata/examples/mixed/k8s/collector.yaml"));
    assert_eq!(report["summary"]["files"], 2);
}

#[test]
fn suppressed_results_are_counted_not_listed_and_do_not_fail_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "debug.yaml",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: netdebug
  annotations:
    copguard.io/ignore: "CG-K8S-001 packet capture; approved in CHG-2231"
spec:
  containers:
    - name: tcpdump
      image: registry.example/netdebug:1
      securityContext:
        privileged: true
"#,
    );
    let only = ["scan", ".", "--only", "CG-K8S-001", "--fail-on", "low"];
    let output = copguard(dir.path(), &only);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        !text.contains("CG-K8S-001 Container runs privileged"),
        "{text}"
    );
    assert!(
        text.contains("0 findings") && text.contains("1 suppressed"),
        "{text}"
    );

    let mut sarif_args = only.to_vec();
    sarif_args.extend(["--format", "sarif"]);
    let output = copguard(dir.path(), &sarif_args);
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let suppression = &results[0]["suppressions"][0];
    assert_eq!(suppression["kind"], "inSource");
    assert_eq!(
        suppression["justification"],
        "packet capture; approved in CHG-2231"
    );
    assert_eq!(
        suppression["location"]["physicalLocation"]["region"]["startLine"],
        6
    );

    // The same pod without the annotation fails the scan.
    let text = std::fs::read_to_string(dir.path().join("debug.yaml")).unwrap();
    write(
        dir.path(),
        "debug.yaml",
        &text.replace("copguard.io/ignore", "example.com/note"),
    );
    assert_eq!(copguard(dir.path(), &only).status.code(), Some(1));
}

#[test]
fn annotation_on_the_pod_template_suppresses_for_the_workload() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "ds.yaml",
        r#"apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ops}
spec:
  template:
    metadata:
      annotations:
        copguard.io/ignore: "CG-K8S-003,CG-K8S-005 node agent reads the host's logs"
    spec:
      hostPID: true
      containers: [{name: agent, image: "r/agent:1"}]
      volumes: [{name: logs, hostPath: {path: /var/log}}]
"#,
    );
    let report = scan_ok(dir.path(), &[".", "--only", "CG-K8S-003,CG-K8S-005"], &[]);
    assert!(findings(&report).is_empty(), "{:?}", findings(&report));
    assert_eq!(report["summary"]["suppressed"], 2);
}

#[test]
fn secret_values_never_appear_in_any_report() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
    write(
        dir.path(),
        "app.yaml",
        &format!(
            r#"apiVersion: v1
kind: Pod
metadata: {{name: billing}}
spec:
  containers:
    - name: billing
      image: r/billing:1
      env:
        - name: AWS_SECRET_ACCESS_KEY
          value: "{secret}"
"#
        ),
    );
    for format in ["text", "json", "sarif"] {
        let output = copguard(
            dir.path(),
            &[
                "scan",
                ".",
                "--format",
                format,
                "--fail-on",
                "none",
                "--show-unknown",
            ],
        );
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(all.contains("CG-K8S-006"), "{format}: no finding\n{all}");
        assert!(!all.contains(secret), "{format} shows the secret");
        assert!(
            !all.contains("EXAMPLEKEY"),
            "{format} shows part of the secret"
        );
    }
}

#[test]
fn other_yaml_is_skipped_without_noise() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "docker-compose.yml",
        "services:\n  web:\n    image: nginx\n",
    );
    write(
        dir.path(),
        "values.yaml",
        "image:\n  tag: latest\nkind: web\n",
    );
    // A broken CI workflow is not ours to report.
    write(dir.path(), "ci.yml", "on: [push\njobs:\n  build: {\n");
    write(
        dir.path(),
        "package.json",
        r#"{"name": "x", "kind": "module"}"#,
    );
    let report = scan_ok(dir.path(), &["."], &[]);
    assert!(
        diagnostics(&report).is_empty(),
        "{:?}",
        diagnostics(&report)
    );
    assert_eq!(report["summary"]["resources"], 0);
}

#[test]
fn helm_chart_templates_are_not_read_and_a_note_says_how_to_scan_them() {
    let dir = tempfile::tempdir().unwrap();
    let chart = dir.path().join("chart");
    std::fs::create_dir_all(chart.join("templates")).unwrap();
    write(
        &chart,
        "Chart.yaml",
        "apiVersion: v2\nname: amf\nversion: 1.0.0\n",
    );
    write(
        &chart.join("templates"),
        "deployment.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n",
    );
    // Template files are counted, in subdirectories too; helpers are not YAML.
    std::fs::create_dir_all(chart.join("templates/tests")).unwrap();
    write(
        &chart.join("templates/tests"),
        "test-connection.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"{{ .Release.Name }}-test\"\n",
    );
    write(
        &chart.join("templates"),
        "_helpers.tpl",
        "{{- define \"amf.name\" -}}amf{{- end }}\n",
    );
    let report = scan_ok(dir.path(), &["."], &[]);
    let notes = diagnostics(&report);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("helm template"), "{notes:?}");
    assert!(notes[0].contains("(2 YAML files)"), "{notes:?}");
    assert!(notes[0].contains(": note: "), "{notes:?}");
    assert_eq!(report["summary"]["skipped"], 2);
    assert_eq!(report["summary"]["input_errors"], 0);
}

/// `copguard scan PATHS --format FORMAT --fail-on none` in the repository,
/// without `--allow-input-errors`: it must exit 0.
fn scan_clean(paths: &[&str], format: &str) -> String {
    let mut args = vec!["scan", "--format", format, "--fail-on", "none"];
    args.extend_from_slice(paths);
    let output = copguard(&root(), &args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn go_templated_yaml_is_skipped_with_a_note_at_its_first_action() {
    let dir = root().join("testdata/kubernetes/templated");
    let report: Value =
        serde_json::from_str(&scan_clean(&["testdata/kubernetes/templated"], "json")).unwrap();
    // One note, at the first action YAML would have read as a mapping (not
    // the comment above it), and no YAML error.
    assert_eq!(
        diagnostics(&report),
        vec![format!(
            "testdata/kubernetes/templated/deployment.yaml:{}:9: note: a Go template, not YAML: a template action ({{{{ ... }}}}) stands where YAML expects a value; not scanned; render it and scan the output: helm template <chart> | copguard scan - (or the tool the template is for). If the {{{{ is text, quote the value and the file is scanned",
            line_of(&dir.join("deployment.yaml"), "name: {{ include")
        )]
    );
    assert_eq!(report["summary"]["skipped"], 1);
    assert_eq!(report["summary"]["input_errors"], 0);
    // Go templates held as data (a quoted annotation, a ConfigMap's block
    // scalar, plain arguments) do not make a template: that file is scanned.
    let privileged: Vec<(String, String, String, u64)> = findings_with_path(&report)
        .into_iter()
        .filter(|(rule, ..)| rule == "CG-K8S-001")
        .collect();
    assert_eq!(
        privileged,
        vec![(
            "CG-K8S-001".to_string(),
            "k8s/v1/Pod/monitoring/alert-relay/spec".to_string(),
            "testdata/kubernetes/templated/alerting.yaml".to_string(),
            line_of(&dir.join("alerting.yaml"), "privileged: true"),
        )]
    );
    assert!(findings_with_path(&report)
        .iter()
        .all(|(_, _, file, _)| file.ends_with("alerting.yaml")));
    // The ConfigMap, the Pod and the Pod's pod spec.
    assert_eq!(report["summary"]["resources"], 3);
}

#[test]
fn a_template_on_stdin_is_skipped_with_a_note_at_its_line() {
    let template = b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n";
    let output = copguard_stdin(
        &root(),
        &["scan", "-", "--format", "json", "--fail-on", "none"],
        template,
    );
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let notes = diagnostics(&report);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].starts_with("<stdin>:4:9: note: a Go template"),
        "{notes:?}"
    );
    assert_eq!(report["summary"]["skipped"], 1);
    assert_eq!(report["summary"]["resources"], 0);
}

#[test]
fn kustomize_patches_are_skipped_with_a_note_and_resources_are_scanned() {
    let overlay = "testdata/kubernetes/kustomize/overlays/prod";
    let report: Value =
        serde_json::from_str(&scan_clean(&["testdata/kubernetes/kustomize"], "json")).unwrap();
    let note = |file: &str| {
        format!(
            "{overlay}/{file}:1:1: note: a kustomize patch ({overlay}/kustomization.yaml lists it), not a whole object: not scanned; scan what kustomize builds: kustomize build {overlay} | copguard scan -"
        )
    };
    // One note per patch (strategic merge under `patches`, under
    // `patchesStrategicMerge`, and a JSON patch), nothing about the
    // kustomization files themselves.
    assert_eq!(
        diagnostics(&report),
        vec![
            note("limits.yaml"),
            note("privileged.yaml"),
            note("replicas.yaml")
        ]
    );
    assert_eq!(report["summary"]["skipped"], 3);
    assert_eq!(report["summary"]["input_errors"], 0);
    // The base Deployment and the overlay's own Pod, each with its pod
    // spec; no Kustomization, no partial Deployment from a patch.
    assert_eq!(report["summary"]["resources"], 4);
    let files: std::collections::BTreeSet<String> = findings_with_path(&report)
        .into_iter()
        .map(|(_, _, file, _)| file)
        .collect();
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        vec![
            "testdata/kubernetes/kustomize/base/deployment.yaml".to_string(),
            format!("{overlay}/debug-pod.yaml"),
        ]
    );

    // The summaries say so too, and a skipped file is no input error.
    let text = scan_clean(&["testdata/kubernetes/kustomize"], "text");
    let summary = text.lines().last().unwrap_or_default();
    assert!(
        summary.contains(", 3 files skipped (templates, patches, tool configuration), "),
        "{summary}"
    );
    assert!(!summary.contains("input error"), "{summary}");
    let markdown = scan_clean(&["testdata/kubernetes/kustomize"], "markdown");
    assert!(
        markdown.contains("> ℹ️ 3 files were not scanned: templates or kustomize patches"),
        "{markdown}"
    );
}

#[test]
fn a_patch_named_on_the_command_line_is_still_a_patch() {
    let report: Value = serde_json::from_str(&scan_clean(
        &["testdata/kubernetes/kustomize/overlays/prod/privileged.yaml"],
        "json",
    ))
    .unwrap();
    let notes = diagnostics(&report);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("a kustomize patch"), "{notes:?}");
    assert!(finding_values(&report).is_empty());
    assert_eq!(report["summary"]["skipped"], 1);
}

#[test]
fn lists_json_manifests_and_custom_kinds_are_objects_too() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "list.yaml",
        r#"apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      containers: [{name: a, image: r/a:1, securityContext: {privileged: true}}]
  - apiVersion: cert-manager.io/v1
    kind: Certificate
    metadata: {name: portal, namespace: edge}
    spec: {secretName: portal-tls, duration: 8760h}
"#,
    );
    write(
        dir.path(),
        "pod.json",
        r#"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b"},
 "spec": {"containers": [{"name": "b", "image": "r/b:1",
   "securityContext": {"privileged": true}}]}}"#,
    );
    // A user policy over the custom kind.
    let policies = dir.path().join("policies");
    std::fs::create_dir(&policies).unwrap();
    write(
        &policies,
        "cert.yaml",
        r#"id: ACME-CERT-001
name: ShortLivedCertificates
title: Certificate lives a year
severity: low
description: Certificates are renewed at least quarterly.
remediation:
  text: Set spec.duration to 2160h.
  example: |
    apiVersion: cert-manager.io/v1
    kind: Certificate
    metadata: {name: portal}
    spec: {secretName: portal-tls, duration: 2160h}
measures: [{code: TSCoP, version: "1.0", id: M13.10}]
topics: [encryption]
resource_types: [Certificate]
location: [spec.duration]
condition: >-
  !(has(resource.spec.duration) && resource.spec.duration == "8760h")
"#,
    );
    let report = scan_ok(
        dir.path(),
        &[
            ".",
            "--policies",
            "policies",
            "--only",
            "CG-K8S-001,ACME-CERT-001",
        ],
        &[],
    );
    let mut got = findings_with_path(&report);
    got.sort();
    assert_eq!(
        got,
        vec![
            (
                "ACME-CERT-001".to_string(),
                "k8s/cert-manager.io/v1/Certificate/edge/portal".to_string(),
                "list.yaml".to_string(),
                12
            ),
            (
                "CG-K8S-001".to_string(),
                "k8s/v1/Pod/default/a/spec".to_string(),
                "list.yaml".to_string(),
                8
            ),
            (
                "CG-K8S-001".to_string(),
                "k8s/v1/Pod/default/b/spec".to_string(),
                "pod.json".to_string(),
                3
            ),
        ]
    );
}

/// Writes `name` in `dir` and scans the directory, which also holds a good
/// manifest with one finding: the finding must survive the bad file.
fn scan_beside_good_manifest(dir: &Path, name: &str, bytes: &[u8]) -> Value {
    std::fs::write(dir.join(name), bytes).unwrap();
    write(
        dir,
        "good.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: good}\nspec:\n  containers:\n    - {name: c, image: r/c:1, securityContext: {privileged: true}}\n",
    );
    let report = scan_ok(dir, &[".", "--only", "CG-K8S-001"], &[]);
    assert!(
        findings(&report).contains(&(
            "CG-K8S-001".to_string(),
            "k8s/v1/Pod/default/good/spec".to_string(),
            6
        )),
        "{name} hid the good file's finding: {:?}",
        findings(&report)
    );
    report
}

#[test]
fn a_broken_document_is_located_and_the_others_are_scanned() {
    let dir = tempfile::tempdir().unwrap();
    let privileged_pod = |name: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  containers:\n    - name: c\n      image: r/c:1\n      securityContext:\n        privileged: true\n")
    };
    let text = format!(
        "{}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [broken\n---\n{}",
        privileged_pod("first"),
        privileged_pod("third")
    );
    let report = scan_beside_good_manifest(dir.path(), "three.yaml", text.as_bytes());
    let got = findings(&report);
    assert!(got.contains(&(
        "CG-K8S-001".into(),
        "k8s/v1/Pod/default/first/spec".into(),
        9
    )));
    assert!(got.contains(&(
        "CG-K8S-001".into(),
        "k8s/v1/Pod/default/third/spec".into(),
        24
    )));
    let diagnostics = diagnostics(&report);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0].starts_with("three.yaml:14:")
            || diagnostics[0].starts_with("three.yaml:15:"),
        "{diagnostics:?}"
    );
    assert!(
        diagnostics[0].contains("YAML document 2"),
        "{diagnostics:?}"
    );
}

#[test]
fn bad_yaml_is_a_located_diagnostic_never_a_crash() {
    let mut bomb = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..16 {
        let prev = level - 1;
        bomb.push_str(&format!(
            "a{level}: &a{level} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
        ));
    }
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "duplicate.yaml",
            b"apiVersion: v1\nkind: Pod\nmetadata: {name: d}\nmetadata: {name: e}\n".to_vec(),
            "duplicate.yaml:4:",
        ),
        ("bomb.yaml", bomb.into_bytes(), "bomb.yaml:"),
        (
            "tabs.yaml",
            b"apiVersion: v1\nkind: Pod\nmetadata:\n\tname: t\n".to_vec(),
            "tabs.yaml:4:",
        ),
        (
            "latin1.yaml",
            b"apiVersion: v1\nkind: Pod\nmetadata: {name: caf\xe9}\n".to_vec(),
            "latin1.yaml:3:",
        ),
    ];
    for (name, bytes, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let report = scan_beside_good_manifest(dir.path(), name, &bytes);
        let diagnostics = diagnostics(&report);
        assert_eq!(diagnostics.len(), 1, "{name}: {diagnostics:?}");
        assert!(
            diagnostics[0].starts_with(expected),
            "{name}: {diagnostics:?}"
        );
        assert!(
            diagnostics[0].contains(": error: "),
            "{name}: {diagnostics:?}"
        );
    }

    // A byte-order mark is not an error.
    let dir = tempfile::tempdir().unwrap();
    let report = scan_beside_good_manifest(
        dir.path(),
        "bom.yaml",
        b"\xef\xbb\xbfapiVersion: v1\nkind: Pod\nmetadata: {name: bom}\nspec:\n  containers: [{name: c, image: r/c:1, securityContext: {privileged: true}}]\n",
    );
    assert!(
        diagnostics(&report).is_empty(),
        "{:?}",
        diagnostics(&report)
    );
    assert!(findings(&report).contains(&(
        "CG-K8S-001".into(),
        "k8s/v1/Pod/default/bom/spec".into(),
        5
    )));
}

#[test]
fn a_50_mb_manifest_is_reported_not_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    // One document of 50 MB: over the per-document limit.
    let mut big = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n");
    let line = format!("  k{{}}: {}\n", "x".repeat(100));
    let mut i = 0;
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(&line.replace("{}", &i.to_string()));
        i += 1;
    }
    let report = scan_beside_good_manifest(dir.path(), "big.yaml", big.as_bytes());
    let diagnostics = diagnostics(&report);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0].starts_with("big.yaml:1:1: error:"),
        "{diagnostics:?}"
    );
    assert!(diagnostics[0].contains("MiB"), "{diagnostics:?}");
}

#[test]
fn non_utf8_stdin_is_a_diagnostic() {
    let output = copguard_stdin(
        &root(),
        &["scan", "-", "--format", "json", "--fail-on", "none"],
        b"apiVersion: v1\nkind: Pod\nmetadata: {name: \xff}\n",
    );
    // Input that could not be read fails a gate with its own code.
    assert_eq!(output.status.code(), Some(3));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostics = diagnostics(&report);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(diagnostics[0].starts_with("<stdin>:3:"), "{diagnostics:?}");
}

#[test]
fn the_same_object_in_two_overlays_keeps_its_edges_in_both() {
    let dir = tempfile::tempdir().unwrap();
    let app = r#"apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: core}
spec:
  template:
    metadata: {labels: {app: app}}
    spec:
      containers: [{name: app, image: r/app:1}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: core}
spec:
  podSelector: {}
  policyTypes: [Ingress]
"#;
    for overlay in ["dev", "prod"] {
        std::fs::create_dir(dir.path().join(overlay)).unwrap();
        write(&dir.path().join(overlay), "app.yaml", app);
    }
    let report = scan_ok(dir.path(), &["dev", "prod", "--only", "CG-K8S-011"], &[]);
    assert!(findings(&report).is_empty(), "{:?}", findings(&report));
    assert_eq!(report["summary"]["passed"], 2);
}

#[test]
fn a_suppression_naming_no_policy_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pod.yaml",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    copguard.io/ignore: "CG-K8S-001, cg-k8s-999 typo in the second id"
spec:
  containers: [{name: c, image: r/c:1, securityContext: {privileged: true}}]
"#,
    );
    // Ids are read in any case, with spaces after commas; selection with
    // --only does not make a real id unknown.
    let report = scan_ok(dir.path(), &[".", "--only", "CG-K8S-003"], &[]);
    let diagnostics = diagnostics(&report);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0].starts_with("pod.yaml:6:") && diagnostics[0].contains("CG-K8S-999"),
        "{diagnostics:?}"
    );
    let report = scan_ok(dir.path(), &[".", "--only", "CG-K8S-001"], &[]);
    assert_eq!(report["summary"]["suppressed"], 1);
}

#[test]
fn deeply_nested_yaml_is_read_in_process_without_exhausting_the_stack() {
    // Test threads have small stacks; the scan's own workers have room.
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n");
    for level in 1..=60 {
        text.push_str(&format!("{}k{level}:\n", "  ".repeat(level)));
    }
    text.push_str(&format!("{}v: 1\n", "  ".repeat(61)));
    write(dir.path(), "deep.yaml", &text);
    write(
        dir.path(),
        "deeper.yaml",
        &format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: deeper}}\ndata: {}{}\n",
            "[".repeat(80),
            "]".repeat(80)
        ),
    );
    let report = copguard::scan(&copguard::ScanOptions {
        paths: vec![dir.path().to_path_buf()],
        base_dir: dir.path().to_path_buf(),
        ..copguard::ScanOptions::default()
    })
    .expect("scan runs");
    assert_eq!(report.summary.resources, 1, "{:?}", report.diagnostics);
    assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
    let location = report.diagnostics[0].location.as_ref().unwrap();
    assert_eq!(&*location.path, "deeper.yaml");
}

#[test]
fn containers_written_as_a_map_are_a_warning_not_a_silent_pass() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    c: {image: x, securityContext: {privileged: true}}\n",
    );
    let report = scan_ok(dir.path(), &["."], &[]);
    let diagnostics = diagnostics(&report);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0]
            .starts_with("pod.yaml:5:3: warning: containers of k8s/v1/Pod/default/p/spec is a map"),
        "{diagnostics:?}"
    );
}

#[test]
fn containers_inheriting_a_pod_setting_point_at_it_and_stay_distinct() {
    let fixture = "testdata/policies/kubernetes/cg-k8s-002/fail-pod-level-root.yaml";
    let pod_level = line_of(&root().join(fixture), "runAsUser: 0");
    let report = scan_ok(
        &root(),
        &[
            "testdata/policies/kubernetes/cg-k8s-002/fail-pod-level-root.yaml",
            "--only",
            "CG-K8S-002",
        ],
        &[],
    );
    let at_pod_level: Vec<&Value> = finding_values(&report)
        .iter()
        .filter(|f| f["location"]["start_line"] == pod_level)
        .collect();
    // Both containers of the CronJob inherit the pod's `runAsUser: 0`.
    let paths: Vec<&str> = at_pod_level
        .iter()
        .map(|f| f["attribute_path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["containers[0]", "containers[1]"]);
    assert_ne!(
        at_pod_level[0]["fingerprint"],
        at_pod_level[1]["fingerprint"]
    );
}

/// The pod template views of `testdata/kubernetes/custom-workloads`: one
/// per custom resource that holds a pod template, as `secure.yaml` has them
/// (namespace `edge`). `insecure.yaml` has the same objects in the
/// `default` namespace, which CG-K8S-023 reports.
const CUSTOM_VIEWS: &[&str] = &[
    "k8s/serving.knative.dev/v1/Service/edge/portal/spec.template.spec",
    "k8s/serving.knative.dev/v1/Configuration/edge/portal-config/spec.template.spec",
    "k8s/serving.knative.dev/v1/Revision/edge/portal-00001/spec",
    "k8s/argoproj.io/v1alpha1/Rollout/edge/sbc/spec.template.spec",
    "k8s/apps.kruise.io/v1alpha1/CloneSet/edge/upf/spec.template.spec",
    "k8s/apps.kruise.io/v1beta1/StatefulSet/edge/hss/spec.template.spec",
    "k8s/keda.sh/v1alpha1/ScaledJob/edge/cdr-export/spec.jobTargetRef.template.spec",
];

fn scan_library(paths: Vec<std::path::PathBuf>, base: &Path) -> copguard::report::Report {
    copguard::scan(&copguard::ScanOptions {
        paths,
        base_dir: base.to_path_buf(),
        ..copguard::ScanOptions::default()
    })
    .expect("scan runs")
}

#[test]
fn every_pod_policy_applies_to_pod_templates_inside_custom_resources() {
    let registry = copguard::policy::Registry::builtin().unwrap();
    let pod_policies: Vec<String> = registry
        .policies()
        .iter()
        .filter(|p| p.applies_to("kubernetes_pod_spec"))
        .map(|p| p.info.id.clone())
        .collect();
    assert!(pod_policies.len() >= 11, "{pod_policies:?}");
    let dir = root().join("testdata/kubernetes/custom-workloads");

    let insecure = scan_library(vec![dir.join("insecure.yaml")], &root());
    assert!(
        insecure.diagnostics.is_empty(),
        "{:#?}",
        insecure.diagnostics
    );
    let got: std::collections::BTreeSet<(String, String)> = insecure
        .findings
        .iter()
        .map(|f| (f.rule_id.clone(), f.address.clone()))
        .collect();
    // Every pod policy, CG-K8S-023 (the default namespace) among them, must
    // report every view: the insecure objects are in `default`.
    let mut missing = Vec::new();
    for view in CUSTOM_VIEWS {
        let view = view.replacen("/edge/", "/default/", 1);
        for id in &pod_policies {
            if !got.contains(&(id.clone(), view.clone())) {
                missing.push(format!("{id} {view}"));
            }
        }
    }
    assert!(missing.is_empty(), "not reported:\n{}", missing.join("\n"));
    // The core Service named like the Knative one, and the Rollout with a
    // workloadRef, are not workloads: no view of theirs.
    assert!(
        got.iter()
            .all(|(_, address)| !address.starts_with("k8s/v1/Service/")
                && !address.contains("/Rollout/edge/sbc-ref/")),
        "{got:#?}"
    );

    let secure = scan_library(vec![dir.join("secure.yaml")], &root());
    assert!(secure.diagnostics.is_empty(), "{:#?}", secure.diagnostics);
    assert!(
        secure.findings.is_empty(),
        "{:#?}",
        secure
            .findings
            .iter()
            .map(|f| (&f.rule_id, &f.address))
            .collect::<Vec<_>>()
    );
    // Each pod policy passed on every view (and is not merely silent).
    for (rule, passed) in secure.rules.iter().zip(&secure.passed_by_rule) {
        if pod_policies.contains(&rule.id) {
            assert!(*passed >= CUSTOM_VIEWS.len(), "{} passed {passed}", rule.id);
        }
    }
}

#[test]
fn a_config_file_adds_custom_workload_kinds() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "widget.yaml",
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: lab\nspec:\n  podTemplate:\n    spec:\n      containers:\n        - name: w\n          image: r/w:1\n          securityContext:\n            privileged: true\n",
    );
    let privileged = |report: &Value| -> Vec<String> {
        findings(report)
            .into_iter()
            .filter(|(rule, _, _)| rule == "CG-K8S-001")
            .map(|(_, address, _)| address)
            .collect()
    };
    let before = scan_ok(dir.path(), &["widget.yaml", "--no-config"], &[]);
    assert!(privileged(&before).is_empty(), "{before:#}");

    write(
        dir.path(),
        ".copguard.yaml",
        "kubernetes-workloads:\n  example.com/Widget: spec.podTemplate\n",
    );
    let after = scan_ok(dir.path(), &["widget.yaml"], &[]);
    assert_eq!(
        privileged(&after),
        vec!["k8s/example.com/v1/Widget/lab/w/spec.podTemplate.spec".to_string()]
    );

    // Another group's Widget is not one.
    write(
        dir.path(),
        "widget.yaml",
        "apiVersion: other.org/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  podTemplate:\n    spec:\n      containers:\n        - {name: w, image: r/w:1, securityContext: {privileged: true}}\n",
    );
    let other = scan_ok(dir.path(), &["widget.yaml"], &[]);
    assert!(privileged(&other).is_empty(), "{other:#}");

    write(
        dir.path(),
        ".copguard.yaml",
        "kubernetes-workloads:\n  example.com/widget thing: spec.podTemplate\n",
    );
    let output = copguard(dir.path(), &["scan", "widget.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("is not a kind"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// CG-K8S-004 was split into CG-K8S-015 (privilege escalation) and
/// CG-K8S-016 (capabilities); the old id still names both everywhere a
/// rule id is written.
const SPLIT_POD: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: core
spec:
  containers:
    - name: c
      image: r/c@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
      securityContext:
        allowPrivilegeEscalation: true
        capabilities: {add: [NET_RAW]}
"#;

fn rule_ids(report: &Value) -> Vec<String> {
    let mut ids: Vec<String> = findings(report).into_iter().map(|(id, _, _)| id).collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn a_split_rules_old_id_selects_skips_and_suppresses_both_halves() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pod.yaml", SPLIT_POD);
    let both = ["CG-K8S-015".to_string(), "CG-K8S-016".to_string()];

    let only = scan_ok(dir.path(), &["pod.yaml", "--only", "CG-K8S-004"], &[]);
    assert_eq!(rule_ids(&only), both);
    let only_new = scan_ok(dir.path(), &["pod.yaml", "--only", "CG-K8S-016"], &[]);
    assert_eq!(rule_ids(&only_new), ["CG-K8S-016"]);

    let all = scan_ok(dir.path(), &["pod.yaml"], &[]);
    assert!(both.iter().all(|id| rule_ids(&all).contains(id)));
    let skipped = scan_ok(dir.path(), &["pod.yaml", "--skip", "CG-K8S-004"], &[]);
    assert!(
        !rule_ids(&skipped).iter().any(|id| both.contains(id)),
        "{:?}",
        rule_ids(&skipped)
    );
    assert!(!rule_ids(&skipped).is_empty(), "other rules still run");

    // The annotation naming the old id suppresses both, and is used.
    let annotated = SPLIT_POD.replace(
        "  namespace: core\n",
        "  namespace: core\n  annotations:\n    copguard.io/ignore: \"CG-K8S-004 raw sockets for packet capture\"\n",
    );
    write(dir.path(), "pod.yaml", &annotated);
    let report = scan_ok(dir.path(), &["pod.yaml", "--only", "CG-K8S-004"], &[]);
    assert!(findings(&report).is_empty(), "{:?}", findings(&report));
    assert_eq!(report["summary"]["suppressed"], 2);
    assert!(
        diagnostics(&report).is_empty(),
        "{:?}",
        diagnostics(&report)
    );

    // So does the config file's rules: and severity: keys.
    write(dir.path(), "pod.yaml", SPLIT_POD);
    write(
        dir.path(),
        ".copguard.yaml",
        "rules:\n  only: [CG-K8S-004]\nseverity:\n  CG-K8S-004: low\n",
    );
    let report = scan_ok(dir.path(), &["pod.yaml"], &[]);
    assert_eq!(rule_ids(&report), both);
    assert!(
        finding_values(&report)
            .iter()
            .all(|f| f["severity"] == "low"),
        "{report:#}"
    );
}

#[test]
fn tool_configs_and_delete_patches_are_skipped_quietly() {
    let report = common::scan_ok(&common::root(), &["testdata/kubernetes/not-objects"], &[]);
    assert!(
        report["diagnostics"].as_array().unwrap().is_empty(),
        "{:#?}",
        report["diagnostics"]
    );
    assert_eq!(report["summary"]["resources"], 1, "only the ConfigMap");
    assert_eq!(report["summary"]["skipped"], 3);
    assert_eq!(report["summary"]["input_errors"], 0);
}

/// Issue 13: host ports, low user ids and the default namespace, each
/// reported exactly where it is written. The message names the container a
/// host port belongs to; a user id inherited from the pod is reported at
/// the pod's line for each container; a workload without a namespace is
/// not reported (the tool that applies it names one).
#[test]
fn host_ports_low_user_ids_and_the_default_namespace_are_reported_where_written() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sbc
  namespace: default
spec:
  selector:
    matchLabels: {app: sbc}
  template:
    metadata:
      labels: {app: sbc}
    spec:
      securityContext:
        runAsUser: 1000
      containers:
        - name: sbc
          image: r/sbc:1
          ports:
            - {name: metrics, containerPort: 9090}
            - name: sip
              containerPort: 5060
              hostPort: 5060
        - name: sidecar
          image: r/sidecar:1
          securityContext:
            runAsUser: 10001
          ports:
            - {containerPort: 8080, hostPort: 8080}
---
apiVersion: v1
kind: Pod
metadata:
  name: unplaced
spec:
  containers:
    - name: unplaced
      image: r/unplaced:1
      securityContext:
        runAsUser: 999
";
    write(dir.path(), "m.yaml", text);
    let report = scan_ok(
        dir.path(),
        &[
            "m.yaml",
            "--no-config",
            "--only",
            "CG-K8S-021,CG-K8S-022,CG-K8S-023",
        ],
        &[],
    );
    let mut got: Vec<(String, String, String, u64, String)> = finding_values(&report)
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["resource"]["address"].as_str().unwrap().to_string(),
                f["attribute_path"].as_str().unwrap_or("").to_string(),
                f["location"]["start_line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    let deployment = "k8s/apps/v1/Deployment/default/sbc/spec.template.spec";
    let pod = "k8s/v1/Pod/default/unplaced/spec";
    let expected: Vec<(String, String, String, u64, String)> = [
        (
            "CG-K8S-021",
            deployment,
            "containers[0].ports[1].hostPort",
            22,
            "Container binds a port of its node: k8s/apps/v1/Deployment/default/sbc/spec.template.spec (containers[0].ports[1]: sbc/sip).",
        ),
        (
            "CG-K8S-021",
            deployment,
            "containers[1].ports[0].hostPort",
            28,
            "Container binds a port of its node: k8s/apps/v1/Deployment/default/sbc/spec.template.spec (containers[1].ports[0]: sidecar).",
        ),
        (
            "CG-K8S-022",
            deployment,
            "containers[0]",
            14,
            "Container runs as a user id below 10000: k8s/apps/v1/Deployment/default/sbc/spec.template.spec (containers[0]: sbc).",
        ),
        (
            "CG-K8S-022",
            pod,
            "containers[0].securityContext.runAsUser",
            39,
            "Container runs as a user id below 10000: k8s/v1/Pod/default/unplaced/spec (containers[0]: unplaced).",
        ),
        (
            "CG-K8S-023",
            deployment,
            "workload.namespace",
            5,
            "Workload is in the default namespace: k8s/apps/v1/Deployment/default/sbc/spec.template.spec.",
        ),
    ]
    .iter()
    .map(|(rule, address, path, line, message)| {
        (
            rule.to_string(),
            address.to_string(),
            path.to_string(),
            *line,
            message.to_string(),
        )
    })
    .collect();
    assert_eq!(got, expected);
}
