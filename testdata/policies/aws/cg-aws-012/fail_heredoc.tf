resource "aws_iam_policy" "ops_admin" { # expect: CG-AWS-012 aws_iam_policy.ops_admin
  name        = "ops-admin"
  description = "Full access for the operations team"
  policy      = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadLogs",
      "Effect": "Allow",
      "Action": ["logs:GetLogEvents"],
      "Resource": "*"
    },
    {
      "Sid": "Everything",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}
EOT
}

resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "codebuild.amazonaws.com" }
    }]
  })
}

# Statement as a single object rather than a list.
resource "aws_iam_role_policy" "deployer_admin" { # expect: CG-AWS-012 aws_iam_role_policy.deployer_admin
  name   = "deployer-admin"
  role   = aws_iam_role.deployer.id
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": {
        "Effect": "Allow",
        "Action": ["*"],
        "Resource": ["*"]
      }
    }
  EOT
}
