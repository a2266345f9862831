resource "aws_iam_policy" "s3_full" {
  name = "cdr-archive-s3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "s3:*"
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "arn:aws:s3:::acme-telco-cdr-archive/*"
      }
    ]
  })
}

resource "aws_iam_policy" "deny_all_outside_uk" {
  name   = "deny-outside-uk"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Deny",
    "Action": "*",
    "Resource": "*",
    "Condition": {
      "StringNotEquals": { "aws:RequestedRegion": ["eu-west-2", "eu-west-1"] }
    }
  }
}
EOT
}

resource "aws_iam_role" "log_reader" {
  name = "log-reader"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy" "log_reader" {
  name = "log-reader"
  role = aws_iam_role.log_reader.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect   = "Allow"
      Action   = ["logs:GetLogEvents", "logs:FilterLogEvents", "logs:DescribeLogGroups"]
      Resource = ["*"]
    }
  })
}
