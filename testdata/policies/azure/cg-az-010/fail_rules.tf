variable "shared_nsg_name" {
  type = string
}

resource "azurerm_network_security_group" "mgmt" {
  name                = "nsg-telco-mgmt"
  location            = "uksouth"
  resource_group_name = "rg-telco-mgmt"
}

# Folded into azurerm_network_security_group.mgmt through the reference.
resource "azurerm_network_security_rule" "ssh_anywhere" {
  name                        = "ssh-anywhere"
  resource_group_name         = "rg-telco-mgmt"
  network_security_group_name = azurerm_network_security_group.mgmt.name
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "*" # expect: CG-AZ-010 azurerm_network_security_group.mgmt
  destination_address_prefix  = "*"
}

# Folded by the group's literal name.
resource "azurerm_network_security_rule" "rdp_anywhere" {
  name                        = "rdp-anywhere"
  resource_group_name         = "rg-telco-mgmt"
  network_security_group_name = "nsg-telco-mgmt"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_ranges     = ["3389"]
  source_address_prefix       = "Internet" # expect: CG-AZ-010 azurerm_network_security_group.mgmt
  destination_address_prefix  = "*"
}

# Group not in this scan: assessed as a resource of its own.
resource "azurerm_network_security_rule" "shared_ssh" {
  name                        = "shared-ssh"
  resource_group_name         = "rg-telco-shared"
  network_security_group_name = var.shared_nsg_name
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "1-1024"
  source_address_prefix       = "*" # expect: CG-AZ-010 azurerm_network_security_rule.shared_ssh
  destination_address_prefix  = "*"
}
