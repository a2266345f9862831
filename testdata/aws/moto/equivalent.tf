# The misconfigurations seed.py creates in moto, written as Terraform: the
# live snapshot and this file must give the same rule ids for each pair
# (tests/live_aws.rs).

resource "aws_s3_bucket" "unencrypted" {
  bucket = "cg-unencrypted"
}

resource "aws_s3_bucket" "logs" {
  bucket = "cg-logs"
}

# seed.py blocks public access for the whole account (s3control
# PutPublicAccessBlock): no bucket relies on AWS's default (CG-AWS-063).
resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_security_group" "open" {
  name = "cg-open"
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
  # The allow-all egress rule AWS gives a group made through the API.
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_iam_policy" "admin" {
  name = "cg-admin"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_kms_key" "norotate" {
  description         = "cg-norotate"
  enable_key_rotation = false
}

resource "aws_cloudtrail" "single" {
  name                       = "cg-single"
  s3_bucket_name             = "cg-logs"
  is_multi_region_trail      = false
  enable_log_file_validation = false
}

resource "aws_db_instance" "public" {
  identifier              = "cg-db-public"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  storage_encrypted       = false
  publicly_accessible     = true
  backup_retention_period = 1
}

resource "aws_instance" "imdsv1" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "optional"
  }
  root_block_device {
    encrypted = false
  }
}

resource "aws_sqs_queue" "plain" {
  name                    = "cg-queue-plain"
  sqs_managed_sse_enabled = false
}

resource "aws_cloudwatch_log_group" "short" {
  name              = "cg-short"
  retention_in_days = 7
}
