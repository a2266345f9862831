resource "azurerm_network_security_group" "edge" {
  name                = "nsg-telco-edge"
  location            = "uksouth"
  resource_group_name = "rg-telco-edge"

  security_rule {
    name                       = "ssh-anywhere"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "*" # expect: CG-AZ-010 azurerm_network_security_group.edge
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "rdp-range-internet"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3380-3390"
    source_address_prefix      = "Internet" # expect: CG-AZ-010 azurerm_network_security_group.edge
    destination_address_prefix = "VirtualNetwork"
  }

  security_rule {
    name                       = "https-and-low-ports"
    priority                   = 120
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_ranges    = ["443", "20-25"]
    source_address_prefixes    = ["10.0.0.0/8", "0.0.0.0/0"] # expect: CG-AZ-010 azurerm_network_security_group.edge
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "https-web"
    priority                   = 130
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_group" "lab" {
  name                = "nsg-telco-lab"
  location            = "uksouth"
  resource_group_name = "rg-telco-lab"

  security_rule {
    name                       = "everything"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "0.0.0.0/0" # expect: CG-AZ-010 azurerm_network_security_group.lab
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "ssh-numeric-port"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = 22
    source_address_prefix      = "Any" # expect: CG-AZ-010 azurerm_network_security_group.lab
    destination_address_prefix = "*"
  }
}
