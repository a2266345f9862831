# Staging saves money here.
rds_encrypted = false
