"""Summits: the multilateral session itself, and the officials the text places at it.

A summit, council session or conference is ``multilateral``; two leaders meeting on
its sidelines, or "at the summit", meet ``in_person``. The attendees of a session are
the people its sentence names and those of the sentences right after it that say who
took part ("Around the table were A, B and C", "the summit, chaired by X, brought
together ..."). Cue words live in ``ingest/data/summits.json``.
"""

from spacy.tokens import Span, Token

from ingest.lexicon import load

_DATA = load("summits.json")
SESSION_NOUNS = frozenset(_DATA["session_nouns"])  # a session by nature: "summit", "conference"
GROUP_MEETING_NOUNS = frozenset(_DATA["group_meeting_nouns"])  # a session only with a group cue
NOT_SESSION_MODIFIERS = frozenset(_DATA["not_summit_modifiers"])  # "press conference"
SIDELINE_CUES = frozenset(_DATA["sideline_cues"])
GROUP_CUES = frozenset(_DATA["group_cues"])  # "leaders' meeting", "four-way talks"
PAIR_WORDS = frozenset(_DATA["pair_words"])  # "the two leaders' meeting" is no group
ATTENDANCE_LEMMAS = frozenset(_DATA["attendance_lemmas"])
ATTENDANCE_WORDS = frozenset(_DATA["attendance_words"])
ATTENDANCE_PHRASES = tuple(_DATA["attendance_phrases"])
FOLLOW_SENTENCES = _DATA["follow_sentences"]  # sentences after the session's that may list attendees
MIN_ATTENDEES = _DATA["min_attendees"]
TIME_WORDS = frozenset(_DATA["time_words"])  # "after the summit" dates something else
MIN_VERB_ATTENDEES = _DATA["min_verb_attendees"]  # "X sat down with A, B and C" at a summit


def _modifiers(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod")}


def is_session(token: Token) -> bool:
    """A noun naming a summit or conference session ('summit', not 'press conference')."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.lower_ not in SESSION_NOUNS and token.lemma_.lower() not in SESSION_NOUNS:
        return False
    return not _modifiers(token) & NOT_SESSION_MODIFIERS


def names_group(token: Token, cues: frozenset[str] = frozenset()) -> bool:
    """The meeting word names a group: 'the G20 summit', 'the SCO foreign ministers' meeting',
    'four-way talks', 'the summit of Mercosur heads of state'; not 'the two leaders' talks'."""
    words = []
    for t in token.subtree:
        if t.i > token.i + 8:
            break
        if t.dep_ in ("relcl", "acl") and t.i > token.i:
            break
        if t.i != token.i:
            words.append(t)
    if any(w.lower_ in PAIR_WORDS for w in words):
        return False
    lowers = {w.lower_ for w in words}
    text = " " + " ".join(w.lower_ for w in words) + " "
    return bool(lowers & GROUP_CUES) or any(
        (" " in cue and f" {cue} " in text) or cue in lowers for cue in cues - SIDELINE_CUES
    )


def is_setting(token: Token, meeting_words: frozenset[str]) -> bool:
    """'met X at the summit': the summit is where another meeting took place."""
    prep = token.head
    if token.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    return prep.head.lemma_.lower() in meeting_words or prep.head.lower_ in SIDELINE_CUES


def is_time_reference(token: Token) -> bool:
    """'after the summit', 'before the summit began': the session only dates another event."""
    head = token.head
    if token.dep_ == "pobj" and (head.lower_ in TIME_WORDS or head.head.lower_ in TIME_WORDS):
        return True  # "after the summit", "ahead of the summit"
    return token.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "mark" and c.lower_ in TIME_WORDS for c in head.children
    )


def on_sidelines(sent: Span) -> bool:
    return any(t.lower_ in SIDELINE_CUES for t in sent)


def kind(trigger: Token, people: list, cues: frozenset[str], meeting_words: frozenset[str]) -> str:
    """'multilateral' for the session itself, 'in_person' for a meeting beside or at it."""
    if on_sidelines(trigger.sent) or is_setting(trigger, meeting_words):
        return "in_person"
    countries = {p.country for p in people}
    if is_session(trigger):
        group = names_group(trigger, cues) or (len(people) >= MIN_ATTENDEES and len(countries) >= 2)
        return "multilateral" if group else "in_person"
    if trigger.lower_ in GROUP_MEETING_NOUNS and names_group(trigger, cues):
        return "multilateral"
    if len(people) >= MIN_VERB_ATTENDEES and len(countries) >= 3:
        return "multilateral"
    return "in_person"


def says_who_attended(sent: Span) -> bool:
    """'attended by', 'around the table were', 'brought together', 'A and B were among ...'."""
    if any(t.lemma_.lower() in ATTENDANCE_LEMMAS or t.lower_ in ATTENDANCE_WORDS for t in sent):
        return True
    text = " " + " ".join(t.lower_ for t in sent) + " "
    return any(f" {phrase} " in text for phrase in ATTENDANCE_PHRASES)


def attendees(trigger: Token, sents: list[Span], people, body: list[bool]) -> list:
    """The people the text places at the session ``trigger`` names, in the order named:
    those of its sentence, then of each following sentence that says who attended.
    Empty when fewer than ``MIN_ATTENDEES`` are found."""
    sent = trigger.sent
    found = list(people.in_span(sent))
    index = next((i for i, s in enumerate(sents) if s.start == sent.start), None)
    if index is not None:
        for s in sents[index + 1 : index + 1 + FOLLOW_SENTENCES]:
            named = people.in_span(s)
            if not body[s.start] or not named or not says_who_attended(s):
                break
            found.extend(p for p in named if p not in found)
    found = [p for p in found if p.role or p.country]  # an official, not a place read as a name
    return found if len(found) >= MIN_ATTENDEES else []
