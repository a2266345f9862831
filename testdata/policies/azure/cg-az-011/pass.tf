resource "azurerm_network_watcher_flow_log" "vnet" {
  name                 = "fl-telco-vnet"
  network_watcher_name = "NetworkWatcher_uksouth"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = azurerm_virtual_network.core.id
  storage_account_id   = azurerm_storage_account.flowlogs.id
  enabled              = true
  version              = 2

  retention_policy {
    enabled = true
    days    = 400
  }
}

# Retention 0 (keep) and retention off (the storage lifecycle decides).
resource "azurerm_network_watcher_flow_log" "keep" {
  name                 = "fl-telco-keep"
  network_watcher_name = "NetworkWatcher_uksouth"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = azurerm_network_security_group.core.id
  storage_account_id   = azurerm_storage_account.flowlogs.id
  enabled              = true

  retention_policy {
    enabled = true
    days    = 0
  }
}

resource "azurerm_network_watcher_flow_log" "lifecycle" {
  name                 = "fl-telco-lifecycle"
  network_watcher_name = "NetworkWatcher_uksouth"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = azurerm_network_security_group.edge.id
  storage_account_id   = azurerm_storage_account.flowlogs.id
  enabled              = true

  retention_policy {
    enabled = false
    days    = 7
  }
}
