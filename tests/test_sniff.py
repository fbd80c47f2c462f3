"""Telling kinds of files apart from their bytes, in time linear in what is looked at."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from gikparse.readers.sniff import sniff, sniff_text

# Inputs on which a backtracking pattern takes minutes (each colon or comment doubles the work);
# sniffing looks at 64 KB at most, so each must take well under a second. With the kind each is.
_HOSTILE = {
    "colons": (b"10:30:00 start\n" * 30, "text"),
    # (A page may start with a <link>: markup.)
    "comments": (
        b"<!-- c -->\n" * 24 + b"<link rel=stylesheet href=a.css>\n" + "一、总体情况\n".encode(),
        "html",
    ),
    "unclosed comment": (b"<!--" * 1000, "text"),
    "open tags": (b"x <p" * 2000, "text"),
    "space": (b" " * 60000 + b"x", "text"),
}


@pytest.mark.parametrize("name", sorted(_HOSTILE))
def test_sniffing_hostile_heads_ends_at_once(name: str) -> None:
    # In a child process with a time-out, so that a regression fails instead of hanging.
    code = textwrap.dedent(
        f"""
        from gikparse.readers.sniff import sniff, sniff_text
        data = {_HOSTILE[name][0]!r}
        print(sniff(data), sniff_text(data.decode("utf-8", "replace")))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == [_HOSTILE[name][1]] * 2


@pytest.mark.parametrize(
    "head",
    [
        "<!DOCTYPE html><html><body>",
        "\ufeff  <!-- saved from url --> <!-- x -->\n<html>",
        '<?xml version="1.0"?>\n<!-- c --><html xmlns="http://www.w3.org/1999/xhtml">',
        "<table><tr><td>1</td></tr></table>",
        "<p>一、总体情况</p>",
    ],
)
def test_markup_after_bom_comments_and_declarations_is_html(head: str) -> None:
    assert sniff_text(head) == "html"
    assert sniff(head.encode("utf-8")) == "html"
    assert sniff(head.encode("utf-16")) == "html"
    if "\ufeff" not in head:
        assert sniff(head.encode("gb18030")) == "html"


@pytest.mark.parametrize(
    "text",
    ["一、总体情况\n本年度……", "<!-- only a comment -->\n报告正文", "a < b and c > d\n", ""],
)
def test_text_that_only_mentions_markup_is_text(text: str) -> None:
    assert sniff_text(text) == "text"
    assert sniff(text.encode("utf-8")) == "text"


def test_mime_headers_before_mime_version_make_an_mht_archive() -> None:
    mht = b"From: <Saved by Windows Internet Explorer>\r\nSubject: x\r\n X-Folded: y\r\n"
    mht += b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n"
    assert sniff(mht) == "mht"
    assert sniff(b"Subject: notes\r\n\r\nMIME-Version: 1.0 multipart/related") == "text"
