# azurerm 3.x: api_server_authorized_ip_ranges, renamed to
# api_server_access_profile[0].authorized_ip_ranges.
resource "azurerm_kubernetes_cluster" "v3_open" {
  name                            = "aks-telco-v3"
  location                        = "uksouth"
  resource_group_name             = "rg-telco-core"
  dns_prefix                      = "telcov3"
  local_account_disabled          = true
  api_server_authorized_ip_ranges = ["0.0.0.0/0"] # expect: CG-AZ-015 azurerm_kubernetes_cluster.v3_open

  azure_active_directory_role_based_access_control {
    managed            = true
    azure_rbac_enabled = true
  }

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }
}

# azurerm 2.x: Kubernetes RBAC off in the role_based_access_control block.
resource "azurerm_kubernetes_cluster" "v2_no_rbac" {
  name                    = "aks-telco-v2"
  location                = "uksouth"
  resource_group_name     = "rg-telco-core"
  dns_prefix              = "telcov2"
  private_cluster_enabled = true
  local_account_disabled  = true

  role_based_access_control {
    enabled = false # expect: CG-AZ-015 azurerm_kubernetes_cluster.v2_no_rbac

    azure_active_directory {
      managed = true
    }
  }

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }
}
