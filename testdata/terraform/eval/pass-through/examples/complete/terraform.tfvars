storage_encrypted = false
