"""Meetings reported by a news article: a pure function of a spaCy Doc.

``extract(doc, published)`` reads every sentence of the article body for a meeting
trigger (a verb such as "met", "hosted", "spoke by phone", or a noun such as "talks",
"visit", "summit"), ties the people to it through the dependency parse, and decides
its kind, status, date, place and topics, each with a short reason. Meetings of the
same event within the article are merged; their evidence is kept.

Nothing here touches the database: the output is frozen dataclasses.
"""

from datetime import date

from spacy.tokens import Doc, Span, Token

from ingest.extraction import arguments, attributes, coreference, dating, events, places, references, summits
from ingest.extraction.body import body_mask
from ingest.extraction.document import Article, Candidate, unique
from ingest.extraction.output import ExtractedMeeting, ExtractedParticipant, ExtractedTopic, finish
from ingest.extraction.status import meeting_status
from ingest.lexicon import load

__all__ = ["ExtractedMeeting", "ExtractedParticipant", "ExtractedTopic", "article_of", "extract", "extract_texts"]

DOMESTIC_BODIES = frozenset(load("triggers.json")["domestic_bodies"])  # "the weekly cabinet meeting"


def extract(doc: Doc, published: date | None = None) -> list[ExtractedMeeting]:
    """Every meeting the article reports, in the order it first reports them."""
    return _read(article_of(doc, published))


def article_of(doc: Doc, published: date | None = None) -> Article:
    """The document model of a parsed article, for the stages to read."""
    article = Article(doc, dating.reference_day(doc, published), body_mask(doc), events.phrase_ends(doc))
    article.memo[dating.PUBLISHED] = published
    return article


def extract_texts(
    articles: list[tuple[str, date | None]], model: str, batch_size: int = 16
) -> list[list[ExtractedMeeting]]:
    """The meetings of each (text, published) pair, parsed with one batched ``nlp.pipe``.

    This is the unit of work of an ingest worker process: it needs no database and
    no Django set-up, only the model's name.
    """
    from ingest.nlp import parse, pipeline

    docs = parse(pipeline(model), (text for text, _ in articles), batch_size=batch_size)
    return [extract(doc, published) for (_, published), doc in zip(articles, docs)]


# -- the walk over sentences: stage 3 finds triggers, 3-4 build a candidate, 5 merges, 6 writes


def _read(article: Article) -> list[ExtractedMeeting]:
    """Every body sentence in order: its triggers become candidates, merged into the meetings
    read so far; a sentence with none is context for their topics."""
    for sent in article.sents:
        if not article.body[sent.start] or not sent.text.strip():
            continue
        found = False
        for trigger in events.triggers(article, sent):
            candidate = _candidate(article, sent, trigger)
            if candidate is not None:
                for one in arguments.separately(article, candidate):
                    coreference.add(article, one)
                found = True
        if not found:
            coreference.note_context(article, sent)
    return [finish(article, c) for c in coreference.without_restated(article, article.meetings)]


def _candidate(article: Article, sent: Span, trigger: Token) -> Candidate | None:
    """The meeting one trigger reports, with its people and attributes; None when it
    reports no single meeting of two people or more."""
    if summits.is_session(trigger) and summits.is_time_reference(trigger):
        return None  # "after the summit, X toured the site with Y": the other verb is the meeting
    if any(c.dep_ in ("compound", "amod") and c.lower_ in DOMESTIC_BODIES for c in trigger.children):
        return None  # "the party caucus meeting": no diplomacy
    attendees = arguments.attendees(article, trigger)
    if attendees and summits.other_sessions(trigger):
        people = attendees  # each session of the sentence has its own people
    else:
        people = unique(arguments.participants(article, trigger) + attendees)
    people = [p for p in people if not summits.names_meeting(p) and not summits.absent(p, sent)]
    linked = True
    status = meeting_status(trigger)
    if status is None:
        return None
    if status == "held" and summits.is_session(trigger) and summits.scheduled(trigger):
        status = "planned"
    group = references.group_in(article, trigger) if len(people) < 2 else []
    definite = len(people) < 2 and references.definite_reference(article, trigger)
    if len(people) < 2 and (group or definite):
        if group and len(group) >= 2:
            people = unique(people + group)
        elif article.context:
            people = unique(people + article.context)
        linked = False
        if status != "held":
            # "The summit was called off": the meeting already read changes status;
            # "the next round of talks" is no meeting of these people.
            if definite:
                coreference.restates(article, people, status)
            return None
    if len(people) < 2:
        if people:
            article.remember(people)
        return None
    present = [p for p in arguments.present(article, trigger) if p not in people]
    people = unique(people + present)  # "..., in the presence of the foreign minister, X"
    if status == "planned" and dating.told_as_past(article, trigger):
        status = "held"  # "had invited her during their first call, on May 15": the call took place
    when = dating.explicit_date(article, sent, trigger, status)
    if attributes.vague(article, trigger) and (when is None or when.precision != "day"):
        article.remember(people)  # "have met three times this year"
        return None
    kind = attributes.kind(article, trigger, people)
    candidate = Candidate(people=people, sentences=[sent], trigger=trigger, kind=kind, status=status, linked=linked)
    candidate.present = present
    candidate.when = when
    candidate.explicit_previous = attributes.previous(article, trigger)
    if candidate.explicit_previous and candidate.when is None:
        article.remember(people)
        return None  # "their last meeting", with no date: nothing to record
    if candidate.when and article.published and candidate.when.date > article.published and status == "held":
        candidate.status = "planned"
    if kind in ("in_person", "multilateral"):
        candidate.place, candidate.place_reason = places.place(article, sent, trigger, people)
    candidate.host = attributes.host(article, trigger, people, candidate.place)
    return candidate
