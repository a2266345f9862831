# public_network_access_enabled defaults to true.
resource "azurerm_mssql_server" "defaults" { # expect: CG-AZ-008 azurerm_mssql_server.defaults
  name                = "sql-telco-defaults"
  resource_group_name = "rg-telco-bss"
  location            = "uksouth"
  version             = "12.0"
}

resource "azurerm_mssql_server" "public" {
  name                          = "sql-telco-public"
  resource_group_name           = "rg-telco-bss"
  location                      = "uksouth"
  version                       = "12.0"
  public_network_access_enabled = true # expect: CG-AZ-008 azurerm_mssql_server.public
}

resource "azurerm_mssql_server" "old_tls" {
  name                          = "sql-telco-old-tls"
  resource_group_name           = "rg-telco-bss"
  location                      = "uksouth"
  version                       = "12.0"
  minimum_tls_version           = "1.0" # expect: CG-AZ-008 azurerm_mssql_server.old_tls
  public_network_access_enabled = false
}

resource "azurerm_mssql_server" "tls_disabled" {
  name                          = "sql-telco-tls-disabled"
  resource_group_name           = "rg-telco-bss"
  location                      = "uksouth"
  version                       = "12.0"
  minimum_tls_version           = "Disabled" # expect: CG-AZ-008 azurerm_mssql_server.tls_disabled
  public_network_access_enabled = false
}
