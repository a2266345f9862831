# No policy: the default key policy trusts only the owning account.
resource "aws_kms_key" "default_policy" {
  description         = "EBS encryption"
  enable_key_rotation = true
}

resource "aws_kms_key" "cdr" {
  description         = "Call detail records"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministration"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "OrganisationUse"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["kms:Decrypt", "kms:DescribeKey"]
        Resource  = "*"
        Condition = {
          StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" }
        }
      },
      {
        Sid       = "DenyEveryoneElse"
        Effect    = "Deny"
        Principal = "*"
        Action    = "kms:ScheduleKeyDeletion"
        Resource  = "*"
      }
    ]
  })
}
