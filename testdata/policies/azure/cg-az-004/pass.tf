resource "azurerm_storage_account" "double_encrypted" {
  name                              = "telcodoubleencrypted"
  resource_group_name               = "rg-telco-core"
  location                          = "uksouth"
  account_tier                      = "Standard"
  account_replication_type          = "ZRS"
  infrastructure_encryption_enabled = true
}

resource "azurerm_storage_account" "inline_cmk" {
  name                     = "telcoinlinecmk"
  resource_group_name      = "rg-telco-core"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "ZRS"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.storage.id]
  }

  customer_managed_key {
    key_vault_key_id          = azurerm_key_vault_key.storage.id
    user_assigned_identity_id = azurerm_user_assigned_identity.storage.id
  }
}

# Folded into the account as its customer_managed_key.
resource "azurerm_storage_account" "separate_cmk" {
  name                     = "telcoseparatecmk"
  resource_group_name      = "rg-telco-core"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "ZRS"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_storage_account_customer_managed_key" "separate_cmk" {
  storage_account_id = azurerm_storage_account.separate_cmk.id
  key_vault_id       = azurerm_key_vault.core.id
  key_name           = "storage-cmk"
}
