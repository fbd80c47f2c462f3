"""The document mode a web page's doctype puts it in, as browsers decide it (the HTML
standard's "quirks mode" rules): it decides whether style sheets match class and id names
regardless of case (quirks mode) or case by case (see _html_sheet)."""

from __future__ import annotations

import re

__all__ = ["quirks"]

# The public identifiers of doctypes that put a page in quirks mode (the HTML standard's list,
# by the start of the identifier; HTML 4.01 Transitional and Frameset only without a system
# identifier). In quirks mode, class and id selectors match regardless of case.
_QUIRKS_PUBLIC = (
    "+//silmaril//dtd html pro v0r11 19970101//", "-//as//dtd html 3.0 aswedit + extensions//",
    "-//advasoft ltd//dtd html 3.0 aswedit + extensions//", "-//ietf//dtd html",
    "-//metrius//dtd metrius presentational//", "-//microsoft//dtd internet explorer",
    "-//netscape comm. corp.//dtd", "-//o'reilly and associates//dtd html",
    "-//softquad", "-//spyglass//dtd html 2.0 extended//",
    "-//sq//dtd html 2.0 hotmetal + extensions//", "-//sun microsystems corp.//dtd hotjava",
    "-//w3c//dtd html 3", "-//w3c//dtd html 4.0 frameset//", "-//w3c//dtd html 4.0 transitional//",
    "-//w3c//dtd html experimental", "-//w3c//dtd w3 html//", "-//w3o//dtd w3 html 3.0//",
    "-//webtechs//dtd mozilla html", "-/w3c/dtd html 4.0 transitional/en",
)  # fmt: skip
_QUIRKS_EXACT = frozenset({"html", "-//w3o//dtd w3 html strict 3.0//en//"})
_QUIRKS_WITHOUT_SYSTEM = (
    "-//w3c//dtd html 4.01 frameset//",
    "-//w3c//dtd html 4.01 transitional//",
)
_DWS = "[\t\n\r\f ]*"
_DOCTYPE = re.compile(rf"[\t\n\r\f \ufeff]*(?:<!--.*?-->{_DWS})*<!doctype(?P<body>[^>]*)>", re.S)
_DOCTYPE_NAME = re.compile(rf"{_DWS}(?P<name>[^\t\n\r\f >]*){_DWS}")
_KEYWORD = re.compile(rf"(?P<keyword>public|system){_DWS}")
_QUOTED = re.compile(rf"{_DWS}(?:\"(?P<double>[^\"]*)\"?|'(?P<single>[^']*)'?)")


def _quoted(body: str, at: int) -> tuple[str | None, int]:
    """The quoted identifier at ``at`` of a doctype's body (None if there is none), and
    where it ends."""
    m = _QUOTED.match(body, at)
    if m is None:
        return None, at
    return m.group("double") if m.group("double") is not None else m.group("single"), m.end()


def quirks(low: str) -> bool:
    """Whether the page lowercased is in quirks mode, as browsers decide it from its doctype:
    no doctype (or none first), another name than html, or a legacy public identifier."""
    doctype = _DOCTYPE.match(low)
    if doctype is None:
        return True
    body = doctype.group("body")
    name = _DOCTYPE_NAME.match(body)
    assert name is not None  # (it matches any text)
    if name.group("name") != "html":
        return True
    public = system = None
    keyword = _KEYWORD.match(body, name.end())
    if keyword is not None and keyword.group("keyword") == "public":
        public, after = _quoted(body, keyword.end())
        system, _ = _quoted(body, after)
    elif keyword is not None:
        system, _ = _quoted(body, keyword.end())
    if system == "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd":
        return True
    if public is None:
        return False
    if public.startswith(_QUIRKS_PUBLIC) or public in _QUIRKS_EXACT:
        return True
    return system is None and public.startswith(_QUIRKS_WITHOUT_SYSTEM)
