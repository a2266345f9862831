# Defaults as Terraform applies them: an `optional(type, default)` attribute
# left out, and a null argument to a `nullable = false` variable.
module "store" {
  source            = "./modules/store"
  settings          = {}
  storage_encrypted = null
}
