resource "azurerm_mssql_firewall_rule" "noc_vpn" {
  name             = "noc-vpn"
  server_id        = azurerm_mssql_server.bss.id
  start_ip_address = "198.51.100.0"
  end_ip_address   = "198.51.100.31"
}

# "Allow Azure services": not assessed by this policy.
resource "azurerm_postgresql_flexible_server_firewall_rule" "azure_services" {
  name             = "AllowAllAzureServicesAndResourcesWithinAzureIps"
  server_id        = azurerm_postgresql_flexible_server.inventory.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}

resource "azurerm_mariadb_firewall_rule" "office" {
  name                = "office"
  resource_group_name = "rg-telco-oss"
  server_name         = "mariadb-telco-legacy"
  start_ip_address    = "203.0.113.1"
  end_ip_address      = "203.0.113.1"
}
