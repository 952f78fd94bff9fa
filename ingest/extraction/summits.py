"""Summits: the multilateral session itself, and the officials the text places at it.

A summit, council session or conference is ``multilateral``; two leaders meeting on
its sidelines, or "at the summit", meet ``in_person``. The attendees of a session are
the people its sentence names and those of the sentences right after it that say who
took part ("Around the table were A, B and C", "the summit, chaired by X, brought
together ..."), and the officials a later sentence says attend it when it names the
session again ("Y chaired the meeting"). Cue words live in ``ingest/data/summits.json``.
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
MIN_SESSION_PEOPLE = _DATA["min_session_people"]  # a summit of fewer people and no organisation is in person
TIME_WORDS = frozenset(_DATA["time_words"])  # "after the summit" dates something else
MIN_VERB_ATTENDEES = _DATA["min_verb_attendees"]  # "X sat down with A, B and C" at a summit
HISTORICAL_WORDS = frozenset(_DATA["historical_words"])  # "the late President X", "founding prime minister"
HISTORICAL_REACH = _DATA["historical_reach"]  # words before a name read for them
DEATH_LEMMAS = frozenset(_DATA["death_lemmas"])  # "the estate where X died"
COUNTED_GROUP_NOUNS = frozenset(_DATA["counted_group_nouns"])  # "the four presidents"
NUMBER_WORDS = _DATA["number_words"]
COUNTED_GROUP_REACH = _DATA["counted_group_reach"]  # sentences back to find the group's members
NAMED_AGAIN_REACH = _DATA["named_again_reach"]  # sentences on where "X chaired the meeting" adds X


def _modifiers(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod")}


def is_session(token: Token) -> bool:
    """A noun naming a summit or conference session ('summit', not 'press conference', nor
    the modifier of 'summit documents', 'summit-watchers')."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "compound":
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


def organisation_named(token: Token) -> bool:
    """'a NATO summit', 'the summit of the Organisation for Security and Cooperation in Europe':
    an organisation's session."""
    words = [c for c in token.children if c.dep_ in ("compound", "nmod")]
    words += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return any(w.ent_type_ == "ORG" for w in words)


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
    countries = {p.country for p in people if p.country}  # unknown is no third country
    if is_session(trigger):
        group = names_group(trigger, cues) or organisation_named(trigger)
        group = group or (len(people) >= MIN_SESSION_PEOPLE and len(countries) >= 2)  # three leaders: a small group
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


def _coordinated(trigger: Token) -> list[Token]:
    """Nouns coordinated with the trigger, also when the parser hangs the second object
    on the verb: 'attends the G7 summit ... and a NATO summit'."""
    linked = list(trigger.conjuncts)
    if trigger.dep_ == "dobj":
        linked += [c for c in trigger.head.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
    elif trigger.dep_ == "conj" and trigger.head.pos_ == "VERB":
        linked += [c for c in trigger.head.children if c.dep_ == "dobj"]
    return linked


def other_sessions(trigger: Token) -> bool:
    """Another session is coordinated with this one: each has its own attendees."""
    return any(is_session(t) for t in _coordinated(trigger))


def attending_subject(trigger: Token) -> Token | None:
    """'X attends the summit', 'X will join the G20 summit and a NATO summit': X is there."""
    word = trigger
    while word.dep_ == "conj" and word.head.pos_ in ("NOUN", "PROPN"):
        word = word.head
    verb = word.head
    if word.dep_ not in ("dobj", "conj") or verb.lemma_.lower() not in ATTENDANCE_LEMMAS:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def scheduled(trigger: Token) -> bool:
    """'Before that he attends the G7 summit': attendance in the simple present is a schedule."""
    subject = attending_subject(trigger)
    return subject is not None and subject.head.tag_ in ("VBZ", "VBP")


def _own(trigger: Token, people) -> list:
    """The people named in the session's own phrase ('the summit hosted by X', 'a summit
    in Y, where Z ...'), when the sentence names more than one session."""
    others = {t.i for c in _coordinated(trigger) if c.i > trigger.i for t in c.subtree}
    found = []
    for t in trigger.subtree:
        person = people.at(t) if t.i not in others else None
        if person is not None and person not in found:
            found.append(person)
    return found


def names_meeting(person) -> bool:
    """'the Negev summit', 'Normandy-format talks': a place naming a meeting, never a person."""
    if person.role or not person.mentions:
        return False
    for m in person.mentions:
        word = m.root
        for _ in range(2):
            if word.dep_ not in ("compound", "amod", "nmod") or word.head is word:
                break
            word = word.head
        if word is m.root or not (is_session(word) or word.lower_ in GROUP_MEETING_NOUNS):
            return False
    return True


def dead_here(person, span: Span) -> bool:
    """'the estate where the hero X died', 'where X is buried': named as dead, not present."""
    return any(
        span.start <= m.start < span.end
        and m.root.dep_ in ("nsubj", "nsubjpass")
        and m.root.head.lemma_.lower() in DEATH_LEMMAS
        for m in person.mentions
    )


def absent(person, span: Span) -> bool:
    """Named in the sentence but dead, so at no meeting it reports: 'the late King X',
    'the founding prime minister X', 'the estate where the hero X died'."""
    doc = span.doc
    if dead_here(person, span):
        return True
    return any(
        any(
            t.lower_ in HISTORICAL_WORDS and t.pos_ != "ADV"  # "late on Thursday" is a time
            for t in doc[max(span.start, m.start - HISTORICAL_REACH) : m.start]
        )
        for m in person.mentions
        if span.start <= m.start < span.end
    )


def historical(person, span: Span) -> bool:
    """Named in the sentence but not at the session: absent, or 'X's personal envoy' (only a
    possessor: X sent someone)."""
    if absent(person, span):
        return True
    here = [m for m in person.mentions if span.start <= m.start < span.end]
    # a possessor of a thing, not of a name ('Hollande and Ukraine's Petro Poroshenko' misparsed)
    return bool(here) and all(m.root.dep_ == "poss" and m.root.head.pos_ != "PROPN" for m in here)


def group_size(sent: Span) -> int:
    """'the four presidents', 'the 5 leaders', 'the two men' (with others the session's
    sentence names): the number of officials the sentence counts."""
    for t in sent:
        if t.lower_ not in COUNTED_GROUP_NOUNS:
            continue
        for c in t.children:
            if c.dep_ == "nummod":
                n = NUMBER_WORDS.get(c.lower_) or (int(c.text) if c.text.isdigit() else 0)
                if n >= 2:
                    return n
    return 0


def counted_group(sent: Span, sents: list[Span], people, body: list[bool]) -> list:
    """The officials 'the four presidents' stands for: those of the nearest earlier sentence
    that names exactly that many officials."""
    size = group_size(sent)
    index = next((i for i, s in enumerate(sents) if s.start == sent.start), None)
    if not size or index is None:
        return []
    for s in reversed(sents[max(0, index - COUNTED_GROUP_REACH) : index]):
        officials = [p for p in people.in_span(s) if p.role or p.country] if body[s.start] else []
        if len(officials) == size:
            return officials
    return []


def attending_again(sents: list[Span], people) -> list:
    """'X chaired the meeting', 'Y, attending his first Commonwealth summit': later sentences
    that name the session again, with a determiner, as what an official attends."""
    found = []
    for s in sents:
        for t in s:
            if t.dep_ != "dobj" or not (is_session(t) or t.lower_ in GROUP_MEETING_NOUNS):
                continue
            verb = t.head
            if verb.lemma_.lower() not in ATTENDANCE_LEMMAS or not any(c.dep_ in ("det", "poss") for c in t.children):
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is None and verb.dep_ in ("acl", "advcl"):
                subject = (
                    verb.head
                    if verb.dep_ == "acl"
                    else next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
                )
            person = people.at(subject) if subject is not None else None
            if person is not None and person not in found:
                found.append(person)
    return found


def attendees(trigger: Token, sents: list[Span], people, body: list[bool], attending=None) -> list:
    """The people the text places at the session ``trigger`` names, in the order named:
    ``attending`` (who 'attends' it), those of its sentence (of its own phrase when the
    sentence names several sessions), then of each following sentence that says who
    attended. Empty when fewer than ``MIN_ATTENDEES`` are found (two will do when the
    text says who attends)."""
    sent = trigger.sent
    if other_sessions(trigger):
        found = _own(trigger, people)
    else:
        found = list(people.in_span(sent))
    found = [p for p in found if not historical(p, sent)]
    if attending is not None and attending not in found:
        found.insert(0, attending)
    index = next((i for i, s in enumerate(sents) if s.start == sent.start), None)
    if index is not None:
        for s in sents[index + 1 : index + 1 + FOLLOW_SENTENCES]:
            named = people.in_span(s)
            if not body[s.start] or not named or not says_who_attended(s):
                break
            found.extend(p for p in named if p not in found and not historical(p, s))
    again = attending_again(sents[index + 1 : index + 1 + NAMED_AGAIN_REACH], people) if index is not None else []
    found.extend(p for p in again if p not in found)
    found = [p for p in found if p.role or p.country or p is attending]  # an official, not a place
    if len(found) < MIN_ATTENDEES:
        found.extend(p for p in counted_group(sent, sents, people, body) if p not in found)
    least = MIN_ATTENDEES if attending is None and not again else 2
    return found if len(found) >= least else []
