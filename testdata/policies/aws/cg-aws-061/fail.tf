# The setting missing (reported at the resource) or turned off.
resource "aws_opensearch_domain" "missing" { # expect: CG-AWS-061 aws_opensearch_domain.missing
  domain_name = "missing"
  encrypt_at_rest {
    enabled = true
  }
  node_to_node_encryption {
    enabled = true
  }
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-2:111122223333:log-group:/search/audit"
  }
}

resource "aws_elasticsearch_domain" "legacy" { # expect: CG-AWS-061 aws_elasticsearch_domain.legacy
  domain_name = "legacy"
  encrypt_at_rest {
    enabled = true
  }
  node_to_node_encryption {
    enabled = true
  }
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-2:111122223333:log-group:/search/audit"
  }
}
