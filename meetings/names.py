"""Comparable forms of people's names, shared by extraction and matching."""

import re
import unicodedata
from functools import lru_cache

PARTICLES = frozenset({
    "al", "el", "ad", "as", "ash", "bin", "ibn", "bint", "de", "da", "di", "du", "dos",
    "del", "della", "van", "von", "der", "den", "le", "la", "ben", "abu", "mac", "arap", "wa", "ter", "zu",
})  # fmt: skip


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII: 'Erdoğan' -> 'erdogan'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=65536)  # asked for the same few names thousands of times per article
def name_key(name: str) -> tuple[str, ...]:
    """The words that identify a name: 'Bashar al-Assad' -> ('bashar', 'assad')."""
    words = re.split(r"[^a-z]+", fold(name))
    return tuple(w for w in words if w and w not in PARTICLES)


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Could two name keys name one person? A lone word matches a surname, or the
    family name that East Asian names put first ('Xi' in 'Xi Jinping')."""
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        single, full = (a, b) if len(a) == 1 else (b, a)
        # "Xi" is Xi Jinping; "Lula" is Luiz Inacio Lula da Silva, known by a middle name
        return single[0] == full[-1] or single[0] == full[0] or (len(full) >= 3 and single[0] in full[1:])
    return a[-1] == b[-1] and (a[0] == b[0] or a[0][0] == b[0][0])
