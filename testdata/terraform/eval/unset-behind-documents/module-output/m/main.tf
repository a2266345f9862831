variable "action" {}
output "doc" {
  value = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = [var.action], Resource = "*" }]
  })
}
resource "aws_iam_policy" "inner" {
  name   = "inner"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = [var.action], Resource = "*" }]
  })
}
