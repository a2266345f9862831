# Encryption switched off through terraform.tfvars: one finding, naming the
# variable and the tfvars line that set it.
variable "rds_encrypted" {
  type    = bool
  default = true
}

resource "aws_db_instance" "billing" {
  identifier        = "billing"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 50
  storage_encrypted = var.rds_encrypted
}
