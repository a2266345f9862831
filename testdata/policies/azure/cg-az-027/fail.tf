resource "azurerm_resource_group" "eu" {
  name     = "rg-eu"
  location = "West Europe"
}

resource "azurerm_storage_account" "backups" {
  name                     = "telcobackups"
  resource_group_name      = azurerm_resource_group.eu.name
  location                 = azurerm_resource_group.eu.location # expect: CG-AZ-027 azurerm_storage_account.backups
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azurerm_key_vault" "keys" {
  name                = "telco-keys"
  resource_group_name = "rg-us"
  location            = "eastus" # expect: CG-AZ-027 azurerm_key_vault.keys
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}
