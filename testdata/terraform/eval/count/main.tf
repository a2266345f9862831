# Two replicas from count; the second is public.
resource "aws_db_instance" "replica" {
  count               = 2
  identifier          = "replica-${count.index}"
  publicly_accessible = count.index == 1
  storage_encrypted   = true
}

# A count that is not known before apply: one instance, still checked for
# what is literal.
resource "aws_kms_key" "per_tenant" {
  count               = length(var.tenants)
  enable_key_rotation = false
}

variable "tenants" {}
