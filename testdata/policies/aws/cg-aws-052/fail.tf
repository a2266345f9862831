# Keys written into provider blocks: the default configuration and an alias.
# All values are AWS's documented examples.
provider "aws" {
  region     = "eu-west-2"
  access_key = "AKIAIOSFODNN7EXAMPLE" # expect: CG-AWS-052 provider.aws
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}

provider "aws" {
  alias      = "ireland"
  region     = "eu-west-1"
  access_key = var.ireland_access_key
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" # expect: CG-AWS-052 provider.aws.ireland
}

variable "ireland_access_key" {
  type = string
}
