"""Finding rows by label: which template row, group or header a label cell names."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import attrs

from gikparse.normalize import has_han, normalize, split_ordinal
from gikparse.schema import ColumnSpec, RowSpec

_MEMO_LIMIT = 50_000
_MEMO_LENGTH = 80  # labels are shorter; longer cells are prose met once
_HEADER_WORDS = frozenset(
    normalize(w)
    for w in ("信息内容", "申请人情况", "法人或其他组织", "本年度办理结果", "行政诉讼", "行政复议")
)


@attrs.frozen
class _Matcher:
    rows: tuple[RowSpec, ...]
    header_keys: frozenset[str]
    group_keys: frozenset[str]
    _memo: dict[tuple[str, str | None], tuple[str, RowSpec | None, str]] = attrs.field(
        factory=dict, eq=False, repr=False
    )

    @classmethod
    def of(cls, rows: Sequence[RowSpec], columns: Sequence[ColumnSpec]) -> _Matcher:
        return _matcher(tuple(rows), tuple(columns))

    @classmethod
    def build(cls, rows: tuple[RowSpec, ...], columns: tuple[ColumnSpec, ...]) -> _Matcher:
        header = {k for c in columns for k in c.keys} | _HEADER_WORDS
        groups = {r.group_key for r in rows if r.group_key}
        return cls(tuple(rows), frozenset(header), frozenset(groups))

    def classify(self, text: str, group: str | None) -> tuple[str, RowSpec | None, str]:
        """("row"|"partial"|"group"|"header"|"unknown", row spec, core key)."""
        if len(text) > _MEMO_LENGTH:
            return self._classify(text, group)  # prose, not a label: met once
        key = (text, group)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > _MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[key] = self._classify(text, group)
        return found

    def _classify(self, text: str, group: str | None) -> tuple[str, RowSpec | None, str]:
        number, _, core = split_ordinal(normalize(text))
        if not core:
            return "unknown", None, core
        found = self._classify_alone(core, number, group)
        if found[0] in ("row", "partial"):
            return found
        # A merged group or header cell copied into the same cell as the row's own label:
        # "（三）不予公开 1.属于国家秘密", "三、本年度办理结果 （一）予以公开".
        for prefix in (*self.group_keys, *_HEADER_WORDS):
            rest = core[len(prefix) :]
            if core.startswith(prefix) and rest:
                inner = self._classify(rest, prefix if prefix in self.group_keys else group)
                if inner[0] in ("row", "partial"):
                    return inner
        return found

    def _classify_alone(
        self, core: str, number: int | None, group: str | None
    ) -> tuple[str, RowSpec | None, str]:
        # A printed ordinal rules out rows numbered otherwise ("2.其他法律…" is not "3.其他");
        # a report that renumbered its rows is still matched by label.
        numbered = [r for r in self.rows if number is None or r.ordinal in (None, number)]
        found = self._match(core, number, group, numbered)
        if found[0] != "row" and len(numbered) < len(self.rows):
            by_label = self._match(core, number, group, list(self.rows))
            if by_label[0] == "row" or found[0] == "unknown":
                return by_label
        return found

    def _match(
        self, core: str, number: int | None, group: str | None, rows: list[RowSpec]
    ) -> tuple[str, RowSpec | None, str]:
        exact = [r for r in rows if core in r.keys]
        # Bare "总计"/"其他" are column headers; the rows print them with an ordinal.
        if number is None and core in self.header_keys and all(r.ordinal for r in exact):
            return "header", None, core
        if core in self.group_keys and not exact:
            return "group", None, core
        found = self._pick(exact, group)
        if found is not None:
            return "row", found, core
        leading = [r for r in rows if any(_starts_with_label(core, k) for k in r.keys)]
        found = self._pick(leading, group)
        if found is not None:
            return "row", found, core
        if len(core) >= 2:
            partial = [r for r in rows if any(k.startswith(core) for k in r.keys)]
            found = self._pick(partial, group)
            if found is not None:
                return "partial", found, core
        if any(core.startswith(g) for g in self.group_keys):
            return "group", None, core
        if any(_starts_with_label(core, k) for k in self.header_keys) or any(
            h in core for h in _HEADER_WORDS
        ):
            return "header", None, core
        return "unknown", None, core

    @staticmethod
    def _pick(candidates: list[RowSpec], group: str | None) -> RowSpec | None:
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        same = [r for r in candidates if r.group_key is not None and r.group_key == group]
        if len(same) == 1:
            return same[0]
        top = [r for r in candidates if r.group is None]
        return top[0] if len(top) == 1 else None


def _starts_with_label(text: str, key: str) -> bool:
    """``text`` is ``key`` plus a note ("部分公开(区分处理的…)"), not a longer word: a short key
    followed by more Han characters ("其他" in "其他情形") is another label."""
    if not text.startswith(key) or len(text) == len(key):
        return text == key
    return len(key) >= 3 or not has_han(text[len(key)])


@functools.lru_cache(maxsize=32)
def _matcher(rows: tuple[RowSpec, ...], columns: tuple[ColumnSpec, ...]) -> _Matcher:
    # One matcher per template table, so its memo of label → row serves every report.
    return _Matcher.build(rows, columns)
