"""The word lists extraction reads, loaded once from ``ingest/data``.

Rules are data: trigger words, titles, demonyms, organisations and the topic taxonomy
live in JSON files beside this module (the status cues, ``status.json``, are read by
``ingest/extraction/status.py``) so that they can be reviewed and extended
without touching code.
"""

import json
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
TITLE_GLUE = frozenset({"of", "the", "in", "for", "and", "to", "on", "a"})  # "chief of staff"


def load(name: str):
    with open(DATA_DIR / name, encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=1 << 16)
def lookup_key(text: str) -> str:
    """The form every lookup uses: 'the Kremlin' -> 'kremlin', 'U.S.' -> 'u.s'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("’", "'").strip(" .,'\"")
    if text.startswith("the "):
        text = text[4:]
    return " ".join(text.split())


@dataclass(frozen=True)
class Lexicon:
    meeting_verbs: dict[str, str]
    hold_objects: frozenset[str]
    meeting_nouns: dict[str, str]
    kind_cues: dict[str, frozenset[str]]
    vague_cues: frozenset[str]
    previous_cues: frozenset[str]
    speech_verbs: frozenset[str]
    group_references: frozenset[str]
    junk_lines: frozenset[str]
    junk_line_prefixes: tuple[str, ...]
    titles: tuple[str, ...]  # lowercase, longest first
    title_words: frozenset[str]
    title_abbreviations: dict[str, str]
    honorifics: frozenset[str]
    demonyms: dict[str, str]  # lowercase adjective or short name -> ISO alpha-2
    metonyms: dict[str, str]  # seat of government -> ISO alpha-2
    organisations: dict[str, str]  # lowercase alias -> display name
    topics: tuple[dict, ...]


@cache
def lexicon() -> Lexicon:
    triggers = load("triggers.json")
    furniture = load("furniture.json")  # page furniture: the same words stage 1 blanks, and lines that are no body
    titles = load("titles.json")
    demonyms = load("demonyms.json")
    organisations = load("organisations.json")
    title_list = sorted({t.lower() for t in titles["titles"]}, key=lambda t: (-len(t), t))
    fs = frozenset
    return Lexicon(
        meeting_verbs=triggers["meeting_verbs"],
        hold_objects=fs(triggers["hold_objects"]),
        meeting_nouns=triggers["meeting_nouns"],
        kind_cues={k: fs(v) for k, v in triggers["kind_cues"].items()},
        vague_cues=fs(triggers["vague_cues"]),
        previous_cues=fs(triggers["previous_cues"]),
        speech_verbs=fs(triggers["speech_verbs"]),
        group_references=fs(triggers["group_references"]),
        junk_lines=fs(x.lower() for x in furniture["junk_lines"] + furniture["not_body_lines"]),
        junk_line_prefixes=tuple(x.lower() for x in furniture["junk_prefixes"] + furniture["not_body_prefixes"]),
        titles=tuple(title_list),
        title_words=fs(w for t in title_list for w in t.replace("-", " ").split() if w not in TITLE_GLUE),
        title_abbreviations={lookup_key(k): v for k, v in titles["abbreviations"].items()},
        honorifics=fs(h.lower() for h in titles["honorifics"]),
        demonyms={lookup_key(k): v.upper() for k, v in demonyms["demonyms"].items()},
        metonyms={lookup_key(k): v.upper() for k, v in demonyms["metonyms"].items()},
        organisations={
            lookup_key(alias): org["name"]
            for org in organisations["organisations"]
            for alias in [org["name"], *org.get("aliases", [])]
        },
        topics=tuple(load("topics.json")),
    )
