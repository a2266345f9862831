# azurerm 3.x name of the setting: renamed to https_traffic_only_enabled.
resource "azurerm_storage_account" "probe_uploads" {
  name                      = "telcoprobeuploads"
  resource_group_name       = "rg-telco-core"
  location                  = "ukwest"
  account_tier              = "Standard"
  account_replication_type  = "GRS"
  enable_https_traffic_only = false # expect: CG-AZ-001 azurerm_storage_account.probe_uploads
}
