"""Which tokens of a parsed article stand in its body, not in a headline or a junk line.

The token-level companion of stage 1 (``text.py``): the walk reads only body sentences.
"""

import re

from spacy.tokens import Doc

from ingest.lexicon import lexicon

SENTENCE_INSIDE = re.compile(r"[a-z0-9]{2}[.!?] [A-Z]")
CLOSING_QUOTES = "\"”’'»"
SENTENCE_END = ".!?):;"


def ends_sentence(line: str) -> bool:
    """Does the line end as a sentence does? A closing quote counts only after sentence
    punctuation: 'X turns summit into \'permanent forum\'' ends as a headline."""
    core = line.rstrip(CLOSING_QUOTES)
    return bool(core) and core[-1] in SENTENCE_END


def body_mask(doc: Doc) -> list[bool]:
    """Per token: does it stand in the article body, not in a headline or junk line?"""
    lex = lexicon()
    text = doc.text
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw), raw.strip()))
        pos += len(raw) + 1
    sentence_like = [
        (s, e, line) for s, e, line in lines if line and line[-1] in ".!?\"”’'»)" and len(line.split()) >= 6
    ]
    first = next((n for n, (_, _, line) in enumerate(lines) if line), -1)
    keep = []
    for n, (s, e, line) in enumerate(lines):
        low = line.lower()
        stands_alone = n + 1 == len(lines) or not lines[n + 1][2]  # a wrapped paragraph's line does not
        junk = (
            not any(ch.isalpha() for ch in line)
            or low in lex.junk_lines
            or low.startswith(lex.junk_line_prefixes)
            or low.startswith(("http://", "https://", "www."))
        )
        headline = (
            line
            and sentence_like
            and not ends_sentence(line)
            and len(line) < 250
            # the first line, followed by a section or byline line rather than a sentence
            and (stands_alone or (n == first and not ends_sentence(lines[n + 1][2])))
            and not SENTENCE_INSIDE.search(line)  # a caption holds a full sentence; a headline does not
        )
        keep.append((s, e, not junk and not headline))
    mask = [False] * len(doc)
    j = 0
    for token in doc:
        while j < len(keep) - 1 and token.idx > keep[j][1]:
            j += 1
        mask[token.i] = keep[j][2]
    return mask
