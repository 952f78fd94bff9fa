"""Stage 3, events: which tokens of a sentence are meeting triggers.

A verb ("met", "hosted", "spoke by phone"), a noun ("talks", "visit", "summit") or a
multi-token meeting word ("sit-down", "courtesy call"); trigger words and their cues are
data, in ``ingest/data/triggers.json`` and the lexicon.
"""

import re

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from ingest.extraction import summits
from ingest.extraction.document import Article
from ingest.extraction.syntax import is_time, with_conjuncts
from ingest.lexicon import load

_TRIGGER_DATA = load("triggers.json")
# Meeting words spaCy splits into several tokens ("sit-down", "courtesy call"): token lists -> kind.
MEETING_PHRASES = {
    tuple(re.findall(r"\w+|[^\w\s]", phrase.lower())): kind for phrase, kind in _TRIGGER_DATA["meeting_phrases"].items()
}
RECEIVING_VERBS = frozenset(_TRIGGER_DATA["receiving_verbs"])  # a meeting only when a person is received
VISITOR_NOUNS = frozenset(_TRIGGER_DATA["visitor_nouns"])
PARTICLE_VERBS = _TRIGGER_DATA["particle_verbs"]  # "sat down with X"
TIME_WITH_VERBS = frozenset(_TRIGGER_DATA["time_with_verbs"])  # "had half an hour with X"
TIME_NOUNS = frozenset(_TRIGGER_DATA["time_nouns"])
HOSPITALITY_VERBS = frozenset(_TRIGGER_DATA["hospitality_verbs"])  # "was given lunch by X"
MEAL_NOUNS = frozenset(_TRIGGER_DATA["meal_nouns"])
JOURNEY_VERBS = frozenset(_TRIGGER_DATA["journey_verbs"])  # "the tour continued in X with Y"
JOURNEY_NOUNS = frozenset(_TRIGGER_DATA["journey_nouns"])
COMPANY_VERBS = frozenset(
    _TRIGGER_DATA["company_verbs"]
)  # a meeting when done "with" a person (forms too: "dined" lemmatises badly)


def triggers(article: Article, sent: Span) -> list[Token]:
    found = []
    for t in sent:
        lemma = t.lemma_.lower()
        low = t.lower_
        if t.i in article.phrase_kinds and t.pos_ in ("NOUN", "PROPN", "ADJ", "ADV"):
            found.append(t)  # "had a sit-down with", "paid a courtesy call on"
        elif t.pos_ in ("VERB", "AUX") and lemma in article.lex.meeting_verbs:
            if t.dep_ == "acl" and summits.is_session(t.head):
                continue  # "the summit hosted by X": the session is the meeting
            if lemma == "hold" and not any(
                c.dep_ in ("dobj", "nsubjpass")
                and (c.lower_ in article.lex.hold_objects or c.i in article.phrase_kinds)
                for c in t.children
            ):
                continue
            if lemma in RECEIVING_VERBS and not receives_someone(article, t):
                continue  # "would receive their certificates"
            if lemma == "see" and any(
                c.dep_ in ("prt", "oprd", "ccomp", "xcomp") or c.lower_ == "as" for c in t.children
            ):
                continue  # "saw his guest off", "sees Putin as a partner"
            if lemma == "call" and not (is_phone_call(article, t) or calls_on(article, t)):
                continue
            found.append(t)
        elif t.pos_ in ("NOUN", "PROPN") and (low in article.lex.meeting_nouns or lemma in article.lex.meeting_nouns):
            if (
                low == "call"
                and t.head.lemma_ in ("issue", "make", "renew", "repeat", "heed", "answer")
                and not phone_cue(sent)
            ):
                continue
            if t.dep_ == "compound" and t.head.lower_ in article.lex.meeting_nouns:
                continue  # "phone call", "summit meeting": the head is the trigger
            found.append(t)
        elif summits.is_session(t):
            found.append(t)  # "the council session", "the gathering": see _attendees
        elif t.pos_ == "VERB" and lemma == "invite":
            found.append(t)
        elif t.pos_ == "VERB" and (
            particle_or_time_with(article, t) or offers_meal(article, t) or journey_with(article, t)
        ):
            found.append(t)
    return found


def particle_or_time_with(article: Article, t: Token) -> bool:
    """'sat down with X', 'Biden and Putin sit down'; 'had half an hour with X'."""
    lemma = t.lemma_.lower()
    if (lemma in COMPANY_VERBS or t.lower_ in COMPANY_VERBS) and with_person(article, t):
        return True  # "he also sat with the foreign minister", "dined with X"
    if lemma in PARTICLE_VERBS:
        return any(c.dep_ == "prt" and c.lower_ == PARTICLE_VERBS[lemma] for c in t.children)
    if lemma not in TIME_WITH_VERBS:
        return False
    objects = [c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() in TIME_NOUNS]
    return bool(objects) and any(with_person(article, w) for w in [t, *objects])


def offers_meal(article: Article, t: Token) -> bool:
    """'was given lunch by X', 'gave a dinner for X': a meal offered to or by a person."""
    if t.lemma_.lower() not in HOSPITALITY_VERBS:
        return False
    meals = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in MEAL_NOUNS]
    tied = [c for c in t.children if c.dep_ in ("agent", "dative", "dobj")]
    tied += [p for w in [t, *meals] for p in w.children if p.dep_ == "prep" and p.lower_ in ("for", "with")]
    return bool(meals) and any(article.people.at(g) for w in tied for g in w.subtree)


def journey_with(article: Article, t: Token) -> bool:
    """'the tour continued in X with Y': a leg of a journey spent with a host."""
    return journey_of(t) is not None and with_person(article, t)


def journey_of(t: Token) -> Token | None:
    """The journey noun a journey verb ('continued', 'ended') tells of: its subject, or
    the subject or noun of the verb it is coordinated with ("the tour began in X and
    continued in Y", "the tour, begun in X, ... and continued in Y")."""
    if t.lemma_.lower() not in JOURNEY_VERBS:
        return None
    head = t
    for _ in range(3):
        subject = next((c for c in head.children if c.dep_ == "nsubj" and c.lemma_.lower() in JOURNEY_NOUNS), None)
        if subject is not None:
            return subject
        if head is not t and head.pos_ == "NOUN" and head.lemma_.lower() in JOURNEY_NOUNS:
            return head
        if head.dep_ not in ("conj", "acl"):
            break
        head = head.head
    return None


def with_person(article: Article, word: Token) -> bool:
    """Does 'with <a person>' hang on the word?"""
    return any(
        p.dep_ == "prep" and p.lower_ == "with" and any(article.people.at(g) for o in p.children for g in o.subtree)
        for p in word.children
    )


def receives_someone(article: Article, t: Token) -> bool:
    """'received Abiy Ahmed', 'welcomed a delegation', 'was received by X': a person is received."""
    for c in t.children:
        if c.dep_ in ("dobj", "nsubjpass", "agent"):
            words = [c] if c.dep_ != "agent" else [g for g in c.children if g.dep_ == "pobj"]
            for w in words:
                if any(
                    article.people.at(x) or x.ent_type_ == "PERSON" or x.lower_ in VISITOR_NOUNS
                    for x in with_conjuncts(w)
                ):
                    return True
                if w.pos_ in ("PRON",) and w.lower_ not in ("it", "this", "that", "which", "what"):
                    return True  # "received him"
    return False


def is_phone_call(article: Article, t: Token) -> bool:
    """'Putin called Erdogan' is a phone call; 'called on', 'called for', 'called off' are not."""
    if any(
        c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in ("on", "for", "upon", "off") and not is_time(c))
        for c in t.children
    ):
        return False  # "called on", "called for"; "called him on July 17" is a call
    if any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in t.children):
        return False  # "called it a success"
    return any(c.dep_ == "dobj" and article.people.at(c) for c in t.children) or phone_cue(t.sent)


def calls_on(article: Article, t: Token) -> bool:
    """'X called on Y': a courtesy visit, not a phone call ('called on Y to act' urges)."""
    if any(v.pos_ == "VERB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in v.children) for v in t.subtree):
        return False
    return any(
        c.dep_ == "prep" and c.lower_ in ("on", "upon") and any(article.people.at(g) for g in c.children)
        for c in t.children
    )


def phone_cue(sent: Span) -> bool:
    text = " " + sent.text.lower() + " "
    return any(f" {cue} " in text or f" {cue}" in text for cue in ("phone", "telephone"))


def phrase_ends(doc: Doc) -> dict[int, str]:
    """Token index of the last word of each multi-token meeting word in ``doc``, with its kind."""
    found = {}
    strings = doc.vocab.strings
    lowers = [strings[key] for key in doc.to_array(LOWER).tolist()]  # no Token objects built
    for phrase, kind in MEETING_PHRASES.items():
        n = len(phrase)
        for i in range(len(lowers) - n + 1):
            if lowers[i] == phrase[0] and tuple(lowers[i : i + n]) == phrase:
                found[i + n - 1] = kind
    return found
