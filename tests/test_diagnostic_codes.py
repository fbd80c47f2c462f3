"""The diagnostic catalogue lists exactly the codes the parser can report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gikparse.diagnostic_codes import DIAGNOSTIC_CODES, diagnostic_code

PACKAGE = Path(__file__).parents[1] / "gikparse"
_CODE = re.compile(r"[\"'](P\d{3})[\"']")


def _codes_in_source() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name != "diagnostic_codes.py":
            found.update(_CODE.findall(path.read_text("utf-8")))
    return found


def test_the_catalogue_has_every_code_the_source_reports_and_no_other() -> None:
    listed = [d.code for d in DIAGNOSTIC_CODES]
    assert len(listed) == len(set(listed))
    assert set(listed) == _codes_in_source()


def test_codes_are_looked_up_and_unknown_codes_refused() -> None:
    assert diagnostic_code("P208").severity == "error"
    with pytest.raises(KeyError):
        diagnostic_code("P999")


def test_the_guides_list_every_code_with_its_severity() -> None:
    # diagnostics.md lists the codes; the prose facts' P3xx codes are in narrative.md.
    docs = Path(__file__).parents[1] / "docs"
    guides = "".join(
        (docs / name).read_text("utf-8") for name in ("diagnostics.md", "narrative.md")
    )
    rows = dict(re.findall(r"^\| (P\d{3}) \| ([^|]+?) \|", guides, flags=re.MULTILINE))
    assert rows == {d.code: d.severity for d in DIAGNOSTIC_CODES}
