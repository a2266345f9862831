resource "azurerm_mssql_server" "bss" {
  name                          = "sql-telco-bss"
  resource_group_name           = "rg-telco-bss"
  location                      = "uksouth"
  version                       = "12.0"
  public_network_access_enabled = false
}

resource "azurerm_mssql_server_extended_auditing_policy" "bss" {
  server_id         = azurerm_mssql_server.bss.id
  storage_endpoint  = "https://telcoaudit.blob.core.windows.net/"
  retention_in_days = 400
}

# retention_in_days unset: 0, kept without limit.
resource "azurerm_mssql_server" "oss" {
  name                          = "sql-telco-oss"
  resource_group_name           = "rg-telco-oss"
  location                      = "uksouth"
  version                       = "12.0"
  public_network_access_enabled = false
}

resource "azurerm_mssql_server_extended_auditing_policy" "oss" {
  server_id              = azurerm_mssql_server.oss.id
  log_monitoring_enabled = true
}

# Databases inherit server auditing; one with its own policy keeps it.
resource "azurerm_mssql_database" "subscribers" {
  name      = "subscribers"
  server_id = azurerm_mssql_server.bss.id
}

resource "azurerm_mssql_database" "inventory" {
  name      = "inventory"
  server_id = azurerm_mssql_server.oss.id
}

resource "azurerm_mssql_database_extended_auditing_policy" "inventory" {
  database_id       = azurerm_mssql_database.inventory.id
  storage_endpoint  = "https://telcoaudit.blob.core.windows.net/"
  retention_in_days = 0
}
