# Reading or sharing every data store with no condition.
resource "aws_iam_policy" "reader" {
  name = "reader"
  policy = jsonencode({ # expect: CG-AWS-055 aws_iam_policy.reader
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy" "s3_everything" {
  name = "s3-everything"
  role = "etl"
  policy = jsonencode({ # expect: CG-AWS-055 aws_iam_role_policy.s3_everything
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:*"
      Resource = "*"
    }]
  })
}

data "aws_iam_policy_document" "snapshot_sharer" {
  statement {
    actions   = ["ec2:ModifySnapshotAttribute"]
    resources = ["*"]
  }
}

resource "aws_iam_group_policy" "snapshot_sharer" {
  name   = "snapshot-sharer"
  group  = "backup-operators"
  policy = data.aws_iam_policy_document.snapshot_sharer.json # expect: CG-AWS-055 aws_iam_group_policy.snapshot_sharer
}
