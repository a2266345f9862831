# No network_acls: the vault firewall allows every network.
resource "azurerm_key_vault" "defaults" { # expect: CG-AZ-006 azurerm_key_vault.defaults
  name                     = "kv-telco-defaults"
  location                 = "uksouth"
  resource_group_name      = "rg-telco-core"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = true
}

resource "azurerm_key_vault" "allow_all" {
  name                     = "kv-telco-allow-all"
  location                 = "uksouth"
  resource_group_name      = "rg-telco-core"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = true

  network_acls {
    default_action = "Allow" # expect: CG-AZ-006 azurerm_key_vault.allow_all
    bypass         = "AzureServices"
  }
}

resource "azurerm_key_vault" "public" {
  name                          = "kv-telco-public"
  location                      = "uksouth"
  resource_group_name           = "rg-telco-core"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  purge_protection_enabled      = true
  public_network_access_enabled = true # expect: CG-AZ-006 azurerm_key_vault.public
}
