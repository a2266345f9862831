resource "azurerm_linux_virtual_machine" "dns" {
  name                       = "vm-telco-dns"
  resource_group_name        = "rg-telco-core"
  location                   = "uksouth"
  size                       = "Standard_D2s_v5"
  admin_username             = "opsadmin"
  encryption_at_host_enabled = true
  network_interface_ids      = [azurerm_network_interface.dns.id]

  admin_ssh_key {
    username   = "opsadmin"
    public_key = var.ops_ssh_public_key
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
}

resource "azurerm_linux_virtual_machine_scale_set" "upf" {
  name                            = "vmss-telco-upf"
  resource_group_name             = "rg-telco-core"
  location                        = "uksouth"
  sku                             = "Standard_D8s_v5"
  instances                       = 3
  admin_username                  = "opsadmin"
  disable_password_authentication = true
  encryption_at_host_enabled      = true

  admin_ssh_key {
    username   = "opsadmin"
    public_key = var.ops_ssh_public_key
  }
}
