variable "secret_expiry" {
  type = string
}

resource "azurerm_key_vault_key" "dated" {
  name            = "ims-signing"
  key_vault_id    = azurerm_key_vault.core.id
  key_type        = "RSA-HSM"
  key_size        = 3072
  key_opts        = ["sign", "verify"]
  expiration_date = "2026-12-31T00:00:00Z"
}

resource "azurerm_key_vault_key" "rotated" {
  name         = "sbc-tls"
  key_vault_id = azurerm_key_vault.core.id
  key_type     = "EC-HSM"
  curve        = "P-256"
  key_opts     = ["sign", "verify"]

  rotation_policy {
    expire_after         = "P90D"
    notify_before_expiry = "P29D"

    automatic {
      time_before_expiry = "P30D"
    }
  }
}

resource "azurerm_key_vault_secret" "radius" {
  name            = "radius-shared-secret"
  key_vault_id    = azurerm_key_vault.core.id
  value_wo        = var.radius
  expiration_date = "2026-06-30T00:00:00Z"
}

resource "azurerm_key_vault_secret" "from_variable" {
  name            = "diameter-psk"
  key_vault_id    = azurerm_key_vault.core.id
  value_wo        = var.diameter_psk
  expiration_date = var.secret_expiry
}
