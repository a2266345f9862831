resource "azurerm_storage_account" "legacy_http" {
  name                       = "telcolegacyhttp"
  resource_group_name        = "rg-telco-oss"
  location                   = "uksouth"
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = false # expect: CG-AZ-001 azurerm_storage_account.legacy_http
}
