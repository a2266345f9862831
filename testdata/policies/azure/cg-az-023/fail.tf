# shared_access_key_enabled defaults to true.
resource "azurerm_storage_account" "defaults" { # expect: CG-AZ-023 azurerm_storage_account.defaults
  name                     = "telcodefaults"
  resource_group_name      = "rg-telco-core"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_storage_account" "keys_on" {
  name                      = "telcokeyson"
  resource_group_name       = "rg-telco-core"
  location                  = "uksouth"
  account_tier              = "Standard"
  account_replication_type  = "ZRS"
  shared_access_key_enabled = true # expect: CG-AZ-023 azurerm_storage_account.keys_on
}
