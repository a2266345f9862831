resource "azurerm_role_definition" "network_god" {
  name  = "Network God"
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000"

  permissions {
    actions     = ["*"] # expect: CG-AZ-013 azurerm_role_definition.network_god
    not_actions = ["Microsoft.Authorization/*/Delete"]
  }

  assignable_scopes = ["/subscriptions/00000000-0000-0000-0000-000000000000"]
}
