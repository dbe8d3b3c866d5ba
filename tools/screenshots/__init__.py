"""Scripts that regenerate docs/screenshots/; outside the package, they may import app."""
