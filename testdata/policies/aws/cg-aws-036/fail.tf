# Defaults: one day of backups, no deletion protection.
resource "aws_db_instance" "ticketing" { # expect: CG-AWS-036 aws_db_instance.ticketing
  identifier        = "ticketing"
  engine            = "mysql"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
}

resource "aws_db_instance" "no_backups" {
  identifier              = "radius"
  engine                  = "postgres"
  instance_class          = "db.t4g.medium"
  allocated_storage       = 50
  backup_retention_period = 0 # expect: CG-AWS-036 aws_db_instance.no_backups
  deletion_protection     = true
}

resource "aws_rds_cluster" "unprotected" { # expect: CG-AWS-036 aws_rds_cluster.unprotected
  cluster_identifier          = "provisioning"
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
  backup_retention_period     = 7
}

# DocumentDB and Neptune have the same defaults.
resource "aws_docdb_cluster" "subscriber_profiles" { # expect: CG-AWS-036 aws_docdb_cluster.subscriber_profiles
  cluster_identifier          = "subscriber-profiles"
  engine                      = "docdb"
  master_username             = "dbadmin"
  manage_master_user_password = true
  storage_encrypted           = true
}

resource "aws_neptune_cluster" "topology" {
  cluster_identifier      = "network-topology"
  storage_encrypted       = true
  backup_retention_period = 3 # expect: CG-AWS-036 aws_neptune_cluster.topology
  deletion_protection     = true
}
