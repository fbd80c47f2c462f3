"""Which template edition a report's tables follow, and the labels that say so."""

from __future__ import annotations

from collections.abc import Iterable

from gikparse.model import TemplateEvidence
from gikparse.normalize import normalize, strip_ordinal
from gikparse.schema import TEMPLATES, Template, template_for_year

__all__ = ["detect_template", "marker_labels"]


def _keys(template: Template) -> set[str]:
    keys: set[str] = set()
    for spec in template.active_disclosure:
        keys.update(k for c in spec.columns for k in c.keys)
        keys.update(k for r in spec.rows for k in r.keys)
        if spec.caption:
            keys.add(normalize(spec.caption))
    for row in template.applications.rows:
        keys.update(row.keys)
        if row.group:
            keys.add(strip_ordinal(normalize(row.group)))
    return keys


def marker_labels() -> dict[str, tuple[str, ...]]:
    """Normalised labels that only one edition prints: derived from the template data."""
    keys = {variant: _keys(t) for variant, t in TEMPLATES.items()}
    out: dict[str, tuple[str, ...]] = {}
    for variant, own in keys.items():
        others = set().union(*(k for v, k in keys.items() if v != variant))
        # Short markers ("其他") would match everywhere; keep distinctive ones.
        out[variant] = tuple(sorted(k for k in own - others if len(k) >= 4))
    return out


_MARKERS = marker_labels()


def detect_template(table_texts: Iterable[str], year: int | None) -> TemplateEvidence:
    """Decide the edition from the labels of sections 二 and 三; the year breaks ties."""
    # normalize() drops the tabs between cells and works character by character, so the
    # cells can be normalised one by one: labels recur in every report and are cached, where
    # the whole text is new each time (NFKC of Han text costs ~0.1 µs a character).
    cells = "\t".join(table_texts).split("\t")
    # Most cells are plain counts, which normalise to themselves.
    text = "".join([c if c.isdigit() and c.isascii() else normalize(c) for c in cells])
    hits = {v: _found(markers, text) for v, markers in _MARKERS.items()}
    by_year = template_for_year(year).variant if year is not None else None
    ranked = sorted(hits, key=lambda v: len(hits[v]), reverse=True)
    best = ranked[0]
    tie = len(ranked) > 1 and len(hits[ranked[1]]) == len(hits[best])
    if not hits[best] or tie:
        # No evidence, or as much for both editions: the year decides (or nothing does).
        evidence = tuple(m for v in ranked for m in hits[v]) if tie else ()
        return TemplateEvidence(variant=by_year, evidence=evidence, by_year=by_year)
    return TemplateEvidence(variant=best, evidence=hits[best], by_year=by_year)


def _found(markers: tuple[str, ...], text: str) -> tuple[str, ...]:
    """Markers found in ``text``, each printed label counted once ("新制作数量" is part of
    "本年新制作数量")."""
    present = [m for m in markers if m in text]
    return tuple(m for m in present if not any(m != o and m in o for o in present))
