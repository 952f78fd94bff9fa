"""The meeting's place: what the sentence states ("in X", "visit to X"), what the
report says near it, and the dateline when the meeting happened where the report was
filed. Names resolve through the gazetteer, each place with a short reason."""

from spacy.tokens import Span, Token

from ingest.extraction.document import Article, Candidate
from ingest.extraction.references import resolve
from ingest.extraction.syntax import governors
from ingest.gazetteer import Place, gazetteer
from ingest.lexicon import lookup_key
from ingest.nlp import DATELINE
from ingest.people import Person

PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG"}
PLACE_PREPS = {"in", "at", "inside", "to", "near"}
WELCOME_WORDS = {"invite", "welcome", "receive", "bring"}  # "welcomed Clinton to Cape Town"
MISLABELLED_PLACES = {"PRODUCT", "WORK_OF_ART", "EVENT", "PERSON"}
VISIT_WORDS = {"visit", "trip", "travel", "arrive", "tour", "fly", "come", "go", "head", "land", "visiting", "return"}
DATELINE_DAYS = 1  # a meeting this close to the publication date took place where the dateline says


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


def place_from_context(article: Article, c: Candidate) -> tuple[Place | None, str]:
    """A place stated near the meeting: the one just before, or a participant's visit."""
    for m in reversed(article.meetings):
        if m.place and m.status == "held" and (m.keys & c.keys) and m.kind != "phone_call":
            if c.trigger.sent.start - m.sentences[-1].end < 120:
                return m.place, f"the place of the meeting reported just before ({m.place.label})"
    sents = article.sents
    index = article.sentence_starting_at(c.sentences[0].start)
    if index is None:
        return None, ""
    for s in sents[max(0, index - 2) : index + 3]:
        if not article.body[s.start]:
            continue
        for ent in article.ents_in(s):
            if ent.label_ not in ("GPE", "FAC", "LOC") or ent.root.head.lower_ not in ("in", "to"):
                continue
            owner = ent.root.head.head
            person = article.people.at(owner) or (resolve(article, owner) if owner.dep_ in ("nsubj",) else None)
            subj = next((t for t in owner.children if t.dep_ == "nsubj"), None)
            if person is None and subj is not None:
                person = resolve(article, subj)
            if person is None and owner.lemma_.lower() not in VISIT_WORDS:
                continue
            if person is not None and person not in c.people:
                continue
            place = gazetteer().resolve(ent.text)
            if place is not None:
                return place, f'stated nearby: "{ent.root.head.text} {ent.text}"'
    return None, ""


def place_from_dateline(article: Article, c: Candidate) -> tuple[Place | None, str]:
    """The dateline's city for a meeting of the day the report was filed: news of the day
    is written where it happened, older meetings are recalled from anywhere."""
    dateline = article.doc.user_data.get(DATELINE)
    if not dateline or article.published is None:
        return None, ""
    if c.when is not None and abs((c.when.date - article.published).days) > DATELINE_DAYS:
        return None, ""
    place = gazetteer().resolve(dateline["place"]) or gazetteer().resolve(dateline["place"].split(",")[0])
    if place is None or place.is_country:  # "SIRTE, Libya": the city before the country
        return None, ""
    return place, f"the dateline names {dateline['place'].title()}, and the meeting is of that day"
