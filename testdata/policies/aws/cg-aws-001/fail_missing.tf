resource "aws_s3_bucket" "probe_captures" { # expect: CG-AWS-001 aws_s3_bucket.probe_captures
  bucket = "acme-telco-probe-captures"

  tags = {
    team = "core-network"
  }
}
