# OIDC, a managed identity, and a secret from a variable pass; a path to a
# certificate is not the certificate; other providers are not this policy's.
variable "client_secret" {
  type      = string
  sensitive = true
}

provider "azurerm" {
  features {}
  use_oidc = true
}

provider "azurerm" {
  alias = "msi"
  features {}
  use_msi = true
}

provider "azuread" {
  client_id               = "00000000-0000-0000-0000-000000000000"
  client_secret           = var.client_secret
  client_certificate_path = "/run/secrets/sp.pfx"
}

provider "aws" {
  region     = "eu-west-2"
  access_key = "not-this-policy"
}
