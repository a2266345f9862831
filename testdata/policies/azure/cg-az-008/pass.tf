resource "azurerm_mssql_server" "bss" {
  name                          = "sql-telco-bss"
  resource_group_name           = "rg-telco-bss"
  location                      = "uksouth"
  version                       = "12.0"
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false
}

# Customer-managed TDE protector, folded into the server.
resource "azurerm_mssql_server_transparent_data_encryption" "bss" {
  server_id             = azurerm_mssql_server.bss.id
  key_vault_key_id      = azurerm_key_vault_key.sql_tde.id
  auto_rotation_enabled = true
}

# minimum_tls_version unset: "1.2" since azurerm 3.0.
resource "azurerm_mssql_server" "oss" {
  name                          = "sql-telco-oss"
  resource_group_name           = "rg-telco-oss"
  location                      = "uksouth"
  version                       = "12.0"
  public_network_access_enabled = false
}

# TDE is on unless turned off.
resource "azurerm_mssql_database" "subscribers" {
  name      = "subscribers"
  server_id = azurerm_mssql_server.bss.id
  sku_name  = "GP_Gen5_2"
}

resource "azurerm_mssql_database" "inventory" {
  name                                = "inventory"
  server_id                           = azurerm_mssql_server.oss.id
  sku_name                            = "GP_Gen5_2"
  transparent_data_encryption_enabled = true
}
