# Default certificate: still accepts TLS 1.0.
resource "aws_cloudfront_distribution" "default_cert" { # expect: CG-AWS-027 aws_cloudfront_distribution.default_cert
  enabled = true

  origin {
    domain_name = "downloads.s3.eu-west-2.amazonaws.com"
    origin_id   = "downloads"
  }

  default_cache_behavior {
    target_origin_id       = "downloads"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

# An ordered behaviour that allows plain HTTP.
resource "aws_cloudfront_distribution" "http_path" { # expect: CG-AWS-027 aws_cloudfront_distribution.http_path
  enabled = true

  origin {
    domain_name = "portal-alb.eu-west-2.elb.amazonaws.com"
    origin_id   = "portal-alb"
  }

  default_cache_behavior {
    target_origin_id       = "portal-alb"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }

  ordered_cache_behavior {
    path_pattern           = "/legacy/*"
    target_origin_id       = "portal-alb"
    viewer_protocol_policy = "allow-all"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

# Custom certificate with an old minimum protocol.
resource "aws_cloudfront_distribution" "tls11" { # expect: CG-AWS-027 aws_cloudfront_distribution.tls11
  enabled = true

  origin {
    domain_name = "api-alb.eu-west-2.elb.amazonaws.com"
    origin_id   = "api-alb"
  }

  default_cache_behavior {
    target_origin_id       = "api-alb"
    viewer_protocol_policy = "https-only"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789014"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.1_2016"
  }
}
