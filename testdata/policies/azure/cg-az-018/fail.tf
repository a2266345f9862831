resource "azurerm_network_security_group" "data" {
  name                = "nsg-telco-data"
  location            = "uksouth"
  resource_group_name = "rg-telco-data"

  security_rule {
    name                       = "postgres"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "5432"
    source_address_prefix      = "Internet" # expect: CG-AZ-018 azurerm_network_security_group.data
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "legacy-range"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "1000-2000"
    source_address_prefix      = "*" # expect: CG-AZ-018 azurerm_network_security_group.data
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "mysql-and-redis"
    priority                   = 120
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_ranges    = ["3306", "6379"]
    source_address_prefixes    = ["0.0.0.0/0"] # expect: CG-AZ-018 azurerm_network_security_group.data
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "mongo" {
  name                        = "mongo"
  resource_group_name         = "rg-telco-data"
  network_security_group_name = "nsg-telco-data"
  priority                    = 130
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "27017"
  source_address_prefix       = "Internet" # expect: CG-AZ-018 azurerm_network_security_group.data
  destination_address_prefix  = "*"
}

resource "azurerm_network_security_group" "services" {
  name                = "nsg-telco-services"
  location            = "uksouth"
  resource_group_name = "rg-telco-data"

  security_rule {
    name                       = "kafka-and-ldaps"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_ranges    = ["443", "9092", "636"]
    source_address_prefix      = "Internet" # expect: CG-AZ-018 azurerm_network_security_group.services
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "etcd-range"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "2300-2400"
    source_address_prefix      = "::/0" # expect: CG-AZ-018 azurerm_network_security_group.services
    destination_address_prefix = "*"
  }
}
