# The configuration behind ../plan.json (terraform show -json format 1.2).
resource "aws_kms_key" "cdr" {
  description         = "Call detail records"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "cdr" {
  bucket = "mno-cdr"
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

resource "aws_s3_bucket" "logs" {
  bucket = "mno-logs"
}

resource "aws_security_group" "bastion" {
  name = "bastion"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_instance" "subscribers" {
  identifier          = "subscribers"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  publicly_accessible = true
  storage_encrypted   = true
  kms_key_id          = aws_kms_key.cdr.arn
}
