resource "aws_ecr_repository" "upf" {
  name                 = "core/upf"
  image_tag_mutability = "IMMUTABLE"
}

# Only the "latest" tag stays mutable.
resource "aws_ecr_repository" "tools" {
  name                 = "oss/tools"
  image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"

  image_tag_mutability_exclusion_filter {
    filter      = "latest"
    filter_type = "WILDCARD"
  }
}
