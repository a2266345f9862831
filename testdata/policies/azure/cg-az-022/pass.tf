resource "azurerm_kubernetes_cluster" "cilium" {
  name                = "aks-telco-5gc"
  location            = "uksouth"
  resource_group_name = "rg-telco-core"
  dns_prefix          = "telco5gc"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
  }
}

resource "azurerm_kubernetes_cluster" "calico" {
  name                = "aks-telco-oss"
  location            = "uksouth"
  resource_group_name = "rg-telco-oss"
  dns_prefix          = "telcooss"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  network_profile {
    network_plugin = "kubenet"
    network_policy = "calico"
  }
}
