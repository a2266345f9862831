resource "aws_kms_key" "open" {
  description = "Shared backup key"
  policy = jsonencode({ # expect: CG-AWS-019 aws_kms_key.open
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = ["kms:Decrypt"]
        Resource  = "*"
      }
    ]
  })
}

# "*" in a list under AWS, with an empty Condition.
resource "aws_kms_key" "open_aws_list" {
  description = "Partner exchange"
  policy = jsonencode({ # expect: CG-AWS-019 aws_kms_key.open_aws_list
    Version = "2012-10-17"
    Statement = {
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::111122223333:root", "*"] }
      Action    = "kms:*"
      Resource  = "*"
      Condition = {}
    }
  })
}

# A Service principal of "*" is as open.
resource "aws_kms_key" "open_service" {
  description = "Queue encryption"
  policy = jsonencode({ # expect: CG-AWS-019 aws_kms_key.open_service
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "*" }
      Action    = "kms:GenerateDataKey"
      Resource  = "*"
    }]
  })
}
