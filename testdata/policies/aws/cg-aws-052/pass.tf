# Credentials from variables (with or without a default), references and
# functions are given to the configuration, not written in it; other
# providers' blocks are not this policy's.
variable "access_key" {
  type      = string
  sensitive = true
}

variable "secret_key" {
  type      = string
  sensitive = true
  default   = "set-in-ci"
}

provider "aws" {
  region     = "eu-west-2"
  access_key = var.access_key
  secret_key = var.secret_key
}

provider "aws" {
  alias      = "vaulted"
  region     = "eu-west-2"
  access_key = data.vault_aws_access_credentials.creds.access_key
  secret_key = data.vault_aws_access_credentials.creds.secret_key
  token      = file("/run/secrets/aws-session-token")
}

provider "aws" {
  alias  = "assumed"
  region = "eu-west-2"
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/terraform-deploy"
  }
}

provider "azurerm" {
  features {}
  client_secret = "not-this-policy"
}
