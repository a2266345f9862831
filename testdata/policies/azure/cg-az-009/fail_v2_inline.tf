# azurerm 2.x: the auditing policy was a block of the server.
resource "azurerm_mssql_server" "v2" {
  name                         = "sql-telco-v2"
  resource_group_name          = "rg-telco-bss"
  location                     = "uksouth"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_password

  extended_auditing_policy {
    storage_endpoint  = "https://telcoaudit.blob.core.windows.net/"
    retention_in_days = 30 # expect: CG-AZ-009 azurerm_mssql_server.v2
  }
}
