resource "aws_db_instance" "oss_inventory" {
  identifier                          = "oss-inventory"
  engine                              = "postgres"
  instance_class                      = "db.m6g.large"
  allocated_storage                   = 100
  iam_database_authentication_enabled = true
}

# Read replica without an engine: the source's engine is not known here.
resource "aws_db_instance" "oss_inventory_replica" {
  identifier          = "oss-inventory-replica"
  replicate_source_db = aws_db_instance.oss_inventory.identifier
  instance_class      = "db.m6g.large"
}

# Engines without IAM database authentication.
resource "aws_db_instance" "billing" {
  identifier        = "billing"
  engine            = "oracle-ee"
  license_model     = "bring-your-own-license"
  instance_class    = "db.m6i.large"
  allocated_storage = 100
}

resource "aws_db_instance" "crm" {
  identifier        = "crm"
  engine            = "sqlserver-se"
  license_model     = "license-included"
  instance_class    = "db.m6i.large"
  allocated_storage = 100
}

resource "aws_db_instance" "warehouse" {
  identifier        = "warehouse"
  engine            = "db2-se"
  instance_class    = "db.m6i.large"
  allocated_storage = 100
}

# MariaDB before 10.6 does not support it.
resource "aws_db_instance" "number_ports_old" {
  identifier        = "number-ports-old"
  engine            = "mariadb"
  engine_version    = "10.5.27"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
}

resource "aws_rds_cluster" "subscriber_db" {
  cluster_identifier                  = "subscriber-db"
  engine                              = "aurora-postgresql"
  master_username                     = "dbadmin"
  manage_master_user_password         = true
  iam_database_authentication_enabled = true
}

# Aurora Serverless v1 does not support it.
resource "aws_rds_cluster" "reporting" {
  cluster_identifier          = "reporting"
  engine                      = "aurora-mysql"
  engine_mode                 = "serverless"
  master_username             = "dbadmin"
  manage_master_user_password = true
}

resource "aws_neptune_cluster" "topology" {
  cluster_identifier                  = "network-topology"
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
}

# DocumentDB: Terraform has no argument for IAM authentication.
resource "aws_docdb_cluster" "subscriber_profiles" {
  cluster_identifier          = "subscriber-profiles"
  master_username             = "dbadmin"
  manage_master_user_password = true
  storage_encrypted           = true
}
