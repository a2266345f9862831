resource "azurerm_role_definition" "noc_operator" {
  name  = "NOC Operator"
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000"

  permissions {
    actions = [
      "Microsoft.Network/*/read",
      "Microsoft.Compute/virtualMachines/restart/action",
    ]
    not_actions = ["*"]
  }

  assignable_scopes = ["/subscriptions/00000000-0000-0000-0000-000000000000"]
}

resource "azurerm_role_definition" "data_reader" {
  name  = "CDR Reader"
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000"

  permissions {
    data_actions = ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"]
  }
}
