# The secure counterpart of ../insecure: the same estate, configured so that
# every built-in policy passes.

resource "aws_kms_key" "cdr" {
  description         = "Call detail records"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "cdr" {
  bucket = "mno-prod-cdr"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "cdr" {
  bucket = aws_s3_bucket.cdr.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.cdr.arn
    }
  }
}

resource "aws_s3_bucket_versioning" "cdr" {
  bucket = aws_s3_bucket.cdr.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_logging" "cdr" {
  bucket        = aws_s3_bucket.cdr.id
  target_bucket = "mno-prod-access-logs"
  target_prefix = "cdr/"
}

# Only TLS connections may reach the records.
resource "aws_s3_bucket_policy" "cdr" {
  bucket = aws_s3_bucket.cdr.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::mno-prod-cdr", "arn:aws:s3:::mno-prod-cdr/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket_public_access_block" "cdr" {
  bucket                  = aws_s3_bucket.cdr.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_cloudtrail" "core" {
  name                       = "mno-prod-trail"
  s3_bucket_name             = "mno-prod-trail-logs"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.cdr.arn
}

resource "aws_cloudwatch_log_group" "signalling" {
  name              = "/mno/signalling"
  retention_in_days = 400
  kms_key_id        = aws_kms_key.cdr.arn
}

resource "aws_security_group" "oss_bastion" {
  name        = "oss-bastion"
  description = "OSS/BSS jump host, reachable from the management network only"

  ingress {
    description = "SSH from the management network"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.20.0.0/16"]
  }
}

resource "aws_instance" "bastion" {
  ami                    = "ami-0c1a7f89451184c8b"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.oss_bastion.id]

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted  = true
    kms_key_id = aws_kms_key.cdr.arn
  }
}

resource "aws_db_instance" "subscribers" {
  identifier          = "mno-prod-subscribers"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 100
  publicly_accessible = false
  storage_encrypted       = true
  kms_key_id              = aws_kms_key.cdr.arn
  backup_retention_period = 14
  deletion_protection     = true

  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
}

resource "aws_iam_policy" "ops_read" {
  name = "ops-read"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["cloudwatch:GetMetricData", "logs:FilterLogEvents"]
      Resource = "*"
    }]
  })
}

resource "aws_lb_listener" "portal" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/app/portal/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:eu-west-2:111122223333:certificate/2b7e3c1a-0f4d-4c52-9d0e-6a1f0c3b9e11"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:targetgroup/portal/73e2d6bc24d8a067"
  }
}

provider "aws" {
  region = "eu-west-2"
}
