resource "aws_iam_account_password_policy" "no_reuse" {
  minimum_password_length = 16
  password_reuse_prevention = 3 # expect: CG-AWS-042 aws_iam_account_password_policy.no_reuse
}
