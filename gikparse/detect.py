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
    text = normalize("".join(table_texts))
    hits = {v: tuple(m for m in markers if m in text) for v, markers in _MARKERS.items()}
    by_year = template_for_year(year).variant if year is not None else None
    best = max(hits, key=lambda v: (len(hits[v]), v == by_year))
    if not hits[best]:
        return TemplateEvidence(variant=by_year, evidence=(), by_year=by_year)
    return TemplateEvidence(variant=best, evidence=hits[best], by_year=by_year)
