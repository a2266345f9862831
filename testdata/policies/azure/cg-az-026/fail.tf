resource "azurerm_redis_cache" "plain_port" {
  name                 = "redis-telco-sessions"
  location             = "uksouth"
  resource_group_name  = "rg-telco-core"
  capacity             = 1
  family               = "C"
  sku_name             = "Standard"
  non_ssl_port_enabled = true # expect: CG-AZ-026 azurerm_redis_cache.plain_port
}

# azurerm 3.x name, renamed to non_ssl_port_enabled.
resource "azurerm_redis_cache" "v3_plain_port" {
  name                = "redis-telco-v3"
  location            = "uksouth"
  resource_group_name = "rg-telco-core"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  enable_non_ssl_port = true # expect: CG-AZ-026 azurerm_redis_cache.v3_plain_port
}

resource "azurerm_redis_cache" "old_tls" {
  name                = "redis-telco-old-tls"
  location            = "uksouth"
  resource_group_name = "rg-telco-core"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = "1.0" # expect: CG-AZ-026 azurerm_redis_cache.old_tls
}
