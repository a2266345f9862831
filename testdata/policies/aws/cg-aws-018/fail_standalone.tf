variable "bucket_name" {
  type = string
}

# Bucket declared in another stack: the policy is assessed on its own.
resource "aws_s3_bucket_policy" "shared" {
  bucket = var.bucket_name
  policy = jsonencode({ # expect: CG-AWS-018 aws_s3_bucket_policy.shared
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::shared/*"
    }]
  })
}
