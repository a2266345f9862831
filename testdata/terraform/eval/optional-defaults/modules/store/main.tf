variable "settings" {
  type = object({
    encrypted = optional(bool, true)
    zone      = optional(string, "eu-west-2a")
  })
}

variable "storage_encrypted" {
  type     = bool
  default  = true
  nullable = false
}

resource "aws_ebs_volume" "data" {
  availability_zone = var.settings.zone
  size              = 100
  encrypted         = var.settings.encrypted
}

resource "aws_db_instance" "subscribers" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = var.storage_encrypted
}
