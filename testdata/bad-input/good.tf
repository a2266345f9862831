# The good file among bad ones: its finding must still be reported.

resource "aws_db_instance" "public" {
  publicly_accessible     = true
  storage_encrypted       = true
  kms_key_id              = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  backup_retention_period = 7
  deletion_protection     = true
}
