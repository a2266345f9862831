resource "azurerm_kubernetes_cluster" "core_5g" {
  name                    = "aks-telco-5gc"
  location                = "uksouth"
  resource_group_name     = "rg-telco-core"
  dns_prefix              = "telco5gc"
  private_cluster_enabled = true
  local_account_disabled  = true

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = [azuread_group.aks_admins.object_id]
  }

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }
}

resource "azurerm_kubernetes_cluster" "authorised_ranges" {
  name                   = "aks-telco-bss"
  location               = "uksouth"
  resource_group_name    = "rg-telco-bss"
  dns_prefix             = "telcobss"
  local_account_disabled = true

  api_server_access_profile {
    authorized_ip_ranges = ["198.51.100.0/27"]
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

# azurerm 2.x/3.x names, renamed to the 4.x schema.
resource "azurerm_kubernetes_cluster" "older_names" {
  name                            = "aks-telco-legacy"
  location                        = "uksouth"
  resource_group_name             = "rg-telco-core"
  dns_prefix                      = "telcolegacy"
  local_account_disabled          = true
  api_server_authorized_ip_ranges = ["198.51.100.0/27"]

  role_based_access_control {
    enabled = true

    azure_active_directory {
      managed                = true
      admin_group_object_ids = ["22222222-2222-2222-2222-222222222222"]
    }
  }

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }
}
