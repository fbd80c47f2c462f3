"""Class and id names that mark page chrome (navigation, breadcrumbs, share and print
buttons, footers, attachment lists), as Chinese government sites name them."""

from __future__ import annotations

import functools
import re

__all__ = ["CHROME_NAMES", "CHROME_TAGS", "CLASS_SEPARATOR", "is_chrome_name"]

# Class names are separated by ASCII whitespace only.
CLASS_SEPARATOR = re.compile(r"[\t\n\r\f ]+")
# Words of class and id names that mark page chrome (navigation, breadcrumbs, share and print
# buttons, footers, attachment lists), including the pinyin names Chinese CMSs use.
CHROME_NAMES = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "submenu",
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "bread",
        "position",
        "weizhi",
        "dqwz",
        "share",
        "bshare",
        "bdshare",
        "jiathis",
        "fenxiang",
        "print",
        "dayin",
        "footer",
        "foot",
        "copyright",
        "banquan",
        "sidebar",
        "toolbar",
        "search",
        "login",
        "related",
        "xgxx",
        "xglj",
        "attachment",
        "attachments",
        "fujian",
        "fjxz",
        "qrcode",
        "ewm",
    }
)
# Words that go with a chrome word in one name without changing what it is (``share-box``,
# ``site-nav``, ``g-footer``). Any other word makes the name something else: ``print-area``
# and ``print_content`` hold what is printed, ``article-foot`` belongs to the article.
_DECORATION = frozenset(
    {
        "box",
        "bar",
        "btn",
        "button",
        "buttons",
        "icon",
        "icons",
        "link",
        "links",
        "list",
        "wrap",
        "wrapper",
        "site",
        "page",
        "top",
        "bottom",
        "main",
        "global",
        "g",
        "m",
        "mod",
        "bd",
        "hd",
        "ft",
    }
)
_SEPARATOR = re.compile(r"[-_]+")


@functools.lru_cache(maxsize=4096)
def is_chrome_name(name: str) -> bool:
    """Whether one class token or id names chrome: it is a chrome word, or chrome words with
    decoration words only (``share-box``, ``top-nav``)."""
    name = name.lower()
    if name in CHROME_NAMES:
        return True
    parts = [p for p in _SEPARATOR.split(name) if p]
    if len(parts) < 2:
        return False
    chrome = False
    for part in parts:
        if part in CHROME_NAMES:
            chrome = True
        elif part not in _DECORATION:
            return False
    return chrome


# Chrome by element name: a <header> counts only outside an <article>/<main>.
CHROME_TAGS = frozenset({"nav", "footer", "aside"})
