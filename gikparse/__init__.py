"""gikparse: Chinese government information disclosure annual reports as typed, checked data.

>>> import gikparse
>>> report = gikparse.parse("report.pdf")          # doctest: +SKIP
>>> report.table("applications").value("received", "total")  # doctest: +SKIP
"""

from __future__ import annotations

from gikparse.api import (
    is_path_like,
    parse,
    parse_active_disclosure,
    parse_active_disclosure_2020,
    parse_active_disclosure_2021,
    parse_applications,
    parse_applications_2020,
    parse_applications_2021,
    parse_docx,
    parse_html,
    parse_other_matters,
    parse_overview,
    parse_pdf,
    parse_problems,
    parse_review_litigation,
    parse_text,
)
from gikparse.batch import BatchError, BatchResult, parse_many
from gikparse.checks import (
    CellRef,
    Consistency,
    Finding,
    FindingStatus,
    check,
    check_series,
    consistency,
    findings_to_json,
    format_findings,
    is_consistent,
)
from gikparse.errors import (
    Diagnostic,
    FileNotFoundError,
    GikparseError,
    IsADirectoryError,
    ParseError,
    Severity,
    SourceError,
)
from gikparse.ids import CellId, cell_ids
from gikparse.limits import DEFAULT_LIMITS, LimitExceeded, Limits
from gikparse.location import Location
from gikparse.model import Cell, Contact, Meta, Report, Section, Table, TemplateEvidence, Value
from gikparse.numbers import ValueStatus
from gikparse.parser import parse_document
from gikparse.readers.document import Document, Line, LineKind, TextCell

__version__ = "0.1.0"

__all__ = (
    "DEFAULT_LIMITS",
    "BatchError",
    "BatchResult",
    "Cell",
    "CellId",
    "CellRef",
    "Consistency",
    "Contact",
    "Diagnostic",
    "Document",
    "FileNotFoundError",
    "Finding",
    "FindingStatus",
    "GikparseError",
    "IsADirectoryError",
    "LimitExceeded",
    "Limits",
    "Line",
    "LineKind",
    "Location",
    "Meta",
    "ParseError",
    "Report",
    "Section",
    "Severity",
    "SourceError",
    "Table",
    "TemplateEvidence",
    "TextCell",
    "Value",
    "ValueStatus",
    "__version__",
    "cell_ids",
    "check",
    "check_series",
    "consistency",
    "findings_to_json",
    "format_findings",
    "is_consistent",
    "is_path_like",
    "parse",
    "parse_active_disclosure",
    "parse_active_disclosure_2020",
    "parse_active_disclosure_2021",
    "parse_applications",
    "parse_applications_2020",
    "parse_applications_2021",
    "parse_document",
    "parse_docx",
    "parse_html",
    "parse_many",
    "parse_other_matters",
    "parse_overview",
    "parse_pdf",
    "parse_problems",
    "parse_review_litigation",
    "parse_text",
)


def __dir__() -> list[str]:
    return list(__all__)
