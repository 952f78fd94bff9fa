"""Which tokens of a parsed article stand in its body, not in a headline or a junk line.

The token-level companion of stage 1 (``text.py``): the walk reads only body sentences.
"""

import re

from spacy.tokens import Doc

from ingest.lexicon import lexicon

SENTENCE_INSIDE = re.compile(r"[a-z0-9]{2}[.!?] [A-Z]")


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
            and line[-1] not in ".!?\"”’'»):;"
            and len(line) < 250
            and stands_alone
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
