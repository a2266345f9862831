provider "aws" {
  region = "eu-west-2"
}

provider "aws" {
  alias  = "ireland"
  region = "eu-west-1"
}

resource "aws_s3_bucket" "cdr_archive" {
  bucket = "telco-cdr-archive"
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-2a"
  size              = 100
}

# Not a data store: where it runs is not a residency question.
resource "aws_iam_role" "ci" {
  provider           = aws.ireland
  name               = "ci"
  assume_role_policy = "{}"
}
