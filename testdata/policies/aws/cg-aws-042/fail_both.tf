# Both settings fail: the finding points at the first and names both.
resource "aws_iam_account_password_policy" "both" {
  minimum_password_length   = 8 # expect: CG-AWS-042 aws_iam_account_password_policy.both
  password_reuse_prevention = 5
  require_numbers           = false
}
