"""``python -m gikparse``: the same as the ``gikparse`` command."""

from __future__ import annotations

import sys

from gikparse.cli import main

if __name__ == "__main__":
    sys.exit(main())
