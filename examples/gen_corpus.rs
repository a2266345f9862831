//! Generates a large Terraform corpus for benchmarking:
//! `cargo run --release --example gen_corpus -- DIR MODULES FILES_PER_MODULE`.
//! Each file holds a realistic mix of resources (half compliant, half not),
//! including folded children and jsonencode'd IAM policies.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "target/bench-corpus".into()));
    let modules: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let files: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
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
    }
    println!("{} files in {}", modules * (files + 1), dir.display());
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
