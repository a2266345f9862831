resource "aws_s3_bucket" "no_policy" { # expect: CG-AWS-018 aws_s3_bucket.no_policy
  bucket = "acme-telco-field-photos"
}

resource "aws_s3_bucket" "allow_only" {
  bucket = "acme-telco-firmware"
}

resource "aws_s3_bucket_policy" "allow_only" {
  bucket = aws_s3_bucket.allow_only.id
  policy = jsonencode({ # expect: CG-AWS-018 aws_s3_bucket.allow_only
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/firmware-publisher" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::acme-telco-firmware/*"
    }]
  })
}

# The condition is the wrong way round: it denies requests that do use TLS.
resource "aws_s3_bucket" "inverted" {
  bucket = "acme-telco-inverted"
}

resource "aws_s3_bucket_policy" "inverted" {
  bucket = aws_s3_bucket.inverted.id
  policy = jsonencode({ # expect: CG-AWS-018 aws_s3_bucket.inverted
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::acme-telco-inverted/*"
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}

# Only one action is denied over plain HTTP: reads are still allowed.
resource "aws_s3_bucket" "put_only" {
  bucket = "acme-telco-put-only"
}

resource "aws_s3_bucket_policy" "put_only" {
  bucket = aws_s3_bucket.put_only.id
  policy = jsonencode({ # expect: CG-AWS-018 aws_s3_bucket.put_only
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::acme-telco-put-only/*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
