module "bucket" {
  source = "../../modules/bucket"
  name   = "example-one"
}
