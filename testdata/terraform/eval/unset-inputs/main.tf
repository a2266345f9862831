# A source CIDR nobody gave: SSH may be open to the world, so unknown, never
# a pass (the list holds one value that may be "0.0.0.0/0").
variable "admin_cidr" {
  type = string
}

resource "aws_security_group" "direct" {
  name = "direct"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}

# The same input passed through a module.
module "sg" {
  source = "./modules/sg"
  cidr   = var.admin_cidr
}

# A value computed by another resource is not an input: an ARN is never "",
# so the trail's key is configured (a pass).
resource "aws_kms_key" "trail" {}

resource "aws_cloudtrail" "audit" {
  name           = "audit"
  s3_bucket_name = "audit-logs"
  kms_key_id     = aws_kms_key.trail.arn
}
