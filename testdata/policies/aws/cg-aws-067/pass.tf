resource "aws_db_instance" "ticketing" {
  identifier                      = "ticketing"
  engine                          = "mysql"
  instance_class                  = "db.t4g.medium"
  allocated_storage               = 50
  enabled_cloudwatch_logs_exports = ["audit", "error", "slowquery"]
}

resource "aws_db_instance" "number_ports" {
  identifier                      = "number-ports"
  engine                          = "mariadb"
  instance_class                  = "db.t4g.medium"
  allocated_storage               = 50
  enabled_cloudwatch_logs_exports = ["error", "audit"]
}

resource "aws_db_instance" "radius" {
  identifier                      = "radius"
  engine                          = "postgres"
  instance_class                  = "db.t4g.medium"
  allocated_storage               = 50
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
}

resource "aws_db_instance" "billing" {
  identifier                      = "billing"
  engine                          = "oracle-ee-cdb"
  license_model                   = "bring-your-own-license"
  instance_class                  = "db.m6i.large"
  allocated_storage               = 100
  enabled_cloudwatch_logs_exports = ["alert", "audit", "listener"]
}

resource "aws_db_instance" "crm" {
  identifier                      = "crm"
  engine                          = "sqlserver-ee"
  license_model                   = "license-included"
  instance_class                  = "db.m6i.large"
  allocated_storage               = 100
  enabled_cloudwatch_logs_exports = ["agent", "error"]
}

# Read replica without an engine: which logs it has is not known here.
resource "aws_db_instance" "ticketing_replica" {
  identifier          = "ticketing-replica"
  replicate_source_db = aws_db_instance.ticketing.identifier
  instance_class      = "db.t4g.medium"
}

# Db2 audit goes to S3 through the DB2_AUDIT option, not CloudWatch Logs.
resource "aws_db_instance" "warehouse" {
  identifier        = "warehouse"
  engine            = "db2-se"
  instance_class    = "db.m6i.large"
  allocated_storage = 100
}

resource "aws_rds_cluster" "charging" {
  cluster_identifier              = "charging"
  engine                          = "aurora-mysql"
  master_username                 = "dbadmin"
  manage_master_user_password     = true
  enabled_cloudwatch_logs_exports = ["audit", "error"]
}

resource "aws_rds_cluster" "provisioning" {
  cluster_identifier              = "provisioning"
  engine                          = "aurora-postgresql"
  master_username                 = "dbadmin"
  manage_master_user_password     = true
  enabled_cloudwatch_logs_exports = ["postgresql"]
}

resource "aws_rds_cluster" "mediation" {
  cluster_identifier              = "mediation"
  engine                          = "mysql"
  db_cluster_instance_class       = "db.r6gd.large"
  storage_type                    = "io1"
  allocated_storage               = 100
  iops                            = 1000
  master_username                 = "dbadmin"
  manage_master_user_password     = true
  enabled_cloudwatch_logs_exports = ["error", "slowquery"]
}

# Aurora Serverless v1 publishes its logs as its parameters say.
resource "aws_rds_cluster" "reporting" {
  cluster_identifier          = "reporting"
  engine                      = "aurora-mysql"
  engine_mode                 = "serverless"
  master_username             = "dbadmin"
  manage_master_user_password = true
}

resource "aws_docdb_cluster" "subscriber_profiles" {
  cluster_identifier              = "subscriber-profiles"
  master_username                 = "dbadmin"
  manage_master_user_password     = true
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
}

resource "aws_neptune_cluster" "topology" {
  cluster_identifier             = "network-topology"
  storage_encrypted              = true
  enable_cloudwatch_logs_exports = ["audit"]
}
