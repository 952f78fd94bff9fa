"""Stage 2 helpers: which mentions of one article name the same person.

Pure functions over name keys and spaCy tokens (no Django); ``ingest.people``
uses them to put every mention of a person under the fullest name the article gives.
"""

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from ingest.lexicon import load


def name_tail(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two names of two or more words where one ends the other: "Tayyip Erdogan" is
    "Recep Tayyip Erdogan" with the first given name left out."""
    short, full = (a, b) if len(a) <= len(b) else (b, a)
    return 2 <= len(short) < len(full) and full[-len(short) :] == short


@dataclass(frozen=True)
class MentionWords:
    """Word lists of ``data/mentions.json``."""

    brackets: dict[str, str]
    cues: tuple[tuple[str, ...], ...]
    nickname_max_words: int
    relative_pronouns: frozenset[str]
    title_synonyms: dict[str, str]
    origin_prepositions: frozenset[str]
    honorifics: frozenset[str]


@cache
def mention_words() -> MentionWords:
    data = load("mentions.json")
    return MentionWords(
        brackets=dict(map(tuple, data["nickname_brackets"])),
        cues=tuple(sorted((tuple(c.split()) for c in data["nickname_cues"]), key=len, reverse=True)),
        nickname_max_words=data["nickname_max_words"],
        relative_pronouns=frozenset(data["relative_pronouns"]),
        title_synonyms=data["title_synonyms"],
        origin_prepositions=frozenset(data["origin_prepositions"]),
        honorifics=frozenset(data["honorifics"]),
    )


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.is_alpha


def nickname_after(span: Span) -> Span | None:
    """The short name printed right after a full name: 'Mohamed Hamdan Dagalo "Hemedti"',
    'Joko Widodo (Jokowi)', 'Joko Widodo or Jokowi', 'X, known as Y'."""
    doc, words = span.doc, mention_words()
    i = span.end
    if i < len(doc) and doc[i].text == "," and i + 1 < len(doc) and doc[i + 1].lower_ != "or":
        i += 1  # "X, better known as Y"
    if i >= len(doc):
        return None
    close = words.brackets.get(doc[i].text)
    if close is None:
        for cue in words.cues:
            if tuple(t.lower_ for t in doc[i : i + len(cue)]) == cue:
                i += len(cue) - 1
                break
        else:
            return None
    start = i + 1
    end = start
    while end < len(doc) and end - start < words.nickname_max_words and _capitalised(doc[end]):
        end += 1
    if end == start:
        return None
    if close is not None and (end >= len(doc) or doc[end].text != close):
        return None  # a quoted phrase, not a name
    if close is None and end < len(doc) and _capitalised(doc[end]):
        return None  # "Putin or Sergei Lavrov ..." is another person
    return doc[start:end]


def relative_antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: 'Biden, who met Putin' -> Biden."""
    if token.lower_ not in mention_words().relative_pronouns:
        return None
    clause = token.head if token.dep_ != "poss" else token.head.head
    if clause.dep_ != "relcl":
        return None
    noun = clause.head
    if noun.dep_ == "attr" and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in noun.head.children):
        return None  # "It was Guelleh who arranged it": a cleft stresses him, he need not take part
    return noun


def role_words(text: str) -> set[str]:
    """The words of a title, synonyms brought to one form: 'the pontiff' and 'Pope' share 'pope'."""
    synonyms = mention_words().title_synonyms
    words = [w for w in re.split(r"[^a-z]+", text.lower()) if w]
    return {part for w in words for part in synonyms.get(w, w).split()}


def holds_title(description: str, role: str) -> bool:
    """Does a role carry the title a description names? Every word of the description is
    in the role, and the role's head is the description's: 'the opposition' is no
    'Opposition Leader', 'the envoy' is the 'Personal Envoy'."""
    wanted, held = role_words(description), role_words(role)
    head = role_words(role.split()[-1]) if role.split() else set()
    return bool(wanted) and wanted <= held and bool(head & role_words(description.split()[-1]))
