variable "storage_encrypted" {
  type    = bool
  default = true
}

resource "aws_rds_cluster" "this" {
  cluster_identifier          = "ledger"
  engine                      = "aurora-postgresql"
  manage_master_user_password = true
  master_username             = "ledger"
  storage_encrypted           = var.storage_encrypted
}
