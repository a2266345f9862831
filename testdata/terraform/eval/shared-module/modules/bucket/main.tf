# One module file, called by two example roots: a finding here belongs to
# each caller, and the two must not share a fingerprint.
variable "name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}
