"""The steps that were quadratic in issue 9 give the same answers as before, in linear time.

Timing is left to bench/bench_scaling.py; these tests check behaviour: each rewritten step
against the straightforward (quadratic) definition it replaces.
"""

from __future__ import annotations

import itertools

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from gikparse.narrative._contact import _first_email
from gikparse.narrative._view import _fold
from gikparse.readers._pdf_aligned import _chains, _Frag, _Run
from gikparse.tables._build import _usual_width

#: the single pattern _first_email replaces; it backtracks quadratically on long runs
_EMAIL_REFERENCE = regex.compile(
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)


@settings(max_examples=500)
@given(st.lists(st.sampled_from([*"ab1.@-x %", "cn", "@@", "＠"]), max_size=20).map("".join))
def test_first_email_is_the_first_match_of_the_one_pattern(text: str) -> None:
    m = _EMAIL_REFERENCE.search(_fold(text))
    assert _first_email(text) == (None if m is None else m.group(0))


def test_an_address_after_twenty_thousand_digits_is_found() -> None:
    assert _first_email("9" * 20_000 + " 联系邮箱 office@example.gov.cn") == "office@example.gov.cn"


def _reference_chains_above(frags: list[_Frag]) -> list[_Frag | None]:
    """For each fragment, the one the old scan found above it (the last earlier-line fragment
    it is below), or None."""
    out: list[_Frag | None] = []
    for f in frags:
        above = None
        for g in reversed(frags):
            if g.line < f.line and f.below(g):
                above = g
                break
        out.append(above)
    return out


@st.composite
def _stacked_frags(draw: st.DrawFn) -> list[_Frag]:
    """Lines of runs in columns, 12 pt apart (tightly stacked at size 20), left to right."""
    frags = []
    for line in range(draw(st.integers(1, 6))):
        x = 0.0
        for _ in range(draw(st.integers(1, 4))):
            x += draw(st.integers(1, 30))
            width = draw(st.integers(1, 30))
            col = -1 if x < 20 else int(x // 20)
            last = -1 if col < 0 else max(col, int((x + width) // 20) - 1)
            y0 = 700.0 - 12 * line
            text = draw(st.sampled_from(["字", "一、", "12", "字字"]))
            run = _Run(text, (x, y0, x + width, y0 + 10), 20.0, text == "12")
            frags.append(_Frag(line, col, last, run))
            x += width
    return frags


@given(_stacked_frags())
def test_unruled_chains_link_what_the_full_scan_links(frags: list[_Frag]) -> None:
    chains = _chains(frags, set())
    above = _reference_chains_above(frags)
    index = {id(f): i for i, f in enumerate(frags)}
    for chain in chains:
        for upper, lower in itertools.pairwise(chain):
            assert above[index[id(lower)]] is upper


def test_usual_width_is_the_commonest_width_first_on_a_tie() -> None:
    class Draft:
        def __init__(self, width: int) -> None:
            self.width = width

    drafts = [Draft(w) for w in (0, 7, 9, 9, 7, 0, 8)]
    assert _usual_width(drafts) == 7  # type: ignore[arg-type]
    assert _usual_width([]) == 0
