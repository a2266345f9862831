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
