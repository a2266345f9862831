# azurerm 2.x could turn soft delete off.
resource "azurerm_key_vault" "v2" {
  name                     = "kv-telco-v2"
  location                 = "uksouth"
  resource_group_name      = "rg-telco-core"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = true
  soft_delete_enabled      = false # expect: CG-AZ-005 azurerm_key_vault.v2
}
