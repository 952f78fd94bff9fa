"""Stage 4, attributes of a meeting a trigger reports: its kind (in person, phone or
video call, multilateral), date, place and host, and whether it is vague ("have met
four times") or an earlier meeting recalled ("their last meeting").
"""

from spacy.tokens import Token

from ingest.extraction import summits
from ingest.extraction.document import Article
from ingest.extraction.events import calls_on
from ingest.extraction.syntax import clause_of
from ingest.gazetteer import Place
from ingest.lexicon import load
from ingest.people import Person

HOST_VERBS = {"host", "receive", "welcome", "greet", "invite"}
ONE_TIME = {"last", "first", "previous", "latest", "only"}  # "the last time they met" is one meeting
CONTINUATION_VERBS = frozenset(load("triggers.json")["continuation_verbs"])  # "will continue to discuss it with X"


def kind(article: Article, trigger: Token, people: list[Person]) -> str:
    lex = article.lex
    near = {t.lower_ for t in trigger.subtree} | {t.lower_ for t in trigger.children} | {trigger.head.lower_}
    near |= {c.lower_ for c in trigger.head.children}
    trigger_kind = (
        lex.meeting_verbs.get(trigger.lemma_.lower())
        if trigger.pos_ in ("VERB", "AUX")
        else lex.meeting_nouns.get(trigger.lower_, lex.meeting_nouns.get(trigger.lemma_.lower()))
    )
    if trigger.pos_ == "VERB" and calls_on(article, trigger):
        trigger_kind = "in_person"
    trigger_kind = article.phrase_kinds.get(trigger.i, trigger_kind)  # "courtesy call" is no phone call
    own = " " + " ".join(t.lower_ for t in clause_of(trigger)) + " "
    for kind in ("video_call", "phone_call"):
        if trigger_kind == kind:
            return kind
        if any((" " in cue and f" {cue} " in own) or cue in near for cue in lex.kind_cues[kind]):
            return kind
    return summits.kind(trigger, people, lex.kind_cues["multilateral"], article.meeting_words)


def vague(article: Article, trigger: Token) -> bool:
    """'have met four times', 'the third time', 'regular meetings': no single event."""
    sent = trigger.sent
    for t in sent:
        if t.lemma_ == "time" and any(
            c.dep_ in ("nummod", "amod") and (c.like_num or c.tag_ in ("JJ", "CD")) and c.lower_ not in ONE_TIME
            for c in t.children
        ):
            if abs(t.i - trigger.i) < 12:
                return True
        if t.lower_ in ("times",) and abs(t.i - trigger.i) < 6:
            return True
    if trigger.tag_ == "NNS" and trigger.lower_ not in (
        "talks",
        "negotiations",
        "consultations",
        "discussions",
        "sidelines",
    ):
        return True
    if trigger.dep_ in ("xcomp", "dobj") and trigger.head.lemma_.lower() in CONTINUATION_VERBS:
        return True  # "will continue to discuss", "carry the dialogue forward": a process, no event
    return any(c.lower_ in article.lex.vague_cues for c in trigger.children)  # "regular", "several", "every"


def previous(article: Article, trigger: Token) -> bool:
    """'their last meeting', 'X first met Y': an earlier meeting ('saw X first, then Y' orders two)."""
    return any(
        c.lower_ in article.lex.previous_cues
        for c in trigger.children
        if c.dep_ == "amod" or (c.dep_ == "advmod" and not (trigger.pos_ == "VERB" and c.i > trigger.i))
    )


def host(article: Article, trigger: Token, people: list[Person], place: Place | None) -> Person | None:
    lemma = trigger.lemma_.lower()
    if lemma in HOST_VERBS and trigger.pos_ == "VERB":
        for c in trigger.children:
            if c.dep_ == "nsubj" and article.people.at(c) in people:
                return article.people.at(c)
            if c.dep_ == "agent":
                for g in c.children:
                    if article.people.at(g) in people:
                        return article.people.at(g)
    visitors = set()
    for p in people:
        for m in p.mentions:
            if m.sent == trigger.sent and any(
                t.lower_ == "visiting" for t in article.doc[max(m.sent.start, m.start - 6) : m.start]
            ):
                visitors.add(p.key)
    if visitors and len(people) == 2:
        return next((p for p in people if p.key not in visitors), None)
    if place is not None and place.country and len(people) == 2:
        local = [p for p in people if p.country == place.country]
        if len(local) == 1:
            return local[0]
    return None
