resource "aws_db_instance" "oss_inventory" {
  identifier              = "oss-inventory"
  engine                  = "postgres"
  instance_class          = "db.m6g.large"
  allocated_storage       = 100
  storage_encrypted       = true
  backup_retention_period = 14
  deletion_protection     = true
}

# Read replica: backups are taken from the source.
resource "aws_db_instance" "oss_inventory_replica" {
  identifier          = "oss-inventory-replica"
  replicate_source_db = aws_db_instance.oss_inventory.identifier
  instance_class      = "db.m6g.large"
}

# Restored from a snapshot: retention is inherited and cannot be judged.
resource "aws_db_instance" "restored" {
  identifier          = "billing-restored"
  snapshot_identifier = "billing-2024-06-01"
  instance_class      = "db.m6g.large"
  deletion_protection = true
}

resource "aws_rds_cluster" "subscriber_db" {
  cluster_identifier          = "subscriber-db"
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 35
  deletion_protection         = true
}

resource "aws_docdb_cluster" "subscriber_profiles" {
  cluster_identifier          = "subscriber-profiles"
  engine                      = "docdb"
  master_username             = "dbadmin"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 14
  deletion_protection         = true
}

# Restored from a snapshot: retention is inherited and cannot be judged.
resource "aws_neptune_cluster" "topology" {
  cluster_identifier  = "network-topology"
  snapshot_identifier = "network-topology-2024-06-01"
  storage_encrypted   = true
  deletion_protection = true
}
