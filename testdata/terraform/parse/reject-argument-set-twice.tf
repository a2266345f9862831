# HCL: "Attribute redefined": an argument may be set only once.
resource "aws_instance" "web" {
  ami = "ami-12345678"
  ami = "ami-87654321"
}
