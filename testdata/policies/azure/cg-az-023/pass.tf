resource "azurerm_storage_account" "entra_only" {
  name                            = "telcoentraonly"
  resource_group_name             = "rg-telco-core"
  location                        = "uksouth"
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  shared_access_key_enabled       = false
  default_to_oauth_authentication = true
}
