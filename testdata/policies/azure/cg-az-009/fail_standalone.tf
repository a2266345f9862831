variable "server_id" {
  type = string
}

variable "database_id" {
  type = string
}

# Server and database not in this scan: assessed as resources of their own.
resource "azurerm_mssql_server_extended_auditing_policy" "shared" {
  server_id         = var.server_id
  storage_endpoint  = "https://telcoaudit.blob.core.windows.net/"
  retention_in_days = 180 # expect: CG-AZ-009 azurerm_mssql_server_extended_auditing_policy.shared
}

resource "azurerm_mssql_database_extended_auditing_policy" "shared" {
  database_id       = var.database_id
  storage_endpoint  = "https://telcoaudit.blob.core.windows.net/"
  retention_in_days = 7 # expect: CG-AZ-009 azurerm_mssql_database_extended_auditing_policy.shared
}

resource "azurerm_mssql_database" "cdr" {
  name      = "cdr"
  server_id = var.server_id
}

resource "azurerm_mssql_database_extended_auditing_policy" "cdr" {
  database_id       = azurerm_mssql_database.cdr.id
  storage_endpoint  = "https://telcoaudit.blob.core.windows.net/"
  retention_in_days = 30 # expect: CG-AZ-009 azurerm_mssql_database.cdr
}
