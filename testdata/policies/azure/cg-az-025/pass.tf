variable "log_groups" {
  type = list(string)
}

resource "azurerm_key_vault" "core" {
  name                       = "kv-telco-core"
  location                   = "uksouth"
  resource_group_name        = "rg-telco-core"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  purge_protection_enabled   = true
  rbac_authorization_enabled = true
}

resource "azurerm_monitor_diagnostic_setting" "core" {
  name                       = "kv-core-audit"
  target_resource_id         = azurerm_key_vault.core.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id

  enabled_log {
    category_group = "audit"
  }
}

resource "azurerm_key_vault" "v3" {
  name                      = "kv-telco-v3"
  location                  = "uksouth"
  resource_group_name       = "rg-telco-core"
  tenant_id                 = "00000000-0000-0000-0000-000000000000"
  sku_name                  = "premium"
  purge_protection_enabled  = true
  enable_rbac_authorization = true
}

resource "azurerm_monitor_diagnostic_setting" "v3" {
  name               = "kv-v3-audit"
  target_resource_id = azurerm_key_vault.v3.id
  storage_account_id = azurerm_storage_account.logs.id

  log {
    category = "AuditEvent"
    enabled  = true
  }
}

# Which logs are enabled is known only at apply: not a finding.
resource "azurerm_key_vault" "modular" {
  name                       = "kv-telco-modular"
  location                   = "uksouth"
  resource_group_name        = "rg-telco-core"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  purge_protection_enabled   = true
  rbac_authorization_enabled = true
}

resource "azurerm_monitor_diagnostic_setting" "modular" {
  name                       = "kv-modular"
  target_resource_id         = azurerm_key_vault.modular.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id

  dynamic "enabled_log" {
    for_each = var.log_groups
    content {
      category_group = enabled_log.value
    }
  }
}
