# retention_in_days defaults to 30.
resource "azurerm_log_analytics_workspace" "defaults" { # expect: CG-AZ-012 azurerm_log_analytics_workspace.defaults
  name                = "log-telco-defaults"
  location            = "uksouth"
  resource_group_name = "rg-telco-security"
  sku                 = "PerGB2018"
}

resource "azurerm_log_analytics_workspace" "short" {
  name                = "log-telco-short"
  location            = "uksouth"
  resource_group_name = "rg-telco-security"
  sku                 = "PerGB2018"
  retention_in_days   = 90 # expect: CG-AZ-012 azurerm_log_analytics_workspace.short
}

resource "azurerm_monitor_diagnostic_setting" "activity_v4" {
  name               = "activity-to-storage"
  target_resource_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
  storage_account_id = azurerm_storage_account.logs.id

  enabled_log {
    category = "Administrative"

    retention_policy {
      enabled = true
      days    = 30 # expect: CG-AZ-012 azurerm_monitor_diagnostic_setting.activity_v4
    }
  }
}

# azurerm 3.x log block.
resource "azurerm_monitor_diagnostic_setting" "activity_v3" {
  name               = "activity-to-storage-v3"
  target_resource_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
  storage_account_id = azurerm_storage_account.logs.id

  log {
    category = "Security"
    enabled  = true

    retention_policy {
      enabled = true
      days    = 365 # expect: CG-AZ-012 azurerm_monitor_diagnostic_setting.activity_v3
    }
  }
}

# azurerm 3.x activity log profile.
resource "azurerm_monitor_log_profile" "default" {
  name               = "default"
  categories         = ["Action", "Delete", "Write"]
  locations          = ["global", "uksouth"]
  storage_account_id = azurerm_storage_account.logs.id

  retention_policy {
    enabled = true
    days    = 90 # expect: CG-AZ-012 azurerm_monitor_log_profile.default
  }
}
