resource "azurerm_key_vault" "core" {
  name                       = "kv-telco-core"
  location                   = "uksouth"
  resource_group_name        = "rg-telco-core"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  purge_protection_enabled   = true
  soft_delete_retention_days = 7
}

resource "azurerm_key_vault" "default_retention" {
  name                     = "kv-telco-default-retention"
  location                 = "uksouth"
  resource_group_name      = "rg-telco-core"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true
  soft_delete_enabled      = true
}

resource "azurerm_key_vault_managed_hardware_security_module" "hsm" {
  name                       = "hsm-telco-core"
  resource_group_name        = "rg-telco-core"
  location                   = "uksouth"
  sku_name                   = "Standard_B1"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  admin_object_ids           = ["11111111-1111-1111-1111-111111111111"]
  purge_protection_enabled   = true
  soft_delete_retention_days = 90
}
