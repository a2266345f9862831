resource "azurerm_mssql_database" "cdr" {
  name                                = "cdr"
  server_id                           = azurerm_mssql_server.bss.id
  sku_name                            = "GP_Gen5_2"
  transparent_data_encryption_enabled = false # expect: CG-AZ-008 azurerm_mssql_database.cdr
}
