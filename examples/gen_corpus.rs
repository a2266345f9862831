//! Generates a large Terraform and Kubernetes corpus for benchmarking:
//! `cargo run --release --example gen_corpus -- DIR MODULES FILES_PER_MODULE [MANIFESTS_PER_MODULE]`.
//! Each .tf file holds a realistic mix of resources (half compliant, half
//! not), including folded children and jsonencode'd IAM policies; each
//! manifest (under `k8s/`) a multi-document stream of workloads, Services,
//! NetworkPolicies and RBAC objects.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "target/bench-corpus".into()));
    let modules: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let files: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let manifests: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    for m in 0..modules {
        let module = dir.join(format!("module{m:04}"));
        std::fs::create_dir_all(&module)?;
        std::fs::write(
            module.join("variables.tf"),
            "variable \"env\" { default = \"prod\" }\nlocals { prefix = \"mno-${var.env}\" }\n",
        )?;
        for f in 0..files {
            std::fs::write(module.join(format!("file{f:03}.tf")), file(m, f))?;
        }
        if manifests > 0 {
            std::fs::create_dir_all(module.join("k8s"))?;
        }
        for f in 0..manifests {
            std::fs::write(
                module.join("k8s").join(format!("app{f:03}.yaml")),
                manifest(m, f),
            )?;
        }
    }
    println!(
        "{} files in {}",
        modules * (files + 1 + manifests),
        dir.display()
    );
    Ok(())
}

fn file(m: usize, f: usize) -> String {
    let mut text = String::new();
    for r in 0..5 {
        let id = format!("m{m}_f{f}_r{r}");
        let good = (m + f + r).is_multiple_of(2);
        let _ = write!(
            text,
            r#"
resource "aws_s3_bucket" "{id}" {{
  bucket = "${{local.prefix}}-{id}"
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "{id}" {{
  bucket = aws_s3_bucket.{id}.id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm = "{sse}"
    }}
  }}
}}

resource "aws_security_group" "{id}" {{
  name = "{id}"
  ingress {{
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["{cidr}"]
  }}
}}

resource "aws_kms_key" "{id}" {{
  description         = "key {id}"
  enable_key_rotation = {good}
}}

resource "aws_iam_policy" "{id}" {{
  name = "{id}"
  policy = jsonencode({{
    Version   = "2012-10-17"
    Statement = [{{ Effect = "Allow", Action = "{action}", Resource = "*" }}]
  }})
}}
"#,
            sse = if good { "aws:kms" } else { "AES256" },
            cidr = if good { "10.0.0.0/8" } else { "0.0.0.0/0" },
            action = if good { "s3:GetObject" } else { "*" },
        );
    }
    text
}

/// Five workloads of different kinds with a Service each, a NetworkPolicy
/// for half of the namespaces, and a Role with its binding.
fn manifest(m: usize, f: usize) -> String {
    let namespace = format!("ns{m}-{f}");
    let mut text = String::new();
    let kinds = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"];
    for (w, kind) in kinds.iter().enumerate() {
        let good = (m + f + w).is_multiple_of(2);
        let name = format!("app{w}");
        let api = if kind.ends_with("Job") {
            "batch/v1"
        } else {
            "apps/v1"
        };
        let pod = format!(
            r#"      metadata:
        labels: {{app: {name}}}
      spec:
        serviceAccountName: {name}
        securityContext: {{runAsNonRoot: {good}, runAsUser: {uid}, seccompProfile: {{type: RuntimeDefault}}}}
        containers:
          - name: {name}
            image: registry.example/{name}{image}
            env:
              - {{name: LOG_LEVEL, value: info}}
              - {{name: DB_PASSWORD, {secret}}}
            securityContext:
              privileged: {privileged}
              allowPrivilegeEscalation: false
              readOnlyRootFilesystem: true
              capabilities: {{drop: [ALL]}}
            resources:
              limits: {{cpu: 500m, memory: 256Mi}}
"#,
            uid = if good { 10001 } else { 0 },
            image = if good {
                "@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
            } else {
                ":latest"
            },
            secret = if good {
                "valueFrom: {secretKeyRef: {name: db, key: password}}"
            } else {
                "value: hunter2-not-a-real-one"
            },
            privileged = !good,
        );
        let spec = match *kind {
            "CronJob" => format!(
                "spec:\n  schedule: \"0 * * * *\"\n  jobTemplate:\n    spec:\n      template:\n{}",
                indent(&pod, 4)
            ),
            _ => format!("spec:\n  template:\n{pod}"),
        };
        let _ = write!(
            text,
            "---\napiVersion: {api}\nkind: {kind}\nmetadata: {{name: {name}, namespace: {namespace}}}\n{spec}---\napiVersion: v1\nkind: Service\nmetadata: {{name: {name}, namespace: {namespace}}}\nspec:\n  type: {svc}\n  selector: {{app: {name}}}\n  ports: [{{port: {port}}}]\n",
            svc = if good { "ClusterIP" } else { "NodePort" },
            port = if good { 8080 } else { 22 },
        );
    }
    if (m + f).is_multiple_of(2) {
        let _ = write!(
            text,
            "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: deny, namespace: {namespace}}}\nspec:\n  podSelector: {{}}\n  policyTypes: [Ingress]\n"
        );
    }
    let _ = write!(
        text,
        "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {{name: ops, namespace: {namespace}}}\nrules:\n  - {{apiGroups: [\"\"], resources: [pods], verbs: [get, list]}}\n  - {{apiGroups: [apps], resources: [deployments], verbs: [\"{verb}\"]}}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {{name: ops, namespace: {namespace}}}\nroleRef: {{apiGroup: rbac.authorization.k8s.io, kind: Role, name: ops}}\nsubjects: [{{kind: ServiceAccount, name: app0}}]\n",
        verb = if f.is_multiple_of(2) { "get" } else { "*" },
    );
    text
}

fn indent(text: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    text.lines().map(|line| format!("{pad}{line}\n")).collect()
}
