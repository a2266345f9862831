# Service principal secrets written into provider blocks. All values are fake.
provider "azurerm" {
  features {}
  subscription_id = "00000000-0000-0000-0000-000000000000"
  tenant_id       = "00000000-0000-0000-0000-000000000000"
  client_id       = "00000000-0000-0000-0000-000000000000"
  client_secret   = "example~client~secret~0000000000000000" # expect: CG-AZ-029 provider.azurerm
}

provider "azuread" {
  tenant_id                   = "00000000-0000-0000-0000-000000000000"
  client_id                   = "00000000-0000-0000-0000-000000000000"
  client_certificate_path     = "/run/secrets/sp.pfx"
  client_certificate_password = "example-pfx-password" # expect: CG-AZ-029 provider.azuread
}
