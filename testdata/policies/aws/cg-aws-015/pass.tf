resource "aws_db_instance" "oss_inventory" {
  identifier        = "oss-inventory"
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 100
  storage_encrypted = true
}

# Read replica: encryption follows the source instance.
resource "aws_db_instance" "oss_inventory_replica" {
  identifier          = "oss-inventory-replica"
  replicate_source_db = aws_db_instance.oss_inventory.identifier
  instance_class      = "db.m6g.large"
}

resource "aws_rds_cluster" "subscriber_db" {
  cluster_identifier          = "subscriber-db"
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
  storage_encrypted           = true
}

# Aurora Serverless v1 is always encrypted.
resource "aws_rds_cluster" "reporting" {
  cluster_identifier          = "reporting"
  engine                      = "aurora-mysql"
  engine_mode                 = "serverless"
  master_username             = "dbadmin"
  manage_master_user_password = true
}

resource "aws_docdb_cluster" "subscriber_profiles" {
  cluster_identifier          = "subscriber-profiles"
  engine                      = "docdb"
  master_username             = "dbadmin"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.docdb.arn
}

resource "aws_kms_key" "docdb" {
  description         = "DocumentDB storage"
  enable_key_rotation = true
}

resource "aws_neptune_cluster" "topology" {
  cluster_identifier = "network-topology"
  storage_encrypted  = true
}
