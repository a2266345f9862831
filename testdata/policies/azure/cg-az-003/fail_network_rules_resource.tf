resource "azurerm_storage_account" "cdr_landing" {
  name                            = "telcocdrlanding"
  resource_group_name             = "rg-telco-bss"
  location                        = "uksouth"
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  allow_nested_items_to_be_public = false
}

# Folded into the account's network_rules: the finding points here.
resource "azurerm_storage_account_network_rules" "cdr_landing" {
  storage_account_id = azurerm_storage_account.cdr_landing.id
  default_action     = "Allow" # expect: CG-AZ-003 azurerm_storage_account.cdr_landing
  bypass             = ["AzureServices"]
}

variable "shared_account_id" {
  type = string
}

# Account not in this scan: assessed as a resource of its own.
resource "azurerm_storage_account_network_rules" "shared" {
  storage_account_id = var.shared_account_id
  default_action     = "Allow" # expect: CG-AZ-003 azurerm_storage_account_network_rules.shared
}
