# The example passes its own variable on; the value is written in
# terraform.tfvars, which is where a finding should send the reader.
variable "storage_encrypted" {
  type = bool
}

module "db" {
  source            = "../../modules/db"
  storage_encrypted = var.storage_encrypted
}
