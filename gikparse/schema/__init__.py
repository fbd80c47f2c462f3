"""The templates as data: one source of truth for ids, labels, aliases and sum rules."""

from __future__ import annotations

from gikparse.schema._spec import ColumnSpec, RowSpec, SectionSpec, SumRule, TableSpec, Template
from gikparse.schema.common import SECTIONS
from gikparse.schema.y2020 import TEMPLATE as TEMPLATE_2020
from gikparse.schema.y2021 import TEMPLATE as TEMPLATE_2021

__all__ = [
    "SECTIONS",
    "TEMPLATES",
    "UNKNOWN_EDITION_READ_AS",
    "ColumnSpec",
    "RowSpec",
    "SectionSpec",
    "SumRule",
    "TableSpec",
    "Template",
    "template",
    "template_for_year",
]

TEMPLATES: dict[str, Template] = {"2020": TEMPLATE_2020, "2021": TEMPLATE_2021}
#: The edition a report is parsed as when nothing tells which (P111).
UNKNOWN_EDITION_READ_AS = "2021"


def template(variant: str) -> Template:
    """The template of ``variant`` (``"2020"`` or ``"2021"``)."""
    try:
        return TEMPLATES[variant]
    except KeyError:
        raise ValueError(f"unknown template variant {variant!r}; known: 2020, 2021") from None


def template_for_year(year: int) -> Template:
    """The template the format prescribes for a report on ``year``."""
    return TEMPLATE_2020 if year <= TEMPLATE_2020.years[1] else TEMPLATE_2021
