resource "aws_s3_bucket" "network_configs" {
  bucket = "acme-telco-network-configs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "network_configs" {
  bucket = aws_s3_bucket.network_configs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # expect: CG-AWS-001 aws_s3_bucket.network_configs
    }
  }
}
