resource "azurerm_log_analytics_workspace" "security" {
  name                = "log-telco-security"
  location            = "uksouth"
  resource_group_name = "rg-telco-security"
  sku                 = "PerGB2018"
  retention_in_days   = 400
}

resource "azurerm_monitor_diagnostic_setting" "activity" {
  name                       = "activity-to-security"
  target_resource_id         = "/subscriptions/00000000-0000-0000-0000-000000000000"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id

  enabled_log {
    category = "Administrative"
  }

  enabled_log {
    category = "Security"

    retention_policy {
      enabled = true
      days    = 0
    }
  }
}

# A disabled log, or a disabled retention policy, deletes nothing.
resource "azurerm_monitor_diagnostic_setting" "activity_v3" {
  name               = "activity-to-storage-v3"
  target_resource_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
  storage_account_id = azurerm_storage_account.logs.id

  log {
    category = "Security"
    enabled  = true

    retention_policy {
      enabled = false
      days    = 7
    }
  }

  log {
    category = "Autoscale"
    enabled  = false

    retention_policy {
      enabled = true
      days    = 7
    }
  }
}

resource "azurerm_monitor_log_profile" "default" {
  name               = "default"
  categories         = ["Action", "Delete", "Write"]
  locations          = ["global", "uksouth"]
  storage_account_id = azurerm_storage_account.logs.id

  retention_policy {
    enabled = true
    days    = 400
  }
}
