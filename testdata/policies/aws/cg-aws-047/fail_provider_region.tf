provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "london"
  region = "eu-west-2"
}

resource "aws_s3_bucket" "cdr_archive" { # expect: CG-AWS-047 aws_s3_bucket.cdr_archive
  bucket = "telco-cdr-archive"
}

resource "aws_db_instance" "subscribers" { # expect: CG-AWS-047 aws_db_instance.subscribers
  engine         = "postgres"
  instance_class = "db.t3.micro"
}

# Its own region wins over the provider's.
resource "aws_sqs_queue" "events" {
  name   = "events"
  region = "us-east-1" # expect: CG-AWS-047 aws_sqs_queue.events
}

# In London through its aliased provider.
resource "aws_dynamodb_table" "sessions" {
  provider     = aws.london
  name         = "sessions"
  hash_key     = "id"
  billing_mode = "PAY_PER_REQUEST"
}
