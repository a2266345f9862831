resource "azurerm_key_vault" "unlogged" { # expect: CG-AZ-025 azurerm_key_vault.unlogged
  name                       = "kv-telco-unlogged"
  location                   = "uksouth"
  resource_group_name        = "rg-telco-core"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  purge_protection_enabled   = true
  rbac_authorization_enabled = true
}

# A diagnostic setting that sends only policy evaluation logs and metrics.
resource "azurerm_key_vault" "metrics_only" { # expect: CG-AZ-025 azurerm_key_vault.metrics_only
  name                       = "kv-telco-metrics"
  location                   = "uksouth"
  resource_group_name        = "rg-telco-core"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  purge_protection_enabled   = true
  rbac_authorization_enabled = true
}

resource "azurerm_monitor_diagnostic_setting" "metrics_only" {
  name                       = "kv-metrics"
  target_resource_id         = azurerm_key_vault.metrics_only.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id

  enabled_log {
    category = "AzurePolicyEvaluationDetails"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}

# azurerm 3.x log block with the audit category switched off.
resource "azurerm_key_vault" "audit_off" { # expect: CG-AZ-025 azurerm_key_vault.audit_off
  name                       = "kv-telco-audit-off"
  location                   = "uksouth"
  resource_group_name        = "rg-telco-core"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  purge_protection_enabled   = true
  rbac_authorization_enabled = true
}

resource "azurerm_monitor_diagnostic_setting" "audit_off" {
  name               = "kv-audit-off"
  target_resource_id = azurerm_key_vault.audit_off.id
  storage_account_id = azurerm_storage_account.logs.id

  log {
    category = "AuditEvent"
    enabled  = false
  }
}
