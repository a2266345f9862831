# The good file among bad ones: its finding must still be reported.

resource "aws_db_instance" "public" {
  publicly_accessible     = true
  storage_encrypted       = true
  backup_retention_period = 7
  deletion_protection     = true
}
