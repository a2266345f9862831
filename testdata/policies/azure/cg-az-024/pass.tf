resource "azurerm_storage_account" "config_backups" {
  name                     = "telcoconfigbackups"
  resource_group_name      = "rg-telco-core"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "GZRS"

  blob_properties {
    versioning_enabled = true

    delete_retention_policy {
      days = 30
    }
  }
}

# days defaults to 7 when the block is written.
resource "azurerm_storage_account" "default_days" {
  name                     = "telcodefaultdays"
  resource_group_name      = "rg-telco-core"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "ZRS"

  blob_properties {
    delete_retention_policy {}
  }
}

# No blob service.
resource "azurerm_storage_account" "file_shares" {
  name                     = "telcofileshares"
  resource_group_name      = "rg-telco-core"
  location                 = "uksouth"
  account_kind             = "FileStorage"
  account_tier             = "Premium"
  account_replication_type = "ZRS"
}
