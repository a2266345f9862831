resource "azurerm_kubernetes_cluster" "no_profile" { # expect: CG-AZ-022 azurerm_kubernetes_cluster.no_profile
  name                = "aks-telco-lab"
  location            = "uksouth"
  resource_group_name = "rg-telco-lab"
  dns_prefix          = "telcolab"

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }
}

resource "azurerm_kubernetes_cluster" "no_policy" {
  name                = "aks-telco-oss"
  location            = "uksouth"
  resource_group_name = "rg-telco-oss"
  dns_prefix          = "telcooss"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  network_profile { # expect: CG-AZ-022 azurerm_kubernetes_cluster.no_policy
    network_plugin = "kubenet"
  }
}
