# purge_protection_enabled defaults to false.
resource "azurerm_key_vault" "defaults" { # expect: CG-AZ-005 azurerm_key_vault.defaults
  name                = "kv-telco-defaults"
  location            = "uksouth"
  resource_group_name = "rg-telco-core"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_key_vault" "purgeable" {
  name                     = "kv-telco-purgeable"
  location                 = "uksouth"
  resource_group_name      = "rg-telco-core"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = false # expect: CG-AZ-005 azurerm_key_vault.purgeable
}

resource "azurerm_key_vault_managed_hardware_security_module" "hsm" { # expect: CG-AZ-005 azurerm_key_vault_managed_hardware_security_module.hsm
  name                = "hsm-telco-core"
  resource_group_name = "rg-telco-core"
  location            = "uksouth"
  sku_name            = "Standard_B1"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  admin_object_ids    = ["11111111-1111-1111-1111-111111111111"]
}
