# Access policies: the azurerm 3.x/4.x default.
resource "azurerm_key_vault" "access_policies" { # expect: CG-AZ-021 azurerm_key_vault.access_policies
  name                     = "kv-telco-legacy"
  location                 = "uksouth"
  resource_group_name      = "rg-telco-core"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = true

  access_policy {
    tenant_id          = "00000000-0000-0000-0000-000000000000"
    object_id          = "33333333-3333-3333-3333-333333333333"
    secret_permissions = ["Get", "List", "Set", "Delete"]
  }
}

# azurerm 3.x/4.x name, renamed to rbac_authorization_enabled.
resource "azurerm_key_vault" "v3" {
  name                      = "kv-telco-v3"
  location                  = "uksouth"
  resource_group_name       = "rg-telco-core"
  tenant_id                 = "00000000-0000-0000-0000-000000000000"
  sku_name                  = "standard"
  purge_protection_enabled  = true
  enable_rbac_authorization = false # expect: CG-AZ-021 azurerm_key_vault.v3
}
