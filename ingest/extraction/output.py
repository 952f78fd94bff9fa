"""Stage 6, output: a merged candidate as the frozen ``ExtractedMeeting`` the rest of
Parley stores, with its evidence quoted from the stored text, a date when none is
stated, a country guessed for one participant who has none, and ranked topics.
"""

import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date

from spacy.tokens import Span

from ingest.extraction import dating
from ingest.extraction.document import Article, Candidate
from ingest.gazetteer import Place, gazetteer
from ingest.lexicon import lookup_key
from ingest.nlp import TOPICS_KEY
from ingest.people import Person
from meetings.countries import country_name
from meetings.names import fold

MAX_TOPICS = 8
OWN_COUNTRY_WEIGHT = 0.75  # a participant's own country is a topic less often than another's


@dataclass(frozen=True)
class ExtractedParticipant:
    name: str
    role: str
    country: str | None  # ISO alpha-2
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "role": self.role,
            "country": country_name(self.country) if self.country else None,
            "country_code": self.country,
            "aliases": list(self.aliases),
        }


@dataclass(frozen=True)
class ExtractedTopic:
    name: str
    slug: str
    kind: str  # issue, country, organisation, place


@dataclass(frozen=True)
class ExtractedMeeting:
    participants: tuple[ExtractedParticipant, ...]
    kind: str
    status: str
    date: date | None
    date_precision: str
    date_reason: str
    location: Place | None
    location_reason: str
    host: str | None
    topics: tuple[ExtractedTopic, ...]
    evidence: str
    start_char: int
    end_char: int
    confidence: float

    def to_dict(self) -> dict:
        return {
            "participants": [p.to_dict() for p in self.participants],
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "date_reason": self.date_reason,
            "location": (
                {
                    "name": self.location.name,
                    "country": country_name(self.location.country) if self.location.country else None,
                    "country_code": self.location.country,
                    "latitude": self.location.latitude,
                    "longitude": self.location.longitude,
                }
                if self.location
                else None
            ),
            "location_reason": self.location_reason,
            "kind": self.kind,
            "status": self.status,
            "host": self.host,
            "topics": [asdict(t) for t in self.topics],
            "evidence": self.evidence,
            "start_char": self.start_char,
            "end_char": self.end_char,
            "confidence": self.confidence,
        }


def finish(article: Article, c: Candidate) -> ExtractedMeeting:
    start, end = stripped(c.sentences[0])
    when = c.when
    if when is None:
        when = dating.undated(article, c)
    if when is None:
        reason = "no date in the text" + ("" if article.published else " and no publication date")
    # The host country fits one person who has none, never two; a country the
    # sentence names makes nobody its citizen ("Putin met Erdogan to discuss Syria").
    unknown = [p for p in c.people if not p.country]
    guessed = country_from_context(unknown[0], c) if len(unknown) == 1 else None
    participants = tuple(
        ExtractedParticipant(p.name, p.role, p.country or guessed, tuple(p.aliases())) for p in c.people
    )
    confidence = 0.45 + 0.2 * c.linked + 0.1 * bool(c.when) + 0.1 * bool(c.place) + 0.05 * min(len(c.sentences) - 1, 2)
    return ExtractedMeeting(
        participants=participants,
        kind=c.kind,
        status=c.status,
        date=when.date if when else None,
        date_precision=when.precision if when else "unknown",
        date_reason=when.reason if when else reason,
        location=c.place,
        location_reason=c.place_reason,
        host=c.host.name if c.host else None,
        topics=topics(article, c),
        evidence=article.text[start:end],
        start_char=start,
        end_char=end,
        confidence=round(min(confidence, 0.95), 2),
    )


def in_title(article: Article, ent: Span) -> bool:
    following = article.doc[ent.end] if ent.end < len(article.doc) else None
    return following is not None and (
        article.people.at(following) is not None or lookup_key(following.text) in article.lex.title_words
    )


def country_from_context(person: Person, c: Candidate) -> str | None:
    """A person the text gives no country: the host's, when they met in person in a
    country nobody else is from ("Wang Yi met Lavrov in Beijing"). Never another
    country the sentence names, and never for an international body's official:
    unknown is better than wrong."""
    if person.organisation or c.place is None or not c.place.country or c.kind != "in_person":
        return None
    known = {p.country for p in c.people if p.country}
    return c.place.country if c.place.country not in known else None


def topics(article: Article, c: Candidate) -> tuple[ExtractedTopic, ...]:
    """What was discussed, ranked: taxonomy issues, organisations, countries, places.

    The meeting's own sentences count most, then sentences about its people; in an
    article about one meeting, issues named anywhere in the body count a little.
    Countries and places count only where the meeting's people are talked about.
    """
    weights: dict[tuple[str, str, str], float] = defaultdict(float)
    sentences = [(s, 3.0, True) for s in c.sentences] + [(s, 1.5, True) for s in c.topic_sentences]
    if len(article.meetings) == 1:
        seen = {s.start for s, _, _ in sentences}
        sentences += [(s, 0.5, False) for s in article.sents if article.body[s.start] and s.start not in seen]
    own_countries = {p.country for p in c.people}
    place_name = lookup_key(c.place.name) if c.place else None
    topics_by_slug = {t["slug"]: t for t in article.lex.topics}
    spans = list(article.doc.spans[TOPICS_KEY])
    for sent, weight, about_meeting in sentences:
        for span in spans:
            if span.start >= sent.start and span.end <= sent.end and not in_title(article, span):
                # "Trade Minister" and "UN Secretary-General" name a role, not a topic
                if span.label_ == "TOPIC":
                    topic = topics_by_slug[span.id_]
                    weights[(topic["name"], topic["slug"], topic.get("kind", "issue"))] += weight
                else:
                    weights[(span.id_, slug(span.id_), "organisation")] += weight
        if not about_meeting:
            continue
        for ent in article.ents_in(sent):
            if ent.label_ not in ("GPE", "LOC", "FAC") or lookup_key(ent.text) in article.lex.metonyms:
                continue
            if in_title(article, ent):
                continue  # "US President Donald Trump" is not about the US
            place = gazetteer().resolve(ent.text)
            if place is not None and c.place is not None and place.name == c.place.name:
                continue
            if place is None:
                if ent.label_ == "LOC" and ent.text[:1].isupper():
                    name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
                    weights[(name, slug(name), "place")] += weight
            elif place.is_country:
                factor = OWN_COUNTRY_WEIGHT if place.country in own_countries else 1.0
                weights[(place.name, slug(place.name), "country")] += weight * factor
            elif lookup_key(place.name) != place_name:
                weights[(place.name, slug(place.name), "place")] += weight * 0.75
    ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0][0]))
    return tuple(ExtractedTopic(name, slug, kind) for (name, slug, kind), w in ranked[:MAX_TOPICS] if w >= 1)


def stripped(sent: Span) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.end_char - (len(text) - len(text.rstrip()))
    return start, end


def slug(name: str) -> str:
    """Django's ``slugify`` without Django: ASCII, lower case, words joined by hyphens."""
    value = re.sub(r"[^\w\s-]", "", fold(str(name)))
    return re.sub(r"[-\s]+", "-", value).strip("-_")
