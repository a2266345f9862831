# Defaults: public API server open to all, local accounts, no Entra ID.
resource "azurerm_kubernetes_cluster" "defaults" { # expect: CG-AZ-015 azurerm_kubernetes_cluster.defaults
  name                = "aks-telco-lab"
  location            = "uksouth"
  resource_group_name = "rg-telco-lab"
  dns_prefix          = "telcolab"

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "local_admin" {
  name                    = "aks-telco-oss"
  location                = "uksouth"
  resource_group_name     = "rg-telco-oss"
  dns_prefix              = "telcooss"
  private_cluster_enabled = true
  local_account_disabled  = false # expect: CG-AZ-015 azurerm_kubernetes_cluster.local_admin

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }
}

resource "azurerm_kubernetes_cluster" "open_ranges" {
  name                   = "aks-telco-bss"
  location               = "uksouth"
  resource_group_name    = "rg-telco-bss"
  dns_prefix             = "telcobss"
  local_account_disabled = true

  api_server_access_profile {
    authorized_ip_ranges = ["0.0.0.0/0"] # expect: CG-AZ-015 azurerm_kubernetes_cluster.open_ranges
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }
}
