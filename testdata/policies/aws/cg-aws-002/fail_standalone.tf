variable "bucket_name" {
  type = string
}

resource "aws_s3_bucket_public_access_block" "shared" { # expect: CG-AWS-002 aws_s3_bucket_public_access_block.shared
  bucket = var.bucket_name

  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_account_public_access_block" "account" { # expect: CG-AWS-002 aws_s3_account_public_access_block.account
  block_public_acls  = true
  ignore_public_acls = true
}
