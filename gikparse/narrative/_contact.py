"""Contact details: address, phone, postcode, email, website."""

from __future__ import annotations

import regex

from gikparse.model import Contact
from gikparse.narrative._title import _HAN
from gikparse.narrative._view import _fold, _tidy, _trim, _view

_LABELS = (
    r"邮政编码|邮编|联系电话|咨询电话|办公电话|监督电话|服务电话|举报电话|电话号码|电话|传真|"
    r"电子邮箱|电子信箱|电子邮件|邮箱|E-?mail|网址|网站|联系人"
)


_ADDRESS = regex.compile(
    r"(?<!网站|网页|网络|邮箱|邮件|链接|门户|IP|ip)(?:联系|通讯|通信|办公|单位|详细)?地址"
    r"(?:为|是)?:?"
    r"(?P<v>(?:[^,;。\n()、:]|\([^()\n:]{0,20}\))+)",
    regex.IGNORECASE,
)


_LABEL_CUT = regex.compile(_LABELS, regex.IGNORECASE)


_WEB_LIKE = regex.compile(r"https?:|www\.|@", regex.IGNORECASE)


_POSTCODE = regex.compile(r"(?:邮政编码|邮编)(?:为|是)?:?(?P<v>\d{6})(?!\d)")


_PHONE_LABEL = regex.compile(
    r"(?:联系电话|咨询电话|办公电话|监督电话|服务电话|举报电话|电话号码|电话|联系方式|Tel|TEL)"
    r"(?:\([^()\d]{0,8}\))?(?:为|是)?:?"
)


# Every phone label contains one of these (the pattern is case-sensitive).
_PHONE_LABEL_WORDS = ("电话", "联系方式", "Tel", "TEL")


_PHONE = regex.compile(
    r"""
    \((?P<a>0\d{2,3})\)-?(?P<l>\d{7,8})(?:(?P<xs>-|转)(?P<x>\d{1,6}))?(?!\d)
  | (?P<a>0\d{2,3})-(?P<l>\d{7,8})(?:(?P<xs>-|转)(?P<x>\d{1,6}))?(?!\d)
  | (?P<bare>0\d{9,11})(?!\d)
  | (?P<mobile>1[3-9]\d{9})(?!\d)
  | (?P<local>\d{7,8})(?!\d)
    """,
    regex.VERBOSE,
)


# An address is found in two linear steps instead of one backtracking pattern (20,000 digits
# before an address, or "a@b.b.b.b…", were quadratic): the local part and "@", started only
# where a run of address characters starts (a match from inside the run would end at the same
# "@"), then the domain's labels, possessively.
_EMAIL_HEAD = regex.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@")


_EMAIL_DOMAIN = regex.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*+")


_TLD = regex.compile(r"[A-Za-z]{2,}")


_MD_LINK = regex.compile(r"!?\[(?P<t>[^\[\]\n]*)\]\((?P<u>[^()\s]+)(?:\s+\"[^\"]*\")?\)")


_AUTOLINK = regex.compile(r"<(?P<u>(?:https?://|www\.)[^<>\s]+)>")


_URL = regex.compile(
    r"(?:https?://[^\s<>()\[\]{}\"'，。；、“”‘’（）【】,;]+"
    r"|(?<![\w./@-])www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s<>()\[\]{}\"'，。；、“”‘’（）【】,;]*)?)",
    regex.IGNORECASE,
)


_URL_CUE = regex.compile(r"网站|网址|门户|网页|主页|首页|专栏|平台|查阅|下载|访问|登录")


def _first_address(text: str) -> str | None:
    view = _view(text, "keep")
    if "地址" not in view.text:
        return None  # most texts: a substring test spares the regex scan
    for m in _ADDRESS.finditer(view.text):
        value = m.group("v")
        cut = _LABEL_CUT.search(value)
        end = m.start("v") + (cut.start() if cut is not None else len(value))
        start, stop = view.span(m.start("v"), end)
        found = _trim(_tidy(text[start:stop]))
        if len(found.replace(" ", "")) >= 4 and _HAN.search(found) and not _WEB_LIKE.search(found):
            return found
    return None


def _canonical_phone(m: regex.Match[str]) -> str:
    if m.group("mobile"):
        return m.group("mobile")
    if m.group("local"):
        return m.group("local")
    if m.group("bare"):
        digits = m.group("bare")
        area = 3 if digits[1] in "12" else 4
        return f"{digits[:area]}-{digits[area:]}"
    out = f"{m.group('a')}-{m.group('l')}"
    if m.group("x"):
        out += f"{m.group('xs')}{m.group('x')}"
    return out


def _first_phone(text: str) -> str | None:
    view = _view(text, "keep").text
    if not any(word in view for word in _PHONE_LABEL_WORDS):
        return None
    for label in _PHONE_LABEL.finditer(view):
        m = _PHONE.match(view, label.end())
        if m is not None:
            if m.group("bare") and len(m.group("bare")) - (
                3 if m.group("bare")[1] in "12" else 4
            ) not in (7, 8):
                continue
            return _canonical_phone(m)
    return None


def _first_postcode(text: str) -> str | None:
    view = _view(text, "keep").text
    m = _POSTCODE.search(view) if "邮" in view else None
    return None if m is None else m.group("v")


def _first_email(text: str) -> str | None:
    """The first ``local@domain.tld``: the domain runs to its last label that starts with two
    letters, which end it (``a@b.cn.x1`` is ``a@b.cn``, ``a@b.cnx1`` is ``a@b.cnx``)."""
    folded = _fold(text)
    if "@" not in folded:
        return None
    for head in _EMAIL_HEAD.finditer(folded):
        domain = _EMAIL_DOMAIN.match(folded, head.end())
        if domain is None:
            continue
        labels = domain.group(0).split(".")
        for last in range(len(labels) - 1, 0, -1):
            tld = _TLD.match(labels[last])
            if tld is not None:
                return head.group(0) + ".".join(labels[:last]) + "." + tld.group(0)
    return None


def _may_hold_url(folded: str) -> bool:
    """Whether ``folded`` has what every URL candidate has (``://`` or, in any case, ``www.``):
    most texts have neither, and substring tests are far cheaper than the three scans."""
    return "://" in folded or ("." in folded and "www." in folded.lower())


def _url_candidates(text: str) -> list[tuple[int, str]]:
    """(position, visible URL) in ``text``; markdown links give their visible text."""
    folded = _fold(text)
    if not _may_hold_url(folded):
        return []
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for m in _MD_LINK.finditer(folded):
        visible = _URL.fullmatch(m.group("t").strip())
        url = m.group("t").strip() if visible is not None else m.group("u")
        if _URL.fullmatch(url):
            found.append((m.start(), url))
        taken.append((m.start(), m.end()))
    for m in _AUTOLINK.finditer(folded):
        if not any(a <= m.start() < b for a, b in taken):
            found.append((m.start(), m.group("u")))
            taken.append((m.start(), m.end()))
    for m in _URL.finditer(folded):
        if not any(a <= m.start() < b for a, b in taken):
            found.append((m.start(), m.group(0)))
    found.sort()
    return [(pos, url.rstrip(".:!?")) for pos, url in found]


def _first_website(text: str, *, require_cue: bool) -> str | None:
    candidates = _url_candidates(text)
    if not candidates:
        return None
    cued = [
        url
        for pos, url in candidates
        if _URL_CUE.search(_view(text[max(0, pos - 40) : pos], "drop").text[-20:])
    ]
    if cued:
        return cued[0]
    if require_cue:
        return None
    gov = [url for _, url in candidates if ".gov.cn" in url.lower()]
    return gov[0] if gov else candidates[0][1]


def find_contact(*texts: str) -> Contact:
    """Contact details from the first of ``texts`` that has each one.

    address (``地址：…`` up to the next ``，；。`` or label), postcode (``邮编``/``邮政编码``, six
    digits), phone (after ``电话``/``联系电话``…; the first number, as ``0871-68710880``: area
    codes in brackets or run together are split off with ``-``), e-mail, website (the visible
    text of a URL or bare ``www.…``; markdown links and autolinks give their visible text). The
    first text is a preamble, where any URL counts; in later texts a URL counts only after a cue
    such as ``网站``/``网址``/``查阅``.
    """
    address = postcode = phone = email = website = None
    for index, text in enumerate(texts):
        if not text:
            continue
        address = address or _first_address(text)
        postcode = postcode or _first_postcode(text)
        phone = phone or _first_phone(text)
        email = email or _first_email(text)
        website = website or _first_website(text, require_cue=index > 0)
    return Contact(address=address, postcode=postcode, phone=phone, email=email, website=website)
