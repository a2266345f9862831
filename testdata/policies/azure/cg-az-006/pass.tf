resource "azurerm_key_vault" "deny" {
  name                     = "kv-telco-deny"
  location                 = "uksouth"
  resource_group_name      = "rg-telco-core"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "premium"
  purge_protection_enabled = true

  network_acls {
    default_action = "Deny"
    bypass         = "None"
    ip_rules       = ["198.51.100.0/27"]
  }
}

resource "azurerm_key_vault" "private_endpoint_only" {
  name                          = "kv-telco-private"
  location                      = "uksouth"
  resource_group_name           = "rg-telco-core"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "premium"
  purge_protection_enabled      = true
  public_network_access_enabled = false
}
