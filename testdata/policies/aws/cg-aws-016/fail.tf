resource "aws_db_instance" "reporting" {
  identifier          = "reporting"
  engine              = "postgres"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  publicly_accessible = true # expect: CG-AWS-016 aws_db_instance.reporting
}

resource "aws_rds_cluster_instance" "analytics" {
  identifier          = "analytics-1"
  cluster_identifier  = "analytics"
  instance_class      = "db.r6g.large"
  engine              = "aurora-mysql"
  publicly_accessible = true # expect: CG-AWS-016 aws_rds_cluster_instance.analytics
}
