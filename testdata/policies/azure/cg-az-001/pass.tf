variable "https_only" {
  type = bool
}

# Unset: the provider default (true) refuses plain HTTP.
resource "azurerm_storage_account" "defaults" {
  name                     = "telcodefaults"
  resource_group_name      = "rg-telco-core"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_storage_account" "v4" {
  name                       = "telcov4"
  resource_group_name        = "rg-telco-core"
  location                   = "uksouth"
  account_tier               = "Standard"
  account_replication_type   = "ZRS"
  https_traffic_only_enabled = true
}

resource "azurerm_storage_account" "v3" {
  name                      = "telcov3"
  resource_group_name       = "rg-telco-core"
  location                  = "uksouth"
  account_tier              = "Standard"
  account_replication_type  = "ZRS"
  enable_https_traffic_only = true
}

# Known only at apply: unknown, not a finding.
resource "azurerm_storage_account" "from_variable" {
  name                       = "telcofromvar"
  resource_group_name        = "rg-telco-core"
  location                   = "uksouth"
  account_tier               = "Standard"
  account_replication_type   = "ZRS"
  https_traffic_only_enabled = var.https_only
}
