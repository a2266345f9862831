resource "azurerm_storage_container" "firmware" {
  name                  = "firmware"
  storage_account_id    = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-telco-core/providers/Microsoft.Storage/storageAccounts/telcofirmware"
  container_access_type = "blob" # expect: CG-AZ-003 azurerm_storage_container.firmware
}

# azurerm 3.x names the account.
resource "azurerm_storage_container" "reports" {
  name                  = "reports"
  storage_account_name  = "telcoreports"
  container_access_type = "container" # expect: CG-AZ-003 azurerm_storage_container.reports
}
