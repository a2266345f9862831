resource "aws_s3_bucket" "cdr_archive" {
  bucket = "acme-telco-cdr-archive"
}

resource "aws_s3_bucket_policy" "cdr_archive" {
  bucket = aws_s3_bucket.cdr_archive.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::acme-telco-cdr-archive", "arn:aws:s3:::acme-telco-cdr-archive/*"]
        Condition = {
          Bool = { "aws:SecureTransport" = "false" }
        }
      }
    ]
  })
}

# JSON heredoc, BoolIfExists, a boolean false and Principal {"AWS": "*"}.
resource "aws_s3_bucket" "config_backups" {
  bucket = "acme-telco-config-backups"
}

resource "aws_s3_bucket_policy" "config_backups" {
  bucket = "acme-telco-config-backups"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowBackupRole",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:role/backup"},
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::acme-telco-config-backups/*"
    },
    {
      "Sid": "DenyInsecureTransport",
      "Effect": "Deny",
      "Principal": {"AWS": "*"},
      "Action": ["*"],
      "Resource": "arn:aws:s3:::acme-telco-config-backups/*",
      "Condition": {"BoolIfExists": {"aws:SecureTransport": false}}
    }
  ]
}
EOT
}

# Legacy inline policy on the bucket.
resource "aws_s3_bucket" "legacy" {
  bucket = "acme-telco-legacy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::acme-telco-legacy/*"
      Condition = { Bool = { "aws:SecureTransport" = ["false"] } }
    }
  })
}
