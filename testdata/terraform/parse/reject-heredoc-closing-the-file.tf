# HCL requires a newline after a heredoc's closing marker: a file that
# ends right after it is rejected ("Unterminated template string").
locals {
  x = 1
}

policy = <<EOT
{}
EOT