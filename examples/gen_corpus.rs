//! Generates a large Terraform and Kubernetes corpus for benchmarking.
//!
//! ```text
//! cargo run --release --example gen_corpus -- DIR --files N
//! cargo run --release --example gen_corpus -- DIR MODULES FILES_PER_MODULE [MANIFESTS_PER_MODULE [AZURE_PER_MODULE]]
//! ```
//!
//! `--files N` writes N files (rounded down to whole modules of 10) in a
//! fixed mix per module: a variables file, 5 AWS files, 2 Azure files and 2
//! Kubernetes manifests. The positional form is the older one (`scripts/bench-modules.sh`
//! numbers in BENCHMARKS.md were measured with it) and writes no Azure files
//! unless asked.
//!
//! Each AWS .tf file holds a realistic mix of resources (half compliant, half
//! not), including folded children and jsonencode'd IAM policies; each Azure
//! file storage accounts with separate network rules, key vaults, network
//! security groups with separate rules and SQL servers with their auditing
//! policy (half compliant); each manifest (under `k8s/`) a multi-document
//! stream of workloads, Services, NetworkPolicies and RBAC objects. The
//! output depends only on the arguments: no clock, no randomness.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Files per module in the `--files` mix.
const MIX: Mix = Mix {
    aws: 5,
    azure: 2,
    manifests: 2,
};

struct Mix {
    aws: usize,
    azure: usize,
    manifests: usize,
}

impl Mix {
    /// Files per module, the variables file included.
    fn files(&self) -> usize {
        1 + self.aws + self.azure + self.manifests
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().map_or("target/bench-corpus", String::as_str));
    let number = |i: usize, default: usize| -> usize {
        args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default)
    };
    let written = if args.get(1).map(String::as_str) == Some("--files") {
        generate(&dir, number(2, 10_000))?
    } else {
        let mix = Mix {
            aws: number(2, 10),
            manifests: number(3, 0),
            azure: number(4, 0),
        };
        write_modules(&dir, number(1, 200), &mix)?
    };
    println!("{written} files in {}", dir.display());
    Ok(())
}

/// The `--files N` tree: `files` rounded down to whole modules of the
/// fixed mix, under `dir`. Returns how many files it wrote. Also used by
/// `benches/stages.rs`.
pub fn generate(dir: &Path, files: usize) -> std::io::Result<usize> {
    write_modules(dir, files / MIX.files(), &MIX)
}

/// Writes `modules` modules of `mix` under `dir`; returns how many files.
fn write_modules(dir: &Path, modules: usize, mix: &Mix) -> std::io::Result<usize> {
    for m in 0..modules {
        let module = dir.join(format!("module{m:04}"));
        std::fs::create_dir_all(&module)?;
        std::fs::write(
            module.join("variables.tf"),
            "variable \"env\" { default = \"prod\" }\nlocals { prefix = \"mno-${var.env}\" }\n",
        )?;
        for f in 0..mix.aws {
            std::fs::write(module.join(format!("file{f:03}.tf")), file(m, f))?;
        }
        for f in 0..mix.azure {
            std::fs::write(module.join(format!("azure{f:03}.tf")), azure(m, f))?;
        }
        if mix.manifests > 0 {
            std::fs::create_dir_all(module.join("k8s"))?;
        }
        for f in 0..mix.manifests {
            std::fs::write(
                module.join("k8s").join(format!("app{f:03}.yaml")),
                manifest(m, f),
            )?;
        }
    }
    Ok(modules * mix.files())
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

/// Two of each: a storage account with separate network rules, a key vault,
/// a network security group with a separate SSH rule, and a SQL server with
/// its auditing policy; half compliant.
fn azure(m: usize, f: usize) -> String {
    let mut text = String::new();
    for r in 0..2 {
        let id = format!("m{m}_az{f}_r{r}");
        let name = format!("m{m}az{f}r{r}");
        let good = (m + f + r).is_multiple_of(2);
        let _ = write!(
            text,
            r#"
resource "azurerm_storage_account" "{id}" {{
  name                            = "st{name}"
  resource_group_name             = "rg-${{var.env}}"
  location                        = "uksouth"
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  https_traffic_only_enabled      = {good}
  min_tls_version                 = "TLS{tls_}"
  allow_nested_items_to_be_public = {public}
}}

resource "azurerm_storage_account_network_rules" "{id}" {{
  storage_account_id = azurerm_storage_account.{id}.id
  default_action     = "{action}"
  bypass             = ["AzureServices"]
}}

resource "azurerm_key_vault" "{id}" {{
  name                       = "kv-{name}"
  location                   = "uksouth"
  resource_group_name        = "rg-${{var.env}}"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  purge_protection_enabled   = {good}
  soft_delete_retention_days = 90
  network_acls {{
    default_action = "{action}"
    bypass         = "AzureServices"
  }}
}}

resource "azurerm_network_security_group" "{id}" {{
  name                = "nsg-{name}"
  location            = "uksouth"
  resource_group_name = "rg-${{var.env}}"
}}

resource "azurerm_network_security_rule" "{id}" {{
  name                        = "ssh"
  resource_group_name         = "rg-${{var.env}}"
  network_security_group_name = azurerm_network_security_group.{id}.name
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "{source}"
  destination_address_prefix  = "VirtualNetwork"
}}

resource "azurerm_mssql_server" "{id}" {{
  name                          = "sql-{name}"
  resource_group_name           = "rg-${{var.env}}"
  location                      = "uksouth"
  version                       = "12.0"
  minimum_tls_version           = "{tls}"
  public_network_access_enabled = {public}
}}

resource "azurerm_mssql_server_extended_auditing_policy" "{id}" {{
  server_id         = azurerm_mssql_server.{id}.id
  retention_in_days = {retention}
}}
"#,
            tls = if good { "1.2" } else { "1.0" },
            tls_ = if good { "1_2" } else { "1_0" },
            public = !good,
            action = if good { "Deny" } else { "Allow" },
            source = if good { "10.10.0.0/26" } else { "*" },
            retention = if good { 400 } else { 30 },
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
