"""Counts stated in prose ("本年共受理…申请 120 件")."""

from __future__ import annotations

from typing import Literal

import attrs
import regex

from gikparse.narrative._dates import _HAN_NUM_CHARS, _han_int
from gikparse.narrative._view import _View, _view

Topic = Literal[
    "applications_received", "applications_handled", "review", "litigation", "review_litigation"
]


Scope = Literal["agency", "region"]


@attrs.frozen(kw_only=True)
class CountStatement:
    """A count the prose states, for checking against the tables.

    ``topic``: ``applications_received``, ``applications_handled``, ``review``, ``litigation``
    or ``review_litigation`` (a statement about both review and litigation; ``value`` is the
    count of *each*). ``negative``: the sentence denies any (``尚未收到…申请``); ``value`` is then
    0. ``scope``: ``region`` when the sentence speaks for a wider area (``全市``, ``各部门`` …) than
    the agency's own table, else ``agency``. ``text``/``start``/``end``: the matched fragment and
    its offsets in the text given to :func:`count_statements`.
    """

    topic: Topic
    value: int
    negative: bool = False
    scope: Scope = "agency"
    text: str = attrs.field(default="", eq=False)
    start: int = attrs.field(default=0, eq=False)
    end: int = attrs.field(default=0, eq=False)


_NUM = rf"(?P<n>\d{{1,6}}|[{_HAN_NUM_CHARS}]{{1,4}})"


_UNIT = r"(?:件|份|条|宗|个|起|例|次)"


_LEAD = r"(?:(?:全年|本年度?|今年)?(?:共计|共|累计|总共|合计|一共))?"


_NOUN = r"(?:申请(?:公开)?|依申请公开)(?:件|事项|书)?"


_RECEIVE = r"(?:收到|接到|接收|受理|新收)"


_HANDLE = r"(?:办结|办理|答复|处理)"


_COUNT_PATTERNS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # 共受理政府信息公开申请8件 / 收到政府信息公开申请2件
    (
        "applications_received",
        regex.compile(
            rf"{_LEAD}{_RECEIVE}(?:了|过)?(?P<noun>[^。;,\n\d!?]{{0,12}}?{_NOUN})"
            rf"(?:共计|共|合计|总计|计|总数为|数量为|为)?{_NUM}{_UNIT}"
        ),
    ),
    # 共收到2件需要按申请程序公开依申请公开件
    (
        "applications_received",
        regex.compile(
            rf"{_LEAD}{_RECEIVE}(?:了)?{_NUM}{_UNIT}(?P<noun>[^。;,\n\d!?]{{0,16}}{_NOUN})"
        ),
    ),
    (
        "applications_handled",
        regex.compile(
            rf"{_LEAD}{_HANDLE}(?:了|完成|完毕)?(?P<noun>[^。;,\n\d!?]{{0,12}}?{_NOUN})"
            rf"(?:共计|共|合计|总计|计|为)?{_NUM}{_UNIT}"
        ),
    ),
    (
        "applications_handled",
        regex.compile(
            rf"{_LEAD}{_HANDLE}(?:了|完成|完毕)?{_NUM}{_UNIT}(?P<noun>[^。;,\n\d!?]{{0,16}}{_NOUN})"
        ),
    ),
    # 尚未收到任何形式申请 / 未收到政府信息公开申请
    (
        "applications_received",
        regex.compile(
            rf"(?P<neg>尚未|暂未|均未|未曾|未(?!经)|没有)(?:{_RECEIVE})(?:到|过)?"
            rf"(?P<noun>[^。;,\n\d!?]{{0,12}}?{_NOUN})"
        ),
    ),
    # 行政复议、行政诉讼均为0件
    (
        "review_litigation",
        regex.compile(
            r"(?:被申请)?行政复议(?:[、和及与或/]|以及)(?:被)?(?:提起)?行政诉讼(?:案件|情况)?(?:数量)?"
            rf"(?P<conn>均为|均|各|都为|都是|为){_NUM}{_UNIT}?"
        ),
    ),
    # 行政复议0宗 / 被申请行政复议0件
    (
        "review",
        regex.compile(
            rf"(?:被申请)?行政复议(?:案件|申请)?(?:共计|共|合计|数量为|为)?{_NUM}{_UNIT}"
        ),
    ),
    # 行政诉讼0宗 / 提起行政诉讼0件
    (
        "litigation",
        regex.compile(
            rf"(?<!行政复议(?:[、和及与或/]|以及)(?:被)?(?:提起)?)(?:被)?(?:提起)?行政诉讼(?:案件)?(?:共计|共|合计|数量为|为)?{_NUM}{_UNIT}"
        ),
    ),
    # 未发生因政府信息公开申请行政复议、提起行政诉讼
    (
        "review_litigation",
        regex.compile(
            r"(?P<neg>(?:尚未|未曾|均未|未|没有)(?:发生|出现|产生|收到|接到|有|被)|(?:没有|未|无)(?=因))"
            r"(?P<fill>[^。;,\n\d!?]{0,24}?)"
            r"(?P<what>行政复议(?:(?:[、和及与或/]|以及)(?:被)?(?:提起)?(?:行政)?诉讼)?|行政诉讼)"
            r"(?!(?:案件|申请|共计|共|合计|数量为|为)?(?:\d|[一二两三四五六七八九十]+[件宗起个例]))"
        ),
    ),
)


_SCOPE = regex.compile(
    r"全(?:市|省|县|区|镇|乡|州|盟|旗|国|系统|局)|各(?:部门|单位|乡镇|街道|级|县|区|市|乡|镇)|市县|县区"
)


_BAD_NOUN = regex.compile(r"复议|诉讼|结转|上年|因|提案|建议|留言|信访|投诉")


_CASE_WORD = regex.compile(r"复议|诉讼|行政")


_EXCEPTION_WORD = regex.compile(r"但|仍|以外|之外|结转")


def count_statements(text: str) -> tuple[CountStatement, ...]:
    """Counts stated in prose (usually section 一), in text order.

    Recognised: requests received (``共受理政府信息公开申请 8 件``, ``收到政府信息公开申请2件``,
    ``全市共收到2件需要按申请程序公开依申请公开件``), requests handled (``办结政府信息公开申请
    8件``), review and litigation cases (``行政复议0宗，行政诉讼0宗``, ``行政复议、行政诉讼均为
    0件``) and denials (``尚未收到任何形式申请``, ``未发生因政府信息公开申请行政复议、提起行政
    诉讼``). Deliberately conservative: a sentence that does not clearly state a count of
    information-disclosure requests or cases gives nothing.
    """
    view = _view(text, "paragraph")
    found: list[tuple[int, int, CountStatement]] = []
    for topic, pattern in _COUNT_PATTERNS:
        for m in pattern.finditer(view.text):
            statement = _statement(topic, m, view, text)
            if statement is not None:
                found.append((m.start(), m.end(), statement))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    out: list[CountStatement] = []
    last_end = -1
    for start, end, statement in found:
        if start >= last_end:
            out.append(statement)
            last_end = end
    return tuple(out)


def _statement(topic: str, m: regex.Match[str], view: _View, text: str) -> CountStatement | None:
    groups = m.groupdict()
    noun = groups.get("noun")
    if noun is not None and _BAD_NOUN.search(noun):
        return None
    negative = groups.get("neg") is not None
    value = 0
    if not negative:
        parsed = _han_int(m.group("n"))
        if parsed is None:
            return None
        value = parsed
        if groups.get("conn") == "为" and value != 0:
            return None  # "行政复议和行政诉讼为3件": the sum or each? Leave it.
    if negative and topic == "applications_received":
        after = view.text[m.end() : m.end() + 8]
        if _CASE_WORD.search(after):
            return None
    resolved = topic
    if negative and "what" in groups:
        fill = groups.get("fill") or ""
        if _EXCEPTION_WORD.search(fill):
            return None
        what = m.group("what")
        if "复议" in what and "诉讼" in what:
            resolved = "review_litigation"
        elif "复议" in what:
            resolved = "review"
        else:
            resolved = "litigation"
    sentence_start = max(view.text.rfind(ch, 0, m.start()) for ch in "。;!?\n") + 1
    scope: Scope = "region" if _SCOPE.search(view.text[sentence_start : m.end()]) else "agency"
    start, end = view.span(m.start(), m.end())
    return CountStatement(
        topic=_TOPICS[resolved],
        value=value,
        negative=negative,
        scope=scope,
        text=text[start:end],
        start=start,
        end=end,
    )


_TOPICS: dict[str, Topic] = {
    "applications_received": "applications_received",
    "applications_handled": "applications_handled",
    "review": "review",
    "litigation": "litigation",
    "review_litigation": "review_litigation",
}
