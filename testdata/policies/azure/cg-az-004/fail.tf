resource "azurerm_storage_account" "platform_keys" { # expect: CG-AZ-004 azurerm_storage_account.platform_keys
  name                     = "telcoplatformkeys"
  resource_group_name      = "rg-telco-core"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_storage_account" "single_layer" {
  name                              = "telcosinglelayer"
  resource_group_name               = "rg-telco-core"
  location                          = "uksouth"
  account_tier                      = "Standard"
  account_replication_type          = "ZRS"
  infrastructure_encryption_enabled = false # expect: CG-AZ-004 azurerm_storage_account.single_layer
}
