# Regressions found by review: each resource here must give no failure.

# A for_each bucket family, linked per instance (review 2.2).
resource "aws_s3_bucket" "data" {
  for_each = toset(["cdr", "billing"])
  bucket   = "mno-${each.key}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  for_each = aws_s3_bucket.data
  bucket   = aws_s3_bucket.data[each.key].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

# A counted VPC whose flow log references it without an index (review 2.2).
resource "aws_vpc" "main" {
  count      = 1
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id       = aws_vpc.main[0].id
  traffic_type = "ALL"
}

# try() over a resource attribute is unknown, not the fallback (review 2.1).
resource "aws_cloudtrail" "core" {
  name       = "core"
  kms_key_id = try(aws_kms_key.trail[0].arn, null)
}

# A default is converted to the declared type (review 3.1).
variable "rotate" {
  type    = bool
  default = "true"
}

resource "aws_kms_key" "k" {
  enable_key_rotation = var.rotate
}
