module "bucket" {
  source = "../../modules/bucket"
  name   = "example-two"
}
