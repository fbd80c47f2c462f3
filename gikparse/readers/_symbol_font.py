"""The characters of the Symbol font, by their codes (Adobe's Symbol encoding).

Word files insert them as ``<w:sym w:font="Symbol" w:char="F0B1"/>``: the font's code plus
U+F000. The font draws Greek letters at the codes of Latin ones and mathematical signs above
them, so each code is read as the character it draws (``F06D`` is μ, ``F0B1`` is ±), not as
the letter of its code. Pieces that only build large brackets, arrows and radicals are no
characters of their own and are left out.
"""

from __future__ import annotations

__all__ = ["symbol_character"]

# Codes 0x20-0x7E, then 0xA0-0xFE, one character each; a space where the code draws a piece
# of a larger sign (or nothing).
_LOW = (
    " !∀#∃%&∋()∗+,−./0123456789:;<=>?"
    "≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_"
    " αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼"
)
_HIGH = (
    "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓"
    "°±″≥×∝∂•÷≠≡≈…  ↵"
    "ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉"
    "∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓"
    "◊〈®©™∑          "
    " 〉∫            "
)
_SYMBOL = {
    **{0x20 + i: ch for i, ch in enumerate(_LOW) if ch != " " or i == 0},
    **{0xA0 + i: ch for i, ch in enumerate(_HIGH) if ch != " "},
}


def symbol_character(code: int) -> str | None:
    """What the Symbol font draws at ``code`` (0x20-0xFE, or U+F020-U+F0FE as Word stores
    it): ``""`` for a piece of a larger sign, ``None`` for a code outside the font."""
    if 0xF020 <= code <= 0xF0FE:
        code -= 0xF000
    if not 0x20 <= code <= 0xFE:
        return None
    return _SYMBOL.get(code, "")
