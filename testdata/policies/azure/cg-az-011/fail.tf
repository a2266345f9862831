resource "azurerm_network_watcher_flow_log" "disabled" {
  name                 = "fl-telco-edge"
  network_watcher_name = "NetworkWatcher_uksouth"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = azurerm_network_security_group.edge.id
  storage_account_id   = azurerm_storage_account.flowlogs.id
  enabled              = false # expect: CG-AZ-011 azurerm_network_watcher_flow_log.disabled

  retention_policy {
    enabled = true
    days    = 400
  }
}

# azurerm 4.x name of the target (network_security_group_id, renamed in 5.0).
resource "azurerm_network_watcher_flow_log" "short" {
  name                      = "fl-telco-core"
  network_watcher_name      = "NetworkWatcher_uksouth"
  resource_group_name       = "NetworkWatcherRG"
  network_security_group_id = azurerm_network_security_group.core.id
  storage_account_id        = azurerm_storage_account.flowlogs.id
  enabled                   = true

  retention_policy {
    enabled = true
    days    = 90 # expect: CG-AZ-011 azurerm_network_watcher_flow_log.short
  }
}
