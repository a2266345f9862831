resource "aws_guardduty_detector" "suspended" {
  enable = false # expect: CG-AWS-034 aws_guardduty_detector.suspended
}
