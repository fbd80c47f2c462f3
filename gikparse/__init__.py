"""gikparse: Chinese government information disclosure annual reports as typed, checked data."""

from __future__ import annotations

__version__ = "0.1.0"
