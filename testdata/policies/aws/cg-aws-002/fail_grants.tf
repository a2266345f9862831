# No public access block: AWS's default would block public access on a new
# bucket, but each of these grants it (an older bucket, or the default
# switched off outside this code, makes it public).

# Legacy canned ACL on the bucket itself.
resource "aws_s3_bucket" "legacy_acl" {
  bucket = "acme-telco-coverage-maps"
  acl    = "public-read" # expect: CG-AWS-002 aws_s3_bucket.legacy_acl
}

# Legacy grant to every authenticated AWS user.
resource "aws_s3_bucket" "legacy_grant" {
  bucket = "acme-telco-tariffs"

  grant { # expect: CG-AWS-002 aws_s3_bucket.legacy_grant
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
    permissions = ["READ"]
  }
}

# aws_s3_bucket_acl with a public canned ACL.
resource "aws_s3_bucket" "acl_resource" {
  bucket = "acme-telco-handset-firmware"
}

resource "aws_s3_bucket_acl" "acl_resource" { # expect: CG-AWS-002 aws_s3_bucket.acl_resource
  bucket = aws_s3_bucket.acl_resource.id
  acl    = "public-read-write"
}

# aws_s3_bucket_acl granting AllUsers in an access control policy.
resource "aws_s3_bucket" "acl_grant" {
  bucket = "acme-telco-status-feed"
}

resource "aws_s3_bucket_acl" "acl_grant" { # expect: CG-AWS-002 aws_s3_bucket.acl_grant
  bucket = aws_s3_bucket.acl_grant.id

  access_control_policy {
    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }
  }
}

# A bucket policy allowing anyone, with no condition.
resource "aws_s3_bucket" "open_policy" {
  bucket = "acme-telco-public-downloads"
}

resource "aws_s3_bucket_policy" "open_policy" {
  bucket = aws_s3_bucket.open_policy.id
  policy = jsonencode({ # expect: CG-AWS-002 aws_s3_bucket.open_policy
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-telco-public-downloads/*"
    }]
  })
}

# The legacy policy attribute, Principal {"AWS": "*"}.
resource "aws_s3_bucket" "legacy_policy" {
  bucket = "acme-telco-press-kit"
  policy = jsonencode({ # expect: CG-AWS-002 aws_s3_bucket.legacy_policy
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["s3:GetObject"]
      Resource  = ["arn:aws:s3:::acme-telco-press-kit/*"]
    }]
  })
}
