resource "azurerm_mssql_firewall_rule" "everyone" {
  name             = "allow-all"
  server_id        = azurerm_mssql_server.bss.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255" # expect: CG-AZ-019 azurerm_mssql_firewall_rule.everyone
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "everyone" {
  name             = "allow-all"
  server_id        = azurerm_postgresql_flexible_server.inventory.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255" # expect: CG-AZ-019 azurerm_postgresql_flexible_server_firewall_rule.everyone
}

resource "azurerm_mysql_flexible_server_firewall_rule" "everyone" {
  name                = "allow-all"
  resource_group_name = "rg-telco-oss"
  server_name         = "mysql-telco-tickets"
  start_ip_address    = "0.0.0.0"
  end_ip_address      = "255.255.255.255" # expect: CG-AZ-019 azurerm_mysql_flexible_server_firewall_rule.everyone
}

# azurerm 2.x/3.x resource, an alias of azurerm_mssql_firewall_rule.
resource "azurerm_sql_firewall_rule" "legacy" {
  name                = "allow-all"
  resource_group_name = "rg-telco-bss"
  server_name         = "sql-telco-legacy"
  start_ip_address    = "0.0.0.0"
  end_ip_address      = "255.255.255.255" # expect: CG-AZ-019 azurerm_sql_firewall_rule.legacy
}
