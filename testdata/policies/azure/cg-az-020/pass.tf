resource "azurerm_postgresql_flexible_server" "vnet_integrated" {
  name                          = "psql-telco-inventory"
  resource_group_name           = "rg-telco-oss"
  location                      = "uksouth"
  version                       = "16"
  sku_name                      = "GP_Standard_D2ds_v5"
  delegated_subnet_id           = azurerm_subnet.databases.id
  private_dns_zone_id           = azurerm_private_dns_zone.postgres.id
  public_network_access_enabled = false
}

resource "azurerm_postgresql_flexible_server" "private_endpoint" {
  name                          = "psql-telco-reports"
  resource_group_name           = "rg-telco-oss"
  location                      = "uksouth"
  version                       = "16"
  sku_name                      = "GP_Standard_D2ds_v5"
  public_network_access_enabled = false
}

resource "azurerm_mysql_flexible_server" "tickets" {
  name                  = "mysql-telco-tickets"
  resource_group_name   = "rg-telco-oss"
  location              = "uksouth"
  sku_name              = "GP_Standard_D2ds_v4"
  public_network_access = "Disabled"
}

# azurerm 3.x MySQL flexible server in a delegated subnet.
resource "azurerm_mysql_flexible_server" "billing" {
  name                = "mysql-telco-billing"
  resource_group_name = "rg-telco-bss"
  location            = "uksouth"
  sku_name            = "GP_Standard_D2ds_v4"
  delegated_subnet_id = azurerm_subnet.databases.id
  private_dns_zone_id = azurerm_private_dns_zone.mysql.id
}

resource "azurerm_mysql_server" "legacy" {
  name                          = "mysql-telco-legacy"
  location                      = "uksouth"
  resource_group_name           = "rg-telco-oss"
  sku_name                      = "GP_Gen5_2"
  version                       = "8.0"
  ssl_enforcement_enabled       = true
  public_network_access_enabled = false
}
