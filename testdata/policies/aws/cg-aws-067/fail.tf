# Unset: nothing is exported.
resource "aws_db_instance" "ticketing" { # expect: CG-AWS-067 aws_db_instance.ticketing
  identifier        = "ticketing"
  engine            = "mysql"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
}

# MariaDB: the audit log is missing.
resource "aws_db_instance" "number_ports" {
  identifier                      = "number-ports"
  engine                          = "mariadb"
  instance_class                  = "db.t4g.medium"
  allocated_storage               = 50
  enabled_cloudwatch_logs_exports = ["error", "slowquery"] # expect: CG-AWS-067 aws_db_instance.number_ports
}

resource "aws_db_instance" "radius" {
  identifier                      = "radius"
  engine                          = "postgres"
  instance_class                  = "db.t4g.medium"
  allocated_storage               = 50
  enabled_cloudwatch_logs_exports = ["upgrade"] # expect: CG-AWS-067 aws_db_instance.radius
}

# Oracle: the alert log is missing.
resource "aws_db_instance" "billing" {
  identifier                      = "billing"
  engine                          = "oracle-se2"
  license_model                   = "license-included"
  instance_class                  = "db.m6i.large"
  allocated_storage               = 100
  enabled_cloudwatch_logs_exports = ["audit", "listener"] # expect: CG-AWS-067 aws_db_instance.billing
}

resource "aws_db_instance" "crm" {
  identifier                      = "crm"
  engine                          = "sqlserver-se"
  license_model                   = "license-included"
  instance_class                  = "db.m6i.large"
  allocated_storage               = 100
  enabled_cloudwatch_logs_exports = ["agent"] # expect: CG-AWS-067 aws_db_instance.crm
}

# A read replica that names its engine has its own exports.
resource "aws_db_instance" "ticketing_replica" { # expect: CG-AWS-067 aws_db_instance.ticketing_replica
  identifier          = "ticketing-replica"
  engine              = "mysql"
  replicate_source_db = aws_db_instance.ticketing.identifier
  instance_class      = "db.t4g.medium"
}

resource "aws_rds_cluster" "charging" {
  cluster_identifier              = "charging"
  engine                          = "aurora-mysql"
  master_username                 = "dbadmin"
  manage_master_user_password     = true
  enabled_cloudwatch_logs_exports = ["audit", "slowquery"] # expect: CG-AWS-067 aws_rds_cluster.charging
}

resource "aws_rds_cluster" "provisioning" { # expect: CG-AWS-067 aws_rds_cluster.provisioning
  cluster_identifier          = "provisioning"
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
}

# Multi-AZ DB cluster of MySQL: the error log.
resource "aws_rds_cluster" "mediation" {
  cluster_identifier              = "mediation"
  engine                          = "mysql"
  db_cluster_instance_class       = "db.r6gd.large"
  storage_type                    = "io1"
  allocated_storage               = 100
  iops                            = 1000
  master_username                 = "dbadmin"
  manage_master_user_password     = true
  enabled_cloudwatch_logs_exports = ["slowquery"] # expect: CG-AWS-067 aws_rds_cluster.mediation
}

# No engine: the provider's default before version 5 was aurora (Aurora MySQL 1).
resource "aws_rds_cluster" "legacy" { # expect: CG-AWS-067 aws_rds_cluster.legacy
  cluster_identifier          = "legacy"
  master_username             = "dbadmin"
  manage_master_user_password = true
}

resource "aws_docdb_cluster" "subscriber_profiles" {
  cluster_identifier              = "subscriber-profiles"
  master_username                 = "dbadmin"
  manage_master_user_password     = true
  enabled_cloudwatch_logs_exports = ["profiler"] # expect: CG-AWS-067 aws_docdb_cluster.subscriber_profiles
}

resource "aws_neptune_cluster" "topology" { # expect: CG-AWS-067 aws_neptune_cluster.topology
  cluster_identifier = "network-topology"
  storage_encrypted  = true
}
