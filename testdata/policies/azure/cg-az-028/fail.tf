resource "azurerm_network_security_group" "edge" {
  name                = "nsg-telco-edge"
  location            = "uksouth"
  resource_group_name = "rg-telco-edge"

  security_rule {
    name                       = "sip"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "5060-5061"
    source_address_prefix      = "Internet" # expect: CG-AZ-028 azurerm_network_security_group.edge
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "https-and-alt"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_ranges    = ["443", "8443"]
    source_address_prefixes    = ["0.0.0.0/0"] # expect: CG-AZ-028 azurerm_network_security_group.edge
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "rtp" {
  name                        = "rtp"
  resource_group_name         = "rg-telco-edge"
  network_security_group_name = "nsg-telco-media"
  priority                    = 130
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "40000-49999"
  source_address_prefix       = "*" # expect: CG-AZ-028 azurerm_network_security_rule.rtp
  destination_address_prefix  = "*"
}
