# A deliberately insecure slice of a mobile operator's AWS estate: call
# detail records in S3, an OSS/BSS bastion, signalling logs and a core
# database. Scan it with: copguard scan testdata/examples/insecure

variable "environment" {
  default = "prod"
}

variable "cdr_retention_days" {
  default = 90
}

locals {
  name_prefix = "mno-${var.environment}"
}

resource "aws_kms_key" "cdr" {
  description         = "Call detail records"
  enable_key_rotation = false
}

resource "aws_s3_bucket" "cdr" {
  bucket = "${local.name_prefix}-cdr"
}

# Encrypted, but with S3-managed keys rather than a customer managed KMS key.
resource "aws_s3_bucket_server_side_encryption_configuration" "cdr" {
  bucket = aws_s3_bucket.cdr.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "cdr" {
  bucket                  = aws_s3_bucket.cdr.id
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_cloudtrail" "core" {
  name                       = "${local.name_prefix}-trail"
  s3_bucket_name             = aws_s3_bucket.cdr.id
  is_multi_region_trail      = false
  enable_log_file_validation = false
}

resource "aws_cloudwatch_log_group" "signalling" {
  name              = "/mno/signalling"
  retention_in_days = var.cdr_retention_days
}

resource "aws_security_group" "oss_bastion" {
  name        = "oss-bastion"
  description = "OSS/BSS jump host"

  ingress {
    description = "SSH from anywhere"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "snmp" {
  type              = "ingress"
  security_group_id = aws_security_group.oss_bastion.id
  from_port         = 161
  to_port           = 161
  protocol          = "udp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_instance" "bastion" {
  ami                    = "ami-0c1a7f89451184c8b"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.oss_bastion.id]

  metadata_options {
    http_tokens = "optional"
  }

  root_block_device {
    encrypted = false
  }
}

resource "aws_db_instance" "subscribers" {
  identifier          = "${local.name_prefix}-subscribers"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 100
  publicly_accessible = true
  storage_encrypted   = false
}

resource "aws_iam_policy" "ops_admin" {
  name = "ops-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}

resource "aws_lb_listener" "portal" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:loadbalancer/app/portal/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-2:111122223333:targetgroup/portal/73e2d6bc24d8a067"
  }
}

# Its key is created elsewhere: whether rotation is on is not known here.
resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-2a"
  size              = 50
  encrypted         = var.scratch_encrypted
}

variable "scratch_encrypted" {
  type = bool
}

provider "aws" {
  region = "eu-west-2"
}

# A copy of the signalling logs in Ireland: data held outside the UK, which
# the Code asks a provider to list and decide on (M21.04, M21.05).
provider "aws" {
  alias  = "ireland"
  region = "eu-west-1"
}

resource "aws_cloudwatch_log_group" "signalling_copy" {
  provider          = aws.ireland
  name              = "/mno/signalling-copy"
  retention_in_days = 400
  kms_key_id        = aws_kms_key.cdr.arn
}
