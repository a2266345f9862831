resource "azurerm_security_center_subscription_pricing" "servers" {
  tier          = "Free" # expect: CG-AZ-016 azurerm_security_center_subscription_pricing.servers
  resource_type = "VirtualMachines"
}
