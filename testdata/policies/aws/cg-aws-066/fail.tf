# Unset: IAM authentication is off.
resource "aws_db_instance" "ticketing" { # expect: CG-AWS-066 aws_db_instance.ticketing
  identifier        = "ticketing"
  engine            = "mysql"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
}

resource "aws_db_instance" "radius" {
  identifier                          = "radius"
  engine                              = "postgres"
  instance_class                      = "db.t4g.medium"
  allocated_storage                   = 50
  iam_database_authentication_enabled = false # expect: CG-AWS-066 aws_db_instance.radius
}

resource "aws_db_instance" "number_ports" { # expect: CG-AWS-066 aws_db_instance.number_ports
  identifier        = "number-ports"
  engine            = "mariadb"
  engine_version    = "10.11"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
}

# A read replica that names its engine has its own setting.
resource "aws_db_instance" "radius_replica" { # expect: CG-AWS-066 aws_db_instance.radius_replica
  identifier          = "radius-replica"
  engine              = "postgres"
  replicate_source_db = aws_db_instance.radius.identifier
  instance_class      = "db.t4g.medium"
}

resource "aws_rds_cluster" "provisioning" { # expect: CG-AWS-066 aws_rds_cluster.provisioning
  cluster_identifier          = "provisioning"
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
}

resource "aws_rds_cluster" "charging" { # expect: CG-AWS-066 aws_rds_cluster.charging
  cluster_identifier          = "charging"
  engine                      = "aurora-mysql"
  engine_mode                 = "provisioned"
  master_username             = "dbadmin"
  manage_master_user_password = true
}

# Multi-AZ DB cluster.
resource "aws_rds_cluster" "mediation" {
  cluster_identifier                  = "mediation"
  engine                              = "mysql"
  db_cluster_instance_class           = "db.r6gd.large"
  storage_type                        = "io1"
  allocated_storage                   = 100
  iops                                = 1000
  master_username                     = "dbadmin"
  manage_master_user_password         = true
  iam_database_authentication_enabled = false # expect: CG-AWS-066 aws_rds_cluster.mediation
}

# No engine: the provider's default before version 5 was aurora (Aurora MySQL 1).
resource "aws_rds_cluster" "legacy" { # expect: CG-AWS-066 aws_rds_cluster.legacy
  cluster_identifier          = "legacy"
  master_username             = "dbadmin"
  manage_master_user_password = true
}

resource "aws_neptune_cluster" "topology" { # expect: CG-AWS-066 aws_neptune_cluster.topology
  cluster_identifier = "network-topology"
  storage_encrypted  = true
}
