# As terraform-aws-s3-bucket's examples/complete: the encryption settings
# pass through a variable and `try`, with the KMS key a reference (known
# only after apply). `try` must not take its fallback for a value that is
# merely unknown: the bucket is encrypted (no CG-AWS-001 finding).
resource "aws_kms_key" "objects" {
  enable_key_rotation = true
}

module "bucket" {
  source = "./modules/bucket"
  name   = "encrypted-objects"
  server_side_encryption_configuration = {
    rule = {
      apply_server_side_encryption_by_default = {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.objects.arn
      }
    }
  }
}

# The fallback is still taken where the attribute is really absent.
module "plain" {
  source = "./modules/bucket"
  name   = "plain-objects"
}
