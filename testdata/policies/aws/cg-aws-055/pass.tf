# Named buckets and tables, a condition, metadata-only actions.
resource "aws_iam_policy" "reader" {
  name = "reader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:GetObjectVersion"]
        Resource = "arn:aws:s3:::cdr-archive/*"
      },
      {
        Effect   = "Allow"
        Action   = ["dynamodb:Query", "dynamodb:GetItem"]
        Resource = "arn:aws:dynamodb:eu-west-2:111122223333:table/subscribers"
      },
      {
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "*"
        Condition = {
          StringEquals = { "aws:ResourceAccount" = "111122223333", "s3:ExistingObjectTag/public" = "true" }
        }
      },
      {
        Effect   = "Allow"
        Action   = ["s3:ListAllMyBuckets", "s3:GetBucketLocation", "dynamodb:ListTables"]
        Resource = "*"
      }
    ]
  })
}
