# No public access block and nothing that grants public access: AWS blocks
# public access on new buckets by default (CG-AWS-063 names the reliance).
resource "aws_s3_bucket" "field_photos" {
  bucket = "acme-telco-field-photos"
}

# A private canned ACL grants nothing beyond the owner.
resource "aws_s3_bucket" "legacy_private" {
  bucket = "acme-telco-legacy-private"
  acl    = "private"
}

resource "aws_s3_bucket" "log_delivery" {
  bucket = "acme-telco-access-logs"
}

resource "aws_s3_bucket_acl" "log_delivery" {
  bucket = aws_s3_bucket.log_delivery.id
  acl    = "log-delivery-write"
}

# Principal "*" limited by a condition, and a named account.
resource "aws_s3_bucket" "shared" {
  bucket = "acme-telco-partner-exchange"
}

resource "aws_s3_bucket_policy" "shared" {
  bucket = aws_s3_bucket.shared.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::acme-telco-partner-exchange/*"
        Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::444455556666:root" }
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::acme-telco-partner-exchange/*"
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = "arn:aws:s3:::acme-telco-partner-exchange/*"
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}
