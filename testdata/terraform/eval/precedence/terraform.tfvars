from_auto = true
from_cli  = true
retention = "30"
