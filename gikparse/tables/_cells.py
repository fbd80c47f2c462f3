"""What a table cell holds: its token read as a value, and the diagnostics of one cell."""

from __future__ import annotations

from decimal import Decimal

import regex

from gikparse._tokens import Token, TokenKind
from gikparse.errors import Diagnostic, Severity
from gikparse.model import PendingValue, Value, value_of
from gikparse.numbers import NumberKind, ValueStatus, max_digits, parse_number, plain_count
from gikparse.readers.document import Document, LineKind

# The rest of a number a narrow cell wrapped, when it reads as no number alone (",023").
_PIECE = regex.compile(r"[.,，．]?[0-9０-９][0-9０-９.,，．]*")
_DIGIT = regex.compile(r"[0-9０-９]")
# Enum members as module constants: in Python 3.11 reading ``TokenKind.VALUE`` is a descriptor
# call, and the loops below read them hundreds of times per report.
_LABEL, _VALUE, _EMPTY = TokenKind.LABEL, TokenKind.VALUE, TokenKind.EMPTY
_BLANK, _UNREADABLE = ValueStatus.BLANK, ValueStatus.UNREADABLE
_AMBIGUOUS = Value(None, ValueStatus.AMBIGUOUS)  #: a cell whose number cannot be told
_NUMBER, _MONEY = ValueStatus.NUMBER, NumberKind.MONEY
_RUN = LineKind.RUN


def _diag(
    code: str,
    severity: Severity,
    message: str,
    message_en: str,
    doc: Document,
    token: Token | None,
    *,
    table: str,
    row: str | None = None,
    column: str | None = None,
) -> Diagnostic:
    location = None if token is None else doc.location(token.start, token.end, token.cell)
    return Diagnostic(
        code=code,
        severity=severity,
        message=message,
        message_en=message_en,
        table=table,
        row=row,
        column=column,
        location=location,
    )


def _content(
    doc: Document, token: Token, kind: NumberKind, unit: str | None
) -> Value | PendingValue:
    """What a cell holds: a plain number as a PendingValue (the table makes its Value when it
    is first asked for), anything else as a Value."""
    kind_of_token, text, start, end, cell = token
    location = (doc.line_starts, start, end, cell.page, cell.box, cell.source)
    if kind_of_token is _EMPTY:
        return Value(None, _BLANK, "", location)
    # The display text is the raw text less any markup: the same length means the same text.
    raw = text if end - start == len(text) else doc.text[start:end]
    if kind is not _MONEY and text.isdigit() and text.isascii() and len(text) <= max_digits():
        # A plain count, as parse_number reads it; most cells are, and they need no cache.
        return (int(text), raw, location)
    if (unit is None or unit == "万元") and (count := plain_count(text)) is not None:
        return (Decimal(count) if kind is _MONEY else count, raw, location)
    parsed = parse_number(text, kind, unit)
    return Value(parsed.value, parsed.status, raw, location, parsed.converted_from)


def _value(doc: Document, token: Token, kind: NumberKind, unit: str | None) -> Value:
    return value_of(_content(doc, token, kind, unit))


def _doubtful(doc: Document, token: Token) -> Value:
    """A cell whose number cannot be told: ambiguous, with its raw text and place."""
    cell = token.cell
    location = (doc.line_starts, token.start, token.end, cell.page, cell.box, cell.source)
    return Value(None, ValueStatus.AMBIGUOUS, doc.text[token.start : token.end], location)


def _check_value(
    value: Value, table: str, row: str, column: str, diagnostics: list[Diagnostic]
) -> None:
    if value.status is _UNREADABLE or value.converted_from is not None:
        diagnostics.append(_value_diagnostic(value, table, row, column))


def _value_diagnostic(value: Value, table: str, row: str, column: str) -> Diagnostic:
    """P208 for an unreadable cell, P209 for an amount converted from 元."""
    if value.status is ValueStatus.UNREADABLE:
        code, severity = "P208", Severity.ERROR
        message = f"单元格“{value.raw}”不是数字"
        message_en = f"cell {value.raw!r} is not a number"
    else:
        code, severity = "P209", Severity.INFO
        unit = value.converted_from
        message = f"金额“{value.raw}”以{unit}为单位，已换算为万元"
        message_en = f"amount {value.raw!r} was in {unit} and was converted to 万元"
    return Diagnostic(
        code=code,
        severity=severity,
        message=message,
        message_en=message_en,
        table=table,
        row=row,
        column=column,
        location=value.location,
    )
