resource "azurerm_key_vault_key" "no_expiry" { # expect: CG-AZ-007 azurerm_key_vault_key.no_expiry
  name         = "ims-signing"
  key_vault_id = azurerm_key_vault.core.id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["sign", "verify"]
}

resource "azurerm_key_vault_key" "rotates_without_expiry" {
  name         = "sbc-tls"
  key_vault_id = azurerm_key_vault.core.id
  key_type     = "EC-HSM"
  curve        = "P-256"
  key_opts     = ["sign", "verify"]

  rotation_policy { # expect: CG-AZ-007 azurerm_key_vault_key.rotates_without_expiry
    notify_before_expiry = "P30D"
  }
}

resource "azurerm_key_vault_secret" "snmp_community" { # expect: CG-AZ-007 azurerm_key_vault_secret.snmp_community
  name         = "snmp-community"
  key_vault_id = azurerm_key_vault.core.id
  value_wo     = var.snmp_community
}
