resource "azurerm_storage_account" "tls10" {
  name                     = "telcotls10"
  resource_group_name      = "rg-telco-oss"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = "TLS1_0" # expect: CG-AZ-002 azurerm_storage_account.tls10
}

resource "azurerm_storage_account" "tls11" {
  name                     = "telcotls11"
  resource_group_name      = "rg-telco-oss"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = "TLS1_1" # expect: CG-AZ-002 azurerm_storage_account.tls11
}
