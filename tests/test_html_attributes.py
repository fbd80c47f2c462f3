"""Tags end, and hold the attributes, that the HTML standard's tokenizer finds.

The reader finds tags with regular expressions; the reference here is the standard's state
machine for a start tag's attributes (HTML Living Standard 13.2.5.32-40), written out state
by state. Generated attribute text full of the characters that change states (``=``, quotes,
``/``, ``>``, whitespace) must end the tag where the state machine ends it and give the same
attributes; in a table cell, the text after the tag must be the cell's text, as a browser
shows it (checked against Chromium while writing these: ``<span a=b="c d='x"y>z'>6`` shows
``6``, ``<span =">5">`` shows ``5">``).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gikparse.readers._html_markup import ATTRS, NAME_END, attributes
from gikparse.readers.document import LineKind
from gikparse.readers.html import read_html

_WS = "\t\n\f\r "
_SPAN = re.compile(f"<span{NAME_END}({ATTRS})>")


def _tokenized(page: str, at: int) -> tuple[int, list[tuple[str, str]]] | None:
    """The start tag whose name ends at ``at``, tokenized as the standard says: where it ends
    (after its ">") and its attributes, the first of each name; None when the page ends
    inside it."""
    attrs: list[tuple[str, str]] = []
    state = "before name"
    i = at
    while i < len(page):
        c = page[i]
        if state == "before name":
            if c in _WS or c == "/":
                i += 1
            elif c == ">":
                state = "after name"
            else:  # "=" too starts a name
                attrs.append((c, ""))
                state = "name"
                i += 1
        elif state == "name":
            if c in _WS or c in "/>":
                state = "after name"
            elif c == "=":
                state = "before value"
                i += 1
            else:  # quotes and "<" too
                attrs[-1] = (attrs[-1][0] + c, "")
                i += 1
        elif state == "after name":
            if c in _WS:
                i += 1
            elif c == "/":  # self-closing flag, then (no ">") before a name again
                state = "before name"
                i += 1
            elif c == "=":
                state = "before value"
                i += 1
            elif c == ">":
                break
            else:
                attrs.append(("", ""))
                state = "name"
        elif state == "before value":
            if c in _WS:
                i += 1
            elif c in "\"'":
                state = c
                i += 1
            elif c == ">":
                break
            else:
                state = "unquoted"
        elif state in "\"'":
            if c == state:
                state = "after quoted"
            else:
                attrs[-1] = (attrs[-1][0], attrs[-1][1] + c)
            i += 1
        elif state == "unquoted":
            if c in _WS:
                state = "before name"
            elif c == ">":
                break
            else:  # quotes, "=" and "<" too
                attrs[-1] = (attrs[-1][0], attrs[-1][1] + c)
            i += 1
        elif c == ">":  # after a quoted value
            break
        else:
            state = "before name"
            i += c in _WS or c == "/"
    else:
        return None
    first: dict[str, str] = {}
    for name, value in attrs:
        first.setdefault(name, value)
    return i + 1, list(first.items())


_ATTRIBUTE_TEXT = st.text(alphabet="ab=\"' \t/>", max_size=24)
_TRICKY = (
    '="',
    "a=b=\"c d='x\"y>z'",
    'a"=">x"',
    'a="x"=">5"',
    'a==">5"',
    'style="color:red" style="display:none"',
    "a= b= c= d=",
    "a = 'x y>z' b",
    'a=">',
)


@given(_ATTRIBUTE_TEXT)
@pytest.mark.parametrize("tricky", _TRICKY)
def test_a_tag_ends_and_holds_attributes_as_the_standard_tokenizes_it(
    tricky: str, text: str
) -> None:
    for attribute_text in (tricky, text, f"{tricky} {text}", f"{text}{tricky}"):
        page = f"<span {attribute_text}>5</span>"
        expected = _tokenized(page, len("<span"))
        found = _SPAN.match(page)
        if expected is None:
            assert found is None
            continue
        assert found is not None
        assert found.end() == expected[0]
        assert attributes(found.group(1)) == [(k, v or None) for k, v in expected[1]]


@given(st.text(alphabet="ab=\"' \t/>1", max_size=24))
@example("a=b=\"c d='x\"y>1'")
@example('="')
@example('a"=">1"')
def test_a_cells_text_is_what_follows_its_tags(attribute_text: str) -> None:
    # Only the span's attributes vary: the cell holds "<span …>5</span>", and what a browser
    # shows is what follows the span's start tag as the standard ends it.
    for cell in (f"<span {attribute_text}>5</span>", f"0<span {attribute_text}>5</span>"):
        page = f"<table><tr><td>a</td><td>{cell}</td></tr></table>"
        start = page.index("<span")
        tag = _tokenized(page, start + len("<span"))
        if tag is None:
            continue  # the rest of the page is inside the tag (read otherwise, with P419)
        shown = (
            page[page.index("<td>", start - 6) + 4 : start] + page[tag[0] : page.index("</span>")]
        )
        rows = [line for line in read_html(page).lines if line.kind is LineKind.ROW]
        assert len(rows) == 1
        assert [c.text for c in rows[0].cells] == ["a", " ".join(shown.split())]


def test_a_second_attribute_of_one_name_is_dropped_as_browsers_drop_it() -> None:
    # A second style that hides hides nothing; a second colspan spans nothing.
    page = (
        '<table><tr><td>a</td><td>5<span style="color:red" style="display:none">6</span></td>'
        "<td colspan=1 colspan=2>7</td></tr><tr><td>b</td><td>8</td><td>9</td></tr></table>"
    )
    rows = [line for line in read_html(page).lines if line.kind is LineKind.ROW]
    assert [[(c.text, c.col_span) for c in row.cells] for row in rows] == [
        [("a", 1), ("56", 1), ("7", 1)],
        [("b", 1), ("8", 1), ("9", 1)],
    ]


@given(_ATTRIBUTE_TEXT, st.sampled_from(["span", "b", "div", "p", "font"]))
@example('title=">"', "div")
@example('title=">"', "span")
@example('a=b="\'>1"', "p")
def test_an_end_tag_ends_as_a_start_tag_does(attribute_text: str, tag: str) -> None:
    # Browsers read an end tag's attributes (and ignore them): a quoted ">" does not end it.
    page = f"<table><tr><td>a</td><td>5</{tag} {attribute_text}>6</td></tr></table>"
    start = page.index(f"</{tag}")
    end_tag = _tokenized(page, start + len(f"</{tag}"))
    if end_tag is None:
        return
    shown = "5" + page[end_tag[0] : page.index("</td>", end_tag[0])]
    rows = [line for line in read_html(page).lines if line.kind is LineKind.ROW]
    assert len(rows) == 1
    assert ["".join(c.text.split()) for c in rows[0].cells] == ["a", "".join(shown.split())]
