"""Policy: how findings become levels, a score and pass or fail; which style fits which prospect."""
