# Defaults: no plain port, TLS 1.2 since azurerm 3.0.
resource "azurerm_redis_cache" "defaults" {
  name                = "redis-telco-defaults"
  location            = "uksouth"
  resource_group_name = "rg-telco-core"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
}

resource "azurerm_redis_cache" "explicit" {
  name                 = "redis-telco-sessions"
  location             = "uksouth"
  resource_group_name  = "rg-telco-core"
  capacity             = 1
  family               = "P"
  sku_name             = "Premium"
  non_ssl_port_enabled = false
  minimum_tls_version  = "1.2"
}

resource "azurerm_redis_cache" "v3" {
  name                = "redis-telco-v3"
  location            = "uksouth"
  resource_group_name = "rg-telco-core"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  enable_non_ssl_port = false
}
