resource "aws_kms_key" "logs" {
  description         = "CloudTrail and flow log encryption"
  enable_key_rotation = true
}

resource "aws_kms_key" "explicit_symmetric" {
  description              = "S3 data"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  enable_key_rotation      = true
  rotation_period_in_days  = 180
}

# Asymmetric signing key: automatic rotation is not supported, not assessed.
resource "aws_kms_key" "firmware_signing" {
  description              = "Firmware image signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ECC_NIST_P256"
}

# HMAC key: automatic rotation is not supported, not assessed.
resource "aws_kms_key" "token_mac" {
  description              = "Session token MAC"
  key_usage                = "GENERATE_VERIFY_MAC"
  customer_master_key_spec = "HMAC_256"
}
