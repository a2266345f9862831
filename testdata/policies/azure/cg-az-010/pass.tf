variable "admin_source" {
  type = string
}

resource "azurerm_network_security_group" "core" {
  name                = "nsg-telco-core"
  location            = "uksouth"
  resource_group_name = "rg-telco-core"

  security_rule {
    name                       = "ssh-from-bastion"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "10.10.0.0/26"
    destination_address_prefix = "VirtualNetwork"
  }

  security_rule {
    name                       = "sip-from-internet"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_ranges    = ["5060-5061", "10000-20000"]
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "deny-ssh-internet"
    priority                   = 120
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "outbound-ssh"
    priority                   = 130
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "icmp-anywhere"
    priority                   = 140
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Icmp"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "ranges-around-22-and-3389"
    priority                   = 150
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_ranges    = ["23-3388", "3390-65535", "0-21"]
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                                  = "rdp-from-jump-hosts"
    priority                              = 160
    direction                             = "Inbound"
    access                                = "Allow"
    protocol                              = "Tcp"
    source_port_range                     = "*"
    destination_port_range                = "3389"
    source_application_security_group_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-telco-core/providers/Microsoft.Network/applicationSecurityGroups/asg-jump"]
    destination_address_prefix            = "*"
  }

  security_rule {
    name                       = "https-source-known-at-apply"
    priority                   = 170
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = var.admin_source
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "ssh_from_vnet" {
  name                        = "ssh-from-vnet"
  resource_group_name         = "rg-telco-core"
  network_security_group_name = azurerm_network_security_group.core.name
  priority                    = 200
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefixes     = ["10.10.0.0/26", "10.20.0.0/26"]
  destination_address_prefix  = "VirtualNetwork"
}
