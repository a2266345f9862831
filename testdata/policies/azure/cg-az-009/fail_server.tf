# No auditing policy at all.
resource "azurerm_mssql_server" "unaudited" { # expect: CG-AZ-009 azurerm_mssql_server.unaudited
  name                          = "sql-telco-unaudited"
  resource_group_name           = "rg-telco-bss"
  location                      = "uksouth"
  version                       = "12.0"
  public_network_access_enabled = false
}

resource "azurerm_mssql_server" "short" {
  name                          = "sql-telco-short"
  resource_group_name           = "rg-telco-bss"
  location                      = "uksouth"
  version                       = "12.0"
  public_network_access_enabled = false
}

# Folded into azurerm_mssql_server.short.
resource "azurerm_mssql_server_extended_auditing_policy" "short" {
  server_id         = azurerm_mssql_server.short.id
  storage_endpoint  = "https://telcoaudit.blob.core.windows.net/"
  retention_in_days = 90 # expect: CG-AZ-009 azurerm_mssql_server.short
}

resource "azurerm_mssql_server" "switched_off" {
  name                          = "sql-telco-switched-off"
  resource_group_name           = "rg-telco-bss"
  location                      = "uksouth"
  version                       = "12.0"
  public_network_access_enabled = false
}

resource "azurerm_mssql_server_extended_auditing_policy" "switched_off" {
  server_id              = azurerm_mssql_server.switched_off.id
  log_monitoring_enabled = true
  enabled                = false # expect: CG-AZ-009 azurerm_mssql_server.switched_off
}
