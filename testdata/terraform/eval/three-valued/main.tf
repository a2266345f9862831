# Results a known part decides, beside values known only after apply.

variable "log_level" {
  type = string
}

variable "block_public" {
  type = bool
}

# A literal password beside a variable without a value: whatever the
# variable turns out to be, the password is in the code (CG-AWS-037 fails).
resource "aws_lambda_function" "billing" {
  function_name = "billing"
  role          = "arn:aws:iam::111111111111:role/billing"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "billing.zip"

  environment {
    variables = {
      DB_PASSWORD = "hunter2-literal"
      LOG_LEVEL   = var.log_level
    }
  }
}

# Only the variable: nothing decides it (unknown).
resource "aws_lambda_function" "reports" {
  function_name = "reports"
  role          = "arn:aws:iam::111111111111:role/reports"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "reports.zip"

  environment {
    variables = {
      LOG_LEVEL = var.log_level
    }
  }
}

# The trail's bucket blocks public access as a variable says: whether it is
# private is known only after apply (CG-AWS-039 unknown, not failing).
resource "aws_cloudtrail" "audit" {
  name                       = "audit"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}

resource "aws_s3_bucket" "trail" {
  bucket = "audit-trail"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "trail" {
  bucket                  = aws_s3_bucket.trail.id
  block_public_acls       = var.block_public
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Only the subnets are known after apply; the endpoint settings are unset,
# and their defaults are public to 0.0.0.0/0: a finding (CG-AWS-028), not
# unknown because something else in `vpc_config` is.
resource "aws_subnet" "a" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.1.0/24"
}

resource "aws_eks_cluster" "core" {
  name     = "core"
  role_arn = "arn:aws:iam::111111111111:role/eks"

  vpc_config {
    subnet_ids = [aws_subnet.a.id]
  }
}
