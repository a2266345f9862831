resource "aws_kms_key" "rds" {
  description         = "Databases"
  enable_key_rotation = true
}

resource "aws_db_instance" "oss_inventory" {
  identifier        = "oss-inventory"
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 100
  storage_encrypted = true
  kms_key_id        = aws_kms_key.rds.arn
}

# Read replica: its key is the source's, checked there.
resource "aws_db_instance" "oss_inventory_replica" {
  identifier          = "oss-inventory-replica"
  replicate_source_db = aws_db_instance.oss_inventory.identifier
  instance_class      = "db.m6g.large"
  storage_encrypted   = true
}

# Restored from a snapshot: the snapshot's key, which the code does not show.
resource "aws_db_instance" "restored" {
  identifier          = "billing-restored"
  snapshot_identifier = "billing-2024-06-01"
  instance_class      = "db.m6g.large"
  storage_encrypted   = true
}

# Unencrypted: CG-AWS-015 reports it, not this policy.
resource "aws_db_instance" "ticketing" {
  identifier        = "ticketing"
  engine            = "mysql"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
}

resource "aws_rds_cluster" "subscriber_db" {
  cluster_identifier          = "subscriber-db"
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

# Aurora Serverless v1 with a customer managed key.
resource "aws_rds_cluster" "reporting" {
  cluster_identifier          = "reporting"
  engine                      = "aurora-mysql"
  engine_mode                 = "serverless"
  master_username             = "dbadmin"
  manage_master_user_password = true
  kms_key_id                  = aws_kms_key.rds.arn
}

# Read replica cluster: its key comes from the source.
resource "aws_rds_cluster" "provisioning_dr" {
  cluster_identifier            = "provisioning-dr"
  engine                        = "aurora-postgresql"
  replication_source_identifier = "arn:aws:rds:eu-west-1:111122223333:cluster:provisioning"
  storage_encrypted             = true
}

resource "aws_docdb_cluster" "subscriber_profiles" {
  cluster_identifier          = "subscriber-profiles"
  master_username             = "dbadmin"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.rds.arn
}

resource "aws_neptune_cluster" "topology" {
  cluster_identifier = "network-topology"
  storage_encrypted  = true
  kms_key_arn        = aws_kms_key.rds.arn
}
