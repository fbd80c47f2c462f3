"""The templates as data agree with themselves and with the spec's rules."""

from __future__ import annotations

import itertools

import pytest

from gikparse.detect import marker_labels
from gikparse.normalize import normalize, strip_ordinal
from gikparse.schema import SECTIONS, TEMPLATES, Template, template, template_for_year

VARIANTS = sorted(TEMPLATES)


@pytest.fixture(params=VARIANTS)
def tpl(request: pytest.FixtureRequest) -> Template:
    found: Template = TEMPLATES[request.param]
    return found


def test_table_ids_are_unique(tpl: Template) -> None:
    ids = [t.qualified_id for t in tpl.tables]
    assert len(ids) == len(set(ids))


def test_row_and_column_ids_are_unique_per_table(tpl: Template) -> None:
    for spec in tpl.tables:
        rows = [r.id for r in spec.all_rows()]
        columns = [c.id for c in spec.columns]
        assert len(rows) == len(set(rows)), spec.id
        assert len(columns) == len(set(columns)), spec.id


def test_normalised_labels_name_one_row_within_its_group(tpl: Template) -> None:
    for spec in tpl.tables:
        seen: dict[tuple[str | None, str], str] = {}
        for row in spec.all_rows():
            for key in row.keys:
                slot = (row.group, key)
                assert seen.setdefault(slot, row.id) == row.id, (spec.id, key)


def test_normalised_column_labels_are_unique(tpl: Template) -> None:
    for spec in tpl.tables:
        keys = [k for c in spec.columns for k in c.keys]
        assert len(keys) == len(set(keys)), spec.id


def test_section_two_row_labels_are_unique_across_its_tables(tpl: Template) -> None:
    # The engine finds section 二's rows by label alone, so no label may name two rows.
    keys = [k for spec in tpl.active_disclosure for r in spec.rows for k in r.keys]
    assert len(keys) == len(set(keys))


def test_rules_reference_real_ids(tpl: Template) -> None:
    for spec in tpl.tables:
        rows = {r.id for r in spec.all_rows()}
        columns = {c.id for c in spec.columns}
        for rule in spec.rules:
            universe = rows if rule.axis == "column" else columns
            assert rule.axis in ("row", "column")
            assert set(rule.lhs) <= universe, rule.code
            assert set(rule.rhs) <= universe, rule.code
            assert not set(rule.lhs) & set(rule.rhs), rule.code


def test_outcome_total_rule_covers_every_printed_outcome_leaf(tpl: Template) -> None:
    spec = tpl.applications
    leaves = {r.id for r in spec.rows if r.id.startswith("outcome.") and r.id != "outcome.total"}
    rule = next(r for r in spec.rules if r.lhs == ("outcome.total",))
    assert set(rule.rhs) == leaves


def test_editions_differ_where_the_spec_says() -> None:
    old, new = TEMPLATES["2020"], TEMPLATES["2021"]
    assert "procurement" in {t.id for t in old.active_disclosure}
    assert "procurement" not in {t.id for t in new.active_disclosure}
    assert [c.id for c in new.table("fees").columns] == ["amount"]
    assert "outcome.other" in {r.id for r in old.applications.rows}
    assert {"outcome.other.no_correction", "outcome.other.unpaid_fee", "outcome.other.other"} <= {
        r.id for r in new.applications.rows
    }


def test_section_headings_are_found_by_their_own_phrases() -> None:
    for spec in SECTIONS:
        assert any(p in normalize(spec.heading) for p in spec.phrases), spec.id


def test_markers_are_distinctive() -> None:
    markers = marker_labels()
    for a, b in itertools.permutations(markers, 2):
        assert not set(markers[a]) & set(markers[b])
    assert markers["2020"] and markers["2021"]


def test_template_lookup() -> None:
    assert template("2020") is TEMPLATES["2020"]
    with pytest.raises(ValueError, match="unknown template"):
        template("1999")
    assert template_for_year(2019).variant == "2020"
    assert template_for_year(2020).variant == "2020"
    assert template_for_year(2024).variant == "2021"


def test_labels_keep_their_official_form() -> None:
    spec = TEMPLATES["2021"].applications
    row = next(r for r in spec.rows if r.id == "outcome.refused.state_secret")
    assert row.label == "1.属于国家秘密"
    assert strip_ordinal(normalize(row.label)) in row.keys


def test_detection_counts_each_printed_label_once_and_says_when_it_cannot_tell() -> None:
    from gikparse.detect import detect_template

    one_each = ["本年新制作数量", "本年制发件数"]
    assert detect_template(one_each, None).variant is None
    assert detect_template(one_each, 2020).variant == "2020"
    evidence = detect_template(["本年新制作数量"], None)
    assert evidence.variant == "2020"
    assert evidence.evidence == ("本年新制作数量",)
