# Unset: TLS1_2 is the default since azurerm 3.0.
resource "azurerm_storage_account" "defaults" {
  name                     = "telcodefaults"
  resource_group_name      = "rg-telco-core"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_storage_account" "tls12" {
  name                     = "telcotls12"
  resource_group_name      = "rg-telco-core"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  min_tls_version          = "TLS1_2"
}
