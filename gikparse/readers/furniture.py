"""Page furniture: page numbers and running footers that land inside tables and prose."""

from __future__ import annotations

import re  # these patterns need no Unicode properties; plain re runs them faster

__all__ = ["is_page_furniture"]

# Page numbers and running footers that PDFs and copies drop into the middle of tables.
_FURNITURE = re.compile(
    r"""^(?:
        [-—–－_·\s]+\d{1,4}[-—–－_·\s]+
      | 第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?
      | \d{1,4}\s*/\s*\d{1,4}
      | (?:page|Page|PAGE)\s*\d{1,4}(?:\s*of\s*\d{1,4})?
    )$""",
    re.VERBOSE,
)


def is_page_furniture(text: str) -> bool:
    """True for a line that is only a page number or footer: ``— 3 —``, ``第 3 页``, ``3/12``."""
    return _FURNITURE.match(text.strip()) is not None
