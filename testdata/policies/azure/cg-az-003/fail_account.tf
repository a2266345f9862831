# Nothing set: nested items may be made public (azurerm 3.x/4.x default) and
# every network is allowed.
resource "azurerm_storage_account" "defaults" { # expect: CG-AZ-003 azurerm_storage_account.defaults
  name                     = "telcodefaults"
  resource_group_name      = "rg-telco-core"
  location                 = "uksouth"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_storage_account" "nested_public" {
  name                            = "telconestedpublic"
  resource_group_name             = "rg-telco-core"
  location                        = "uksouth"
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  allow_nested_items_to_be_public = true # expect: CG-AZ-003 azurerm_storage_account.nested_public

  network_rules {
    default_action = "Deny"
  }
}

# azurerm 2.x name: renamed to allow_nested_items_to_be_public.
resource "azurerm_storage_account" "v2_blob_public" {
  name                          = "telcov2blobpublic"
  resource_group_name           = "rg-telco-core"
  location                      = "uksouth"
  account_tier                  = "Standard"
  account_replication_type      = "ZRS"
  public_network_access_enabled = false
  allow_blob_public_access      = true # expect: CG-AZ-003 azurerm_storage_account.v2_blob_public
}

resource "azurerm_storage_account" "open_network" {
  name                            = "telcoopennetwork"
  resource_group_name             = "rg-telco-core"
  location                        = "uksouth"
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  allow_nested_items_to_be_public = false

  network_rules {
    default_action = "Allow" # expect: CG-AZ-003 azurerm_storage_account.open_network
    ip_rules       = ["203.0.113.10"]
  }
}

resource "azurerm_storage_account" "public_endpoint" {
  name                            = "telcopublicendpoint"
  resource_group_name             = "rg-telco-core"
  location                        = "uksouth"
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  allow_nested_items_to_be_public = false
  public_network_access_enabled   = true # expect: CG-AZ-003 azurerm_storage_account.public_endpoint
}
