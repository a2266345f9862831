resource "azurerm_storage_account" "defaults" { # expect: CG-AZ-024 azurerm_storage_account.defaults
  name                     = "telcodefaults"
  resource_group_name      = "rg-telco-core"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_storage_account" "versioning_only" {
  name                     = "telcoversioningonly"
  resource_group_name      = "rg-telco-core"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "ZRS"

  blob_properties { # expect: CG-AZ-024 azurerm_storage_account.versioning_only
    versioning_enabled = true
  }
}

resource "azurerm_storage_account" "one_day" {
  name                     = "telcooneday"
  resource_group_name      = "rg-telco-core"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "ZRS"

  blob_properties {
    delete_retention_policy {
      days = 1 # expect: CG-AZ-024 azurerm_storage_account.one_day
    }
  }
}
