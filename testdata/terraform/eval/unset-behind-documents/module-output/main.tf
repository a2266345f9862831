# An input nobody gave, behind a module output.
variable "action" {}
module "m" {
  source = "./m"
  action = var.action
}
resource "aws_iam_policy" "root" {
  name   = "root"
  policy = module.m.doc
}
