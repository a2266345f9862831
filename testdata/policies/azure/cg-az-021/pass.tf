resource "azurerm_key_vault" "core" {
  name                       = "kv-telco-core"
  location                   = "uksouth"
  resource_group_name        = "rg-telco-core"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  purge_protection_enabled   = true
  rbac_authorization_enabled = true
}

resource "azurerm_key_vault" "v3" {
  name                      = "kv-telco-v3"
  location                  = "uksouth"
  resource_group_name       = "rg-telco-core"
  tenant_id                 = "00000000-0000-0000-0000-000000000000"
  sku_name                  = "premium"
  purge_protection_enabled  = true
  enable_rbac_authorization = true
}
