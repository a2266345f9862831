resource "aws_db_instance" "ticketing" { # expect: CG-AWS-015 aws_db_instance.ticketing
  identifier        = "ticketing"
  engine            = "mysql"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
}

resource "aws_db_instance" "radius" {
  identifier        = "radius"
  engine            = "postgres"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
  storage_encrypted = false # expect: CG-AWS-015 aws_db_instance.radius
}

resource "aws_rds_cluster" "provisioning" { # expect: CG-AWS-015 aws_rds_cluster.provisioning
  cluster_identifier          = "provisioning"
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
}

# DocumentDB and Neptune clusters are unencrypted unless storage_encrypted is set.
resource "aws_docdb_cluster" "subscriber_profiles" { # expect: CG-AWS-015 aws_docdb_cluster.subscriber_profiles
  cluster_identifier          = "subscriber-profiles"
  engine                      = "docdb"
  master_username             = "dbadmin"
  manage_master_user_password = true
}

resource "aws_docdb_cluster" "cdr_archive" {
  cluster_identifier          = "cdr-archive"
  master_username             = "dbadmin"
  manage_master_user_password = true
  storage_encrypted           = false # expect: CG-AWS-015 aws_docdb_cluster.cdr_archive
}

resource "aws_neptune_cluster" "topology" { # expect: CG-AWS-015 aws_neptune_cluster.topology
  cluster_identifier                  = "network-topology"
  engine                              = "neptune"
  iam_database_authentication_enabled = true
}
