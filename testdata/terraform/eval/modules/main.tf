# One local module, instantiated twice with different inputs: only the
# "scratch" instance is unencrypted, and its finding points into the module.
module "cdr" {
  source    = "./modules/bucket"
  name      = "mno-cdr"
  algorithm = "aws:kms"
}

module "scratch" {
  source    = "./modules/bucket"
  name      = "mno-scratch"
  algorithm = "AES256"
}

# A registry module that `terraform init` has not downloaded: a note, and
# nothing guessed about its resources.
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"
}

# Outputs of a module flow back: the bucket name is known here.
resource "aws_s3_bucket_versioning" "cdr" {
  bucket = module.cdr.bucket_name
  versioning_configuration {
    status = "Enabled"
  }
}
