rds_encrypted = true
