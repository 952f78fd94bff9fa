"""Stage 4, attributes of a meeting a trigger reports: its kind (in person, phone or
video call, multilateral), date, place and host, and whether it is vague ("have met
four times") or an earlier meeting recalled ("their last meeting").
"""

from datetime import date

from spacy.tokens import Doc, Span, Token

from ingest import dates
from ingest.extraction import summits
from ingest.extraction.document import Article
from ingest.extraction.events import calls_on
from ingest.extraction.syntax import clause_of, governors
from ingest.gazetteer import Place
from ingest.lexicon import load
from ingest.nlp import DATELINE
from ingest.people import Person

HOST_VERBS = {"host", "receive", "welcome", "greet", "invite"}
ONE_TIME = {"last", "first", "previous", "latest", "only"}  # "the last time they met" is one meeting
CONTINUATION_VERBS = frozenset(load("triggers.json")["continuation_verbs"])  # "will continue to discuss it with X"
SCHEDULE_WORDS = frozenset(load("triggers.json")["schedule_words"])  # "a meeting set for Monday"
BOUNDING_MARKS = frozenset(load("triggers.json")["bounding_marks"])  # "since X agreed in March"


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


def explicit_date(article: Article, sent: Span, trigger: Token, status: str) -> dates.ResolvedDate | None:
    future = status == "planned"
    ents = [e for e in article.ents_in(sent) if e.label_ in ("DATE", "TIME")]
    if not ents:
        return None
    near = set(t.i for t in trigger.subtree)
    for gov in governors(trigger, 2):
        if gov.pos_ in ("VERB", "AUX"):
            near |= {t.i for c in gov.children if c.dep_ in ("npadvmod", "prep", "tmod") for t in c.subtree}
            break
    ranked = sorted(ents, key=lambda e: (e.root.i not in near, abs(e.root.i - trigger.i)))
    for ent in ranked:
        text = ent.text
        if any(w in text.lower() for w in ("since", "past", "for ", "during", "until", "years", "decades")):
            continue
        if scheduled_for(article, ent):
            pass  # "a meeting set for Monday"
        elif ent.start > 0 and article.doc[ent.start - 1].lower_ in (
            "since",
            "until",
            "till",
            "for",
            "by",
            "before",
            "after",
        ):
            continue
        if names_other_thing(article, ent, trigger) or in_bounding_clause(ent, trigger):
            continue
        resolved = dates.resolve(text, article.published, future=future)
        if resolved is not None and resolved.precision in ("day", "week", "month"):
            return resolved
        if resolved is not None and ent.root.i in near:
            return resolved
    return None


def scheduled_for(article: Article, ent: Span) -> bool:
    """'set for Monday', 'scheduled for May 2': the day a meeting was fixed for."""
    if ent.start < 2 or article.doc[ent.start - 1].lower_ != "for":
        return False
    return article.doc[ent.start - 2].lemma_.lower() in SCHEDULE_WORDS


def in_bounding_clause(ent: Span, trigger: Token) -> bool:
    """'... since Tehran and Riyadh agreed in March': a date inside a clause that bounds
    the meeting in time dates that clause's own event."""
    t = ent.root
    while t.head.i != t.i and t.i != trigger.i:
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ in BOUNDING_MARKS for c in t.children):
            return True
        t = t.head
    return False


def names_other_thing(article: Article, ent: Span, trigger: Token) -> bool:
    """'the 2005 peace deal': a year that tells which deal, not when the meeting was
    ('the 2018 summit' dates the summit itself)."""
    root = ent.root
    return (
        root.dep_ in ("nummod", "compound", "amod")
        and root.head.pos_ == "NOUN"
        and not root.head.ent_type_  # "Friday morning" is one time
        and root.head.i != trigger.i
        and root.head.lemma_.lower() not in article.lex.meeting_nouns
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


def dateline_day(doc: Doc) -> date | None:
    """The day a dateline states in full ("SEOUL, June 15, 2000 -"): the reference for
    dates in an article that has no publication date."""
    dateline = doc.user_data.get(DATELINE)
    if not dateline or not dateline.get("date"):
        return None
    day = dates.resolve(dateline["date"], None)
    return day.date if day is not None and day.precision == "day" else None
