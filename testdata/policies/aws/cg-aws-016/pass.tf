resource "aws_db_instance" "oss_inventory" {
  identifier          = "oss-inventory"
  engine              = "postgres"
  instance_class      = "db.m6g.large"
  allocated_storage   = 100
  publicly_accessible = false
}

# Unset: the provider default is false.
resource "aws_db_instance" "ticketing" {
  identifier        = "ticketing"
  engine            = "mysql"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
}

resource "aws_rds_cluster_instance" "subscriber_db" {
  identifier          = "subscriber-db-1"
  cluster_identifier  = "subscriber-db"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = false
}
