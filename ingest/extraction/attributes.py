"""Stage 4, attributes of a meeting a trigger reports: its kind (in person, phone or
video call, multilateral), date, place and host, and whether it is vague ("have met
four times") or an earlier meeting recalled ("their last meeting").
"""

from spacy.tokens import Span, Token

from ingest.extraction import summits
from ingest.extraction.document import Article
from ingest.extraction.events import calls_on
from ingest.extraction.syntax import clause_of, governors
from ingest.gazetteer import Place, gazetteer
from ingest.lexicon import load, lookup_key
from ingest.people import Person

PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG"}
PLACE_PREPS = {"in", "at", "inside", "to", "near"}
WELCOME_WORDS = {"invite", "welcome", "receive", "bring"}  # "welcomed Clinton to Cape Town"
MISLABELLED_PLACES = {"PRODUCT", "WORK_OF_ART", "EVENT", "PERSON"}
VISIT_WORDS = {"visit", "trip", "travel", "arrive", "tour", "fly", "come", "go", "head", "land", "visiting", "return"}
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


def place(article: Article, sent: Span, trigger: Token, people: list[Person]) -> tuple[Place | None, str]:
    """The city (or country) where the meeting happened, as the sentence states it."""
    anchors = {trigger.i} | {t.i for t in trigger.subtree if article.people.at(t)}
    for gov in governors(trigger, 3):
        anchors.add(gov.i)
        if gov.pos_ in ("VERB", "AUX"):
            break
    anchors |= {t.i for t in sent if article.people.at(t) in people}
    best: tuple[int, Place, str] | None = None
    for ent in place_spans(sent, article.ents_in(sent)):
        prep = ent.root.head
        if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
            owner = prep.head
        elif ent.root.dep_ in ("compound", "nmod") and ent.root.head.i in anchors | {t.i for t in trigger.children}:
            owner = ent.root.head  # "his Sochi residence", "the Moscow talks"
            prep = None
        elif ent.root.dep_ in ("dobj",) and ent.root.head.lemma_.lower() in VISIT_WORDS:
            owner, prep = ent.root.head, None  # "visited Beirut"
        elif ent.root.dep_ == "appos" and best is not None:
            continue
        else:
            continue
        if prep is not None and prep.lower_ == "to" and owner.lemma_.lower() not in VISIT_WORDS | WELCOME_WORDS:
            continue
        if not reaches(owner, anchors) and not (
            owner.lemma_.lower() in VISIT_WORDS
            or owner.lower_ in ("residence", "palace", "capital", "city")
            or owner.lemma_.lower() in article.lex.meeting_nouns  # "the summits in Jakarta"
        ):
            continue
        place = gazetteer().resolve(ent.text)
        country = country_after(ent)
        if country and (place is None or place.country != country) and not (place and place.is_country):
            place = gazetteer().resolve_in(ent.text, country)  # "Bali, Indonesia" is not Bāli in India
        if place is None:
            continue
        if ent.label_ == "ORG" and lookup_key(ent.text) not in article.lex.metonyms:
            continue
        rank = (place.is_country, owner.i not in anchors, owner.i != trigger.i)  # "in X" on the trigger first
        phrase = f"{prep.text} {ent.text}" if prep is not None else ent.text
        reason = f'named in the report: "{phrase}"'
        if lookup_key(ent.text) in article.lex.metonyms:
            reason = f'"{ent.text}" stands for {place.label}'
        if best is None or rank < best[0]:
            best = (rank, place, reason)
    if best is None:
        return None, ""
    return best[1], best[2]


def reaches(token: Token, anchors: set[int]) -> bool:
    """Is the token an anchor, or hung from one through nouns ('on March 11 in ...',
    'at the Great Hall of the People in Beijing')?"""
    for _ in range(7):
        if token.i in anchors:
            return True
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            return False
        token = token.head
    return token.i in anchors


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


def place_spans(sent: Span, ents: list[Span]) -> list[Span]:
    """Place entities, and proper nouns after 'in'/'at' the tagger missed or mislabelled
    ('in Accra', 'to Montevideo' tagged PRODUCT); the gazetteer decides later."""
    spans = [
        ent
        for ent in ents
        if ent.label_ in PLACE_LABELS or (ent.label_ in MISLABELLED_PLACES and ent.root.head.lower_ in PLACE_PREPS)
    ]
    for ent in list(spans):
        # "the Great Hall of the People in Beijing" is one FAC entity: its city is a place too
        inner = [t for t in ent if t.lower_ == "in" and t.i + 1 < ent.end]
        if inner:
            spans.append(sent.doc[inner[-1].i + 1 : ent.end])
    for t in sent:
        if t.ent_type_ or t.tag_ != "NNP" or t.dep_ != "pobj" or t.head.lower_ not in PLACE_PREPS:
            continue
        start = min([c.i for c in t.children if c.dep_ == "compound" and c.tag_ == "NNP"] + [t.i])
        spans.append(sent.doc[start : t.i + 1])
    return spans


def country_after(span: Span) -> str | None:
    """The country of "City, Country", when one follows the place name."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        following = next((e for e in doc.ents if e.start == span.end + 1), None)
        if following is not None:
            place = gazetteer().resolve(following.text)
            if place is not None and place.is_country:
                return place.country
    return None
