resource "azurerm_storage_account" "inline_rules" {
  name                            = "telcoinlinerules"
  resource_group_name             = "rg-telco-core"
  location                        = "uksouth"
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  allow_nested_items_to_be_public = false

  network_rules {
    default_action             = "Deny"
    bypass                     = ["AzureServices"]
    virtual_network_subnet_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-telco-core/providers/Microsoft.Network/virtualNetworks/vnet-core/subnets/management"]
  }
}

resource "azurerm_storage_account" "private_only" {
  name                            = "telcoprivateonly"
  resource_group_name             = "rg-telco-core"
  location                        = "uksouth"
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  allow_nested_items_to_be_public = false
  public_network_access_enabled   = false
}

resource "azurerm_storage_account" "separate_rules" {
  name                            = "telcoseparaterules"
  resource_group_name             = "rg-telco-core"
  location                        = "uksouth"
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  allow_nested_items_to_be_public = false
}

resource "azurerm_storage_account_network_rules" "separate_rules" {
  storage_account_id = azurerm_storage_account.separate_rules.id
  default_action     = "Deny"
}

# azurerm 2.x style: allow_blob_public_access, network rules naming the account.
resource "azurerm_storage_account" "v2" {
  name                     = "telcov2"
  resource_group_name      = "rg-telco-core"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  allow_blob_public_access = false
}

resource "azurerm_storage_account_network_rules" "v2" {
  resource_group_name  = "rg-telco-core"
  storage_account_name = "telcov2"
  default_action       = "Deny"
}

resource "azurerm_storage_container" "private" {
  name                  = "backups"
  storage_account_id    = azurerm_storage_account.inline_rules.id
  container_access_type = "private"
}

resource "azurerm_storage_container" "default" {
  name               = "logs"
  storage_account_id = azurerm_storage_account.inline_rules.id
}

variable "shared_account_id" {
  type = string
}

resource "azurerm_storage_account_network_rules" "shared" {
  storage_account_id = var.shared_account_id
  default_action     = "Deny"
  ip_rules           = ["198.51.100.0/27"]
}
