"""What a government web page prints around a report: chrome lines, the metadata box, titles.

Sites print the report inside navigation, breadcrumbs (当前位置：首页 > …), share and print
buttons, attachment lists and footers, and most print a metadata box (索引号, 发布机构,
发文日期, 文号 …). Chrome is kept out of the document; the box is kept out too but read, as
evidence for facts the report itself may not state.
"""

from __future__ import annotations

import re

__all__ = [
    "agency_like",
    "evidence",
    "is_attachment_heading",
    "is_chrome_line",
    "is_file_name",
    "meta_pairs",
    "title_like",
    "title_part",
]

_STRONG = (
    "索引号",
    "发布机构",
    "发文机关",
    "发文机构",
    "成文日期",
    "发文日期",
    "发布日期",
    "发布时间",
    "公开日期",
    "生成日期",
    "发文字号",
    "文号",
    "主题分类",
    "体裁分类",
    "组配分类",
    "主题词",
    "公开方式",
    "公开范围",
    "公开时限",
    "有效性",
    "统一编号",
    "所属机构",
    "所属主题",
    "信息来源",
    "信息名称",
    "责任部门",
)
_WEAK = ("标题", "名称", "来源", "浏览次数", "点击数", "访问量", "阅读次数", "作者", "字号")
STRONG = frozenset(_STRONG)
_LABELS = "|".join(sorted((*_STRONG, *_WEAK), key=len, reverse=True))
# A label and its colon; its value runs to the next one. (A lazy value with a lookahead for
# the next label would rescan a run of spaces from each of its characters: quadratic.)
_LABEL_COLON = re.compile(rf"(?P<label>{_LABELS})\s*[:：]\s*")
_STARTS_WITH_LABEL = re.compile(rf"^[\s【\[]*(?:{_LABELS})\s*[:：]")

_CHROME = re.compile(
    r"""^[\s【\[]*(?:当前位置|您的位置|您现在的位置|您当前的位置|您所在的位置|所在位置|当前位置是)\s*[:：]
      | 首页\s*(?:>|&gt;|》|›|»|/|＞)
      | 【\s*(?:打印本页|打印|关闭窗口|关闭本页|关闭|收藏|返回顶部|返回|分享到|分享)\s*】
      | 版权所有\s*[:：]|主办单位\s*[:：]|承办单位\s*[:：]|技术支持\s*[:：]
      # Registration numbers: the words alone occur in reports (规范标注ICP备案号).
      | 网站标识码\s*[:：]?\s*[0-9A-Za-z]{6}|ICP\s*备\s*[0-9]|公网安备\s*[0-9]
      | 建议使用.{0,20}浏览器|分辨率.{0,10}浏览
    """,
    re.X,
)
# Buttons and link headings: chrome only as a short line of their own ("相关信息" also starts
# sentences of reports).
_CHROME_START = re.compile(
    r"^\s*(?:(?:分享到|扫一扫|上一篇|下一篇|字体|字号)\s*[:：]"
    r"|(?:分享到|扫一扫|打印本页|关闭窗口|相关链接|相关文章|相关信息|网站地图|联系我们)\s*[:：]?\s*$)"
)
_SHORT = 30
_ATTACHMENTS = re.compile(r"^\s*(?:附件下载|相关附件|附件列表|附件)\s*[:：]?\s*$")
_FILE = re.compile(
    r"\.(?:docx?|wps|pdf|xlsx?|et|ofd|zip|rar|7z|txt|jpe?g|png|gif)"
    r"\s*(?:[(（\[]\s*[\d.]+\s*[KMG]?B\s*[)）\]])?\s*$",
    re.I,
)
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年|[〇○零一二三四五六七八九]{4}\s*年|年度")
_AGENCY_END = re.compile(
    r"(?:政府|办公室|办公厅|委员会|局|厅|委|镇|乡|街道|街道办事处|院|中心|部|署|处|所|馆|会)$"
)
_HAN_ONLY = re.compile(r"^[\u4e00-\u9fff（）()·]+$")
# "…年度报告_安宁市人民政府", "… - 门户网站"; a hyphen between digits (2020-2021) is no separator.
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|—+|--+|(?<!\d)-|-(?!\d))\s*")
_DATE = re.compile(
    r"(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2})"
)
# Which box fields speak for which fact, best first. 成文日期 is the date the report was
# signed; 发布日期 the day it went online, usually the same or a day later.
AGENCY_FIELDS = ("发布机构", "发文机关", "发文机构", "所属机构", "信息来源", "来源")
DATE_FIELDS = ("成文日期", "发文日期", "发布日期", "发布时间", "公开日期", "生成日期")
TITLE_FIELDS = ("标题", "信息名称", "名称")


def meta_pairs(text: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a metadata line (``索引号：… 发布机构：…``); [] for others."""
    if _STARTS_WITH_LABEL.match(text) is None:
        return []
    found = list(_LABEL_COLON.finditer(text))
    ends = [m.start() for m in found[1:]] + [len(text)]
    return [
        (m.group("label"), text[m.end() : end].rstrip().strip(" \t\u3000【】[]"))
        for m, end in zip(found, ends, strict=True)
    ]


# Footer words a line of prose that is no sentence holds (a table row may hold them:
# 商标© | 7); with sentence punctuation or a number other than a year it is the report's
# (本年度受理涉及版权所有人的申请12件；).
_FOOTER = re.compile(r"版权所有|[©Ⓒ]|Copyright", re.I)
_NOT_FOOTER = re.compile(r"[。；，：,;]|(?<![0-9])(?!(?:19|20)[0-9]{2}(?![0-9]))[0-9]")


def is_chrome_line(text: str, row: bool = False) -> bool:
    """Breadcrumbs, share/print buttons, footers: lines that are never the report (``row``:
    a table row, which only the surest signs make chrome)."""
    if len(text) <= _SHORT and _CHROME_START.match(text) is not None:
        return True
    if len(text) >= 200:
        return False
    if _CHROME.search(text) is not None:
        return True
    return not row and _FOOTER.search(text) is not None and _NOT_FOOTER.search(text) is None


def is_attachment_heading(text: str) -> bool:
    return _ATTACHMENTS.match(text) is not None


def is_file_name(text: str) -> bool:
    """An attachment link: a file name with its extension (and size); not a sentence that
    ends in one (…详见附件.pdf。 is a sentence of the report)."""
    return len(text) < 200 and "。" not in text and _FILE.search(text) is not None


def title_like(text: str) -> bool:
    """A line shaped like a report title: short, names a year, and says 报告."""
    compact = text.replace(" ", "").replace("\u3000", "")
    return (
        4 <= len(compact) <= 80
        and ("报告" in compact or "年报" in compact)
        and _YEAR.search(compact) is not None
        and "。" not in compact
    )


def agency_like(text: str) -> bool:
    """A short line that is only an agency's name (a title printed over two lines)."""
    compact = text.replace(" ", "").replace("\u3000", "")
    return (
        2 <= len(compact) <= 30
        and _HAN_ONLY.match(compact) is not None
        and _AGENCY_END.search(compact) is not None
        and "网" not in compact  # 门户网站: the site's name in its banner
    )


def title_part(text: str) -> tuple[int, int]:
    """The span of ``<title>`` text that is the report's title: sites append their own name
    (``…年度报告_安宁市人民政府``); the part that says 报告, else the longest part."""
    parts: list[tuple[int, int]] = []
    pos = 0
    for m in _TITLE_SEPARATORS.finditer(text):
        if m.start() > pos:
            parts.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        parts.append((pos, len(text)))
    if not parts:
        return 0, 0
    with_report = [p for p in parts if "报告" in text[p[0] : p[1]]]
    return max(with_report or parts, key=lambda p: p[1] - p[0])


def evidence(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """What the metadata box says about agency, publication date and title."""
    fields: dict[str, str] = {}
    for label, value in pairs:
        if value and label not in fields:
            fields[label] = value
    found: dict[str, str] = {}
    for key, names in (("agency", AGENCY_FIELDS), ("title", TITLE_FIELDS)):
        for name in names:
            value = fields.get(name, "")
            if re.search(r"[\u4e00-\u9fff]", value):
                found[key] = value
                break
    for name in DATE_FIELDS:
        m = _DATE.search(fields.get(name, ""))
        if m is not None:
            found["published"] = m.group()
            found["published_field"] = name
            break
    return found
