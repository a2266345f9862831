resource "azurerm_resource_group" "core" {
  name     = "rg-core"
  location = "UK South"
}

resource "azurerm_storage_account" "cdr_archive" {
  name                     = "telcocdrarchive"
  resource_group_name      = azurerm_resource_group.core.name
  location                 = azurerm_resource_group.core.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_managed_disk" "data" {
  name                 = "data"
  location             = "ukwest"
  resource_group_name  = "rg-dr"
  storage_account_type = "Premium_LRS"
  create_option        = "Empty"
  disk_size_gb         = 64
}

variable "location" {
  type = string
}

# From a variable without a value: unknown, not a finding.
resource "azurerm_redis_cache" "sessions" {
  name                = "sessions"
  location            = var.location
  resource_group_name = "rg-core"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
}
