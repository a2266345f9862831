# Outside parentheses, brackets and for expressions newlines end an
# argument or an object item: HCL rejects a line break after an operator
# here, so the recovery must not apply.
locals {
  rule = { port = 20 +
    2 }
}
