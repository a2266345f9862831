resource "azurerm_linux_virtual_machine" "password_login" {
  name                            = "vm-telco-legacy"
  resource_group_name             = "rg-telco-core"
  location                        = "uksouth"
  size                            = "Standard_D2s_v5"
  admin_username                  = "opsadmin"
  admin_password                  = var.admin_password
  disable_password_authentication = false # expect: CG-AZ-014 azurerm_linux_virtual_machine.password_login
  encryption_at_host_enabled      = true
  network_interface_ids           = [azurerm_network_interface.legacy.id]

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
}

# encryption_at_host_enabled defaults to false.
resource "azurerm_linux_virtual_machine" "no_host_encryption" { # expect: CG-AZ-014 azurerm_linux_virtual_machine.no_host_encryption
  name                  = "vm-telco-dns"
  resource_group_name   = "rg-telco-core"
  location              = "uksouth"
  size                  = "Standard_D2s_v5"
  admin_username        = "opsadmin"
  network_interface_ids = [azurerm_network_interface.dns.id]

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
  name                       = "vmss-telco-upf"
  resource_group_name        = "rg-telco-core"
  location                   = "uksouth"
  sku                        = "Standard_D8s_v5"
  instances                  = 3
  admin_username             = "opsadmin"
  encryption_at_host_enabled = false # expect: CG-AZ-014 azurerm_linux_virtual_machine_scale_set.upf

  admin_ssh_key {
    username   = "opsadmin"
    public_key = var.ops_ssh_public_key
  }
}
