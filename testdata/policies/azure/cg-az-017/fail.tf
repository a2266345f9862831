resource "azurerm_network_security_group" "oam" {
  name                = "nsg-telco-oam"
  location            = "uksouth"
  resource_group_name = "rg-telco-oam"

  security_rule {
    name                       = "telnet"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "23"
    source_address_prefix      = "Internet" # expect: CG-AZ-017 azurerm_network_security_group.oam
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "snmp"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_ranges    = ["161-162"]
    source_address_prefix      = "*" # expect: CG-AZ-017 azurerm_network_security_group.oam
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "winrm"
    priority                   = 120
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "5985-5986"
    source_address_prefixes    = ["0.0.0.0/0"] # expect: CG-AZ-017 azurerm_network_security_group.oam
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_group" "k8s" {
  name                = "nsg-telco-k8s"
  location            = "uksouth"
  resource_group_name = "rg-telco-k8s"
}

resource "azurerm_network_security_rule" "kubelet" {
  name                        = "kubelet"
  resource_group_name         = "rg-telco-k8s"
  network_security_group_name = azurerm_network_security_group.k8s.name
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["6443", "10250"]
  source_address_prefix       = "Internet" # expect: CG-AZ-017 azurerm_network_security_group.k8s
  destination_address_prefix  = "*"
}
