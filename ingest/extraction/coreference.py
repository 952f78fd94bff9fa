"""Stage 5, event coreference: mentions of one meeting across sentences merged into one
candidate, different meetings kept apart (another date, a call and a visit, a sideline
meeting at a summit); a meeting restated inside a larger one's phrase dropped, officials
of one country meeting each other left out, and sentences with no meeting of their own
kept as context for the topics.
"""

import re
from datetime import date

from spacy.tokens import Span

from ingest.extraction import dating
from ingest.extraction.dating import compatible, finer
from ingest.extraction.document import Article, Candidate, unique
from ingest.extraction.places import place_from_article, place_from_dateline
from ingest.extraction.references import definite_reference, is_group_reference
from ingest.extraction.summits import is_session
from ingest.extraction.syntax import words_before
from ingest.lexicon import load
from ingest.people import Person

OWN_VERB_DEPS = ("prep", "npadvmod", "advmod", "tmod")  # "was held on May 2", "met Friday"
DOMESTIC_OFFICES = tuple(load("not_people.json")["domestic_offices"])  # "governor", "treasurer"


def add(article: Article, c: Candidate):
    named = named_again(article, c)
    if named is not None:
        named.sentences.append(c.sentences[0])
        return
    for m in reversed(article.meetings):
        if (
            c.keys <= m.keys
            and any(s.start == c.sentences[0].start for s in m.sentences)
            and same_occasion(m, c, article.published)
            and not (m.kind == "multilateral" and c.kind != "multilateral" and c.linked)  # sideline talks
        ):
            # "will join a video call with X ahead of the summit": one sentence, one meeting,
            # unless it names two ("who spoke by phone on May 12, met on May 19")
            merge(m, c)
            if m.status == "planned" and c.status == "held" and is_session(m.trigger) and is_session(c.trigger):
                m.status = "held"  # "the gathering would become a forum, as he closed the summit"
            return
        if (
            m.keys < c.keys
            and m.sentences[-1].start == c.sentences[0].start
            and m.status == c.status
            and same_occasion(m, c, article.published)
            and not (c.kind == "multilateral" and m.kind != "multilateral")  # two of a session met apart
        ):
            # "X and Y met on Thursday, in talks brokered by Z": the second word adds Z
            merge(m, c)
            m.people = unique(m.people + c.people)
            return
    for m in reversed(article.meetings):
        if (
            m.status == c.status
            and (
                m.keys == c.keys
                # a sideline meeting of two of the summit's attendees is a meeting of its own
                or (m.kind == "multilateral" and c.keys <= m.keys and (c.kind == "multilateral" or not c.linked))
            )
            and compatible(m.when, c.when, article.published)
        ):
            merge(m, c)
            article.remember(m.people)
            return
    # "his talks with President Putin and Minister Lavrov" sums up meetings already read
    covered = [m for m in article.meetings if m.keys < c.keys and m.status == c.status]
    if len(covered) >= 2 and frozenset().union(*(m.keys for m in covered)) == c.keys:
        for m in covered:
            m.topic_sentences.append(c.sentences[0])
        return
    if not c.linked and article.meetings and not c.when:
        last = article.meetings[-1]
        if c.keys - {p.key for p in c.present} <= last.keys:
            merge(last, c)  # "The meeting took place in the presence of X"
            last.people = unique(last.people + c.present)
            return
    if (c.place is None or c.place.is_country) and c.kind in ("in_person", "multilateral") and c.status == "held":
        c.place, c.place_reason = place_from_article(article, c)
    elif c.place is None and c.kind == "in_person" and c.when is not None:
        # "called off a meeting set for Monday": a meeting of the filing day was to be where the reporter is
        c.place, c.place_reason = place_from_dateline(article, c)
    if c.when is None and c.status == "held":
        c.when = dating.same_day_as_before(article, c)
    if domestic(c):
        return
    article.meetings.append(c)
    article.remember(c.people)


def named_again(article: Article, c: Candidate) -> Candidate | None:
    """'The summit was arranged in haste and announced on Friday': the meeting the text
    already reports, named again with the people of the context; a date in a side clause
    is not its date, and its status stays the one the report gave it. A date in the
    noun's own phrase ('the meeting on Friday'), 'their last meeting' or another status
    ('the meeting was refused') may name another meeting."""
    if c.linked or c.explicit_previous or not definite_reference(article, c.trigger):
        return None
    if any(t.ent_type_ in ("DATE", "TIME") for t in own_words(c.trigger)):
        return None
    return next((m for m in reversed(article.meetings) if c.keys <= m.keys and c.status in (m.status, "held")), None)


def own_words(trigger) -> list:
    """The meeting noun's phrase and, when it is a subject, its verb's own modifiers ('the
    meeting was held on May 2'), not those of a verb coordinated with it ('and announced
    on Friday')."""
    words = list(trigger.subtree)
    if trigger.dep_ in ("nsubj", "nsubjpass"):
        for child in trigger.head.children:
            if child.dep_ in OWN_VERB_DEPS:
                words.extend(child.subtree)
    return words


def merge(m: Candidate, c: Candidate):
    m.sentences.append(c.sentences[0])
    if m.when is None or (c.when and finer(c.when, m.when)):
        m.when = c.when or m.when
    if c.place and (m.place is None or (m.place.is_country and not c.place.is_country)):
        m.place, m.place_reason = c.place, c.place_reason
    m.host = m.host or c.host
    if m.kind == "in_person" and c.kind == "multilateral" and len(m.people) > 2:
        m.kind = "multilateral"
    m.linked = m.linked or c.linked
    m.people = unique(m.people + [p for p in c.people if p.key in m.keys])


def restates(article: Article, people: list[Person], status: str) -> bool:
    """A later sentence about the meeting the text just named ('the visit was postponed')."""
    if not article.meetings:
        return False
    last = article.meetings[-1]
    if not frozenset(p.key for p in people) <= last.keys:
        return False
    if last.status == "planned":
        last.status = status
    return True


def without_restated(article: Article, meetings: list[Candidate]) -> list[Candidate]:
    """Drop a meeting that a meeting word inside its own phrase names with more people
    ('X and Y sat down over lunch, at a meeting hosted by Z')."""
    kept = []
    for c in meetings:
        inside = {t.i for t in c.trigger.subtree} - {c.trigger.i}
        if any(
            m is not c
            and c.keys < m.keys
            and m.trigger.pos_ == "NOUN"
            and m.trigger.i in inside
            and m.status == c.status
            and same_occasion(m, c, article.published)
            for m in meetings
        ):
            continue
        kept.append(c)
    return kept


def note_context(article: Article, sent: Span):
    """A sentence with no meeting of its own still tells what a meeting was about."""
    named = set(article.people.in_span(sent))
    target = None
    if named and article.meetings:
        scored = [
            (len(named & set(m.people)), -(sent.start - m.sentences[-1].end), i) for i, m in enumerate(article.meetings)
        ]
        best = max(scored)
        if best[0]:
            target = article.meetings[best[2]]
    elif article.meetings and is_group_reference(article, sent):
        target = article.meetings[-1]
    if target is not None and sent not in target.topic_sentences:
        target.topic_sentences.append(sent)


def domestic(c: Candidate) -> bool:
    """Officials of one country meeting each other are not diplomacy. A holder of a
    domestic office ("governor", "treasurer") with no known country is of the
    meeting place's country, or of one government with others of such offices."""
    place = c.place.country if c.place else None
    countries = []
    for p in c.people:
        if p.country:
            countries.append(p.country)
        elif domestic_office(p):
            countries.append(place or "")
        else:
            return False
    known = set(countries) - {""}
    return len(known) <= 1 and not (known and "" in countries)


def domestic_office(p: Person) -> bool:
    words = role_words(p)
    return any(f" {office} " in words for office in DOMESTIC_OFFICES)


def role_words(p: Person) -> str:
    """Role, name and the words just before each mention ('Jakarta Governor X')."""
    before = [w.lower_ for m in p.mentions for w in words_before(m)]
    return " " + " ".join(re.findall(r"[a-z]+", f"{p.role} {p.name} {' '.join(before)}".lower())) + " "


def same_occasion(a: Candidate, b: Candidate, published: date | None) -> bool:
    """Can two readings of one sentence be the same meeting? Not a call and a visit,
    nor two different dates."""
    remote = {"phone_call", "video_call"}
    if (a.kind in remote) != (b.kind in remote):
        return False
    return a.when is None or b.when is None or compatible(a.when, b.when, published)
