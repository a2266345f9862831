# The cluster's log bucket in Terraform, its workloads as manifests beside it.
resource "aws_s3_bucket" "cluster_logs" {
  bucket = "core-cluster-logs"
}

provider "aws" {
  region = "eu-west-2"
}
