resource "aws_iam_account_password_policy" "weak" {
  minimum_password_length   = 8 # expect: CG-AWS-042 aws_iam_account_password_policy.weak
  password_reuse_prevention = 24
}
