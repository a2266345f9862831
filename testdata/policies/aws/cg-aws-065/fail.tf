# Encrypted, but with the AWS managed key aws/rds.
resource "aws_db_instance" "ticketing" {
  identifier        = "ticketing"
  engine            = "mysql"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
  storage_encrypted = true # expect: CG-AWS-065 aws_db_instance.ticketing
}

# The AWS managed key named by its alias.
resource "aws_db_instance" "radius" {
  identifier        = "radius"
  engine            = "postgres"
  instance_class    = "db.t4g.medium"
  allocated_storage = 50
  storage_encrypted = true
  kms_key_id        = "arn:aws:kms:eu-west-2:111122223333:alias/aws/rds" # expect: CG-AWS-065 aws_db_instance.radius
}

resource "aws_rds_cluster" "provisioning" {
  cluster_identifier          = "provisioning"
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = "" # expect: CG-AWS-065 aws_rds_cluster.provisioning
}

# Aurora Serverless v1 is always encrypted, with aws/rds unless a key is named.
resource "aws_rds_cluster" "reporting" { # expect: CG-AWS-065 aws_rds_cluster.reporting
  cluster_identifier          = "reporting"
  engine                      = "aurora-mysql"
  engine_mode                 = "serverless"
  master_username             = "dbadmin"
  manage_master_user_password = true
}

resource "aws_docdb_cluster" "subscriber_profiles" {
  cluster_identifier          = "subscriber-profiles"
  master_username             = "dbadmin"
  manage_master_user_password = true
  storage_encrypted           = true # expect: CG-AWS-065 aws_docdb_cluster.subscriber_profiles
}

# Neptune names its key in kms_key_arn.
resource "aws_neptune_cluster" "topology" {
  cluster_identifier = "network-topology"
  storage_encrypted  = true # expect: CG-AWS-065 aws_neptune_cluster.topology
}
