"""Start the app from a checkout: `python main.py` is `uv run facilitator`."""

import sys

from facilitator.cli import main

if __name__ == "__main__":
    sys.exit(main())
