# The misconfigurations the Resource Manager responses in arm/ describe,
# written as Terraform (azurerm 4.x): the live snapshot and this file must
# give the same rule ids for each pair (tests/live_azure.rs).

resource "azurerm_storage_account" "cgopen" {
  name                            = "cgopen"
  resource_group_name             = "cg-rg"
  location                        = "uksouth"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  https_traffic_only_enabled      = false
  min_tls_version                 = "TLS1_0"
  allow_nested_items_to_be_public = true
  shared_access_key_enabled       = true
  public_network_access_enabled   = true

  network_rules {
    default_action = "Allow"
  }
}

resource "azurerm_key_vault" "cg_kv_open" {
  name                          = "cg-kv-open"
  location                      = "uksouth"
  resource_group_name           = "cg-rg"
  tenant_id                     = "11111111-1111-1111-1111-111111111111"
  sku_name                      = "standard"
  soft_delete_retention_days    = 7
  purge_protection_enabled      = false
  enable_rbac_authorization     = false
  public_network_access_enabled = true

  network_acls {
    default_action = "Allow"
    bypass         = "AzureServices"
  }
}

resource "azurerm_network_security_group" "cg_nsg_open" {
  name                = "cg-nsg-open"
  location            = "uksouth"
  resource_group_name = "cg-rg"

  security_rule {
    name                       = "ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "mysql"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3306"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}

resource "azurerm_kubernetes_cluster" "cg_aks" {
  name                   = "cg-aks"
  location               = "uksouth"
  resource_group_name    = "cg-rg"
  dns_prefix             = "cg"
  local_account_disabled = false

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  network_profile {
    network_plugin = "kubenet"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_linux_virtual_machine" "cg_vm" {
  name                            = "cg-vm"
  resource_group_name             = "cg-rg"
  location                        = "uksouth"
  size                            = "Standard_B2s"
  admin_username                  = "azureuser"
  admin_password                  = "not-a-real-password-1!"
  disable_password_authentication = false
  network_interface_ids           = ["/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/cg-rg/providers/Microsoft.Network/networkInterfaces/cg-vm"]

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}

resource "azurerm_log_analytics_workspace" "cg_logs" {
  name                = "cg-logs"
  location            = "uksouth"
  resource_group_name = "cg-rg"
  retention_in_days   = 30
}
