# Terraform 0.11 (HCL 1) allowed quoted argument names in a block body;
# Terraform 0.12+ rejects them: "Argument names must not be quoted".
resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  tags {
    "Name" = "web"
  }
}
