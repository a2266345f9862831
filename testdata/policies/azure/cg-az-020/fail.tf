# public_network_access_enabled defaults to true.
resource "azurerm_postgresql_flexible_server" "defaults" { # expect: CG-AZ-020 azurerm_postgresql_flexible_server.defaults
  name                = "psql-telco-inventory"
  resource_group_name = "rg-telco-oss"
  location            = "uksouth"
  version             = "16"
  sku_name            = "GP_Standard_D2ds_v5"
}

resource "azurerm_postgresql_flexible_server" "public" {
  name                          = "psql-telco-reports"
  resource_group_name           = "rg-telco-oss"
  location                      = "uksouth"
  version                       = "16"
  sku_name                      = "GP_Standard_D2ds_v5"
  public_network_access_enabled = true # expect: CG-AZ-020 azurerm_postgresql_flexible_server.public
}

# azurerm 4.x MySQL: public_network_access takes "Enabled" / "Disabled".
resource "azurerm_mysql_flexible_server" "tickets" {
  name                  = "mysql-telco-tickets"
  resource_group_name   = "rg-telco-oss"
  location              = "uksouth"
  sku_name              = "GP_Standard_D2ds_v4"
  public_network_access = "Enabled" # expect: CG-AZ-020 azurerm_mysql_flexible_server.tickets
}

# Single server (azurerm 3.x).
resource "azurerm_postgresql_server" "legacy" { # expect: CG-AZ-020 azurerm_postgresql_server.legacy
  name                    = "psql-telco-legacy"
  location                = "uksouth"
  resource_group_name     = "rg-telco-oss"
  sku_name                = "GP_Gen5_2"
  version                 = "11"
  ssl_enforcement_enabled = true
}
