"""The date of a meeting: a date expression of its sentence resolved against the
article's reference day (the dateline's day, else the publication date), else a date
another sentence gives the same meeting, else the day of the article's main news.
Reasons stay short texts a reader can check.
"""

import re
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ingest import dates
from ingest.extraction.document import Article, Candidate
from ingest.extraction.syntax import governors
from ingest.lexicon import load
from ingest.nlp import DATELINE

SCHEDULE_WORDS = frozenset(load("triggers.json")["schedule_words"])  # "a meeting set for Monday"
BOUNDING_MARKS = frozenset(load("triggers.json")["bounding_marks"])  # "since X agreed in March"
DATELINE_LAG_DAYS = 3  # a dateline filed this many days before publication dates the news
LEAD_SENTENCES = 2  # the sentences that tell the article's main news
MAIN_NEWS_DAYS = 7  # the main news lies within this many days before the reference day
NOUN_MODIFIER_DEPS = ("nummod", "compound", "amod", "poss")  # "the 2005 deal", "Friday's agreement"
PLACE_LABELS = {"GPE", "LOC", "FAC"}  # a clause after a place name most often tells of the event
PUBLISHED = "published"  # article.memo: the publication date, when the dateline's day is the reference
PROPAGATION_TOKENS = 80  # how far back the meeting told just before may lie to lend its day
_DATA = load("dates.json")
END_VERBS = frozenset(_DATA["end_verbs"])  # "a two-day summit that ended Monday" began the day before
SPAN_VERBS = frozenset(_DATA["span_verbs"])  # "X, which opens on Friday": the event's days
PAST_FRAMES = frozenset(_DATA["past_frames"])  # "had invited her during their call, on May 15"
AFTER_PREVIOUS = _DATA["after_previous"]  # "the next day": days after the meeting told before
SPAN_DAYS = re.compile(r"^(\w+)-day$")  # "a two-day summit"


def explicit_date(article: Article, sent: Span, trigger: Token, status: str) -> dates.ResolvedDate | None:
    """The date the sentence gives the meeting: of the date expressions, the nearest to
    the trigger that dates no other thing, resolved forwards for a planned meeting."""
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
        if (
            names_other_thing(article, ent, trigger)
            or in_bounding_clause(ent, trigger)
            or in_clause_of_other_noun(article, ent, trigger)
        ):
            continue
        resolved = after_previous(article, ent) or dates.resolve(text, article.published, future=future)
        resolved = after_filing(article, ent, resolved)
        if resolved is not None and (resolved.precision in ("day", "week", "month") or ent.root.i in near):
            return first_day(article, resolved, ent, trigger)
    return None


def after_filing(article: Article, ent: Span, when: dates.ResolvedDate | None) -> dates.ResolvedDate | None:
    """'ISTANBUL, Nov 18 (Thursday) - ... resumes on Friday', published on the 19th: a
    weekday between the dateline's day and the publication date is that coming day,
    not the one of the week before."""
    published = article.memo.get(PUBLISHED)
    if when is None or when.precision != "day" or not published or published <= article.published:
        return when
    if not dates.WEEKDAY.search(ent.text.lower()) or "last" in ent.text.lower():
        return when
    later = when.date + timedelta(days=7)
    if article.published < later <= published:
        return dates.ResolvedDate(later, "day", f'"{ent.text}", the day after the dateline\'s {article.published}')
    return when


def told_as_past(article: Article, trigger: Token) -> bool:
    """'had invited her during their first telephone conversation': a meeting in the
    frame of a past verb took place, whatever the sentence plans."""
    if trigger.pos_ in ("VERB", "AUX"):
        frames = [c for c in trigger.children if c.dep_ == "prep" and c.lower_ in PAST_FRAMES]
        return past_tense(trigger) and any(
            o.dep_ == "pobj" and o.lemma_.lower() in article.lex.meeting_nouns for f in frames for o in f.children
        )
    frame = trigger.head
    return frame.lower_ in PAST_FRAMES and past_tense(frame.head)


def past_tense(verb: Token) -> bool:
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.lower_ == "had" for c in verb.children))


def span_days(trigger: Token) -> int:
    """How many days the meeting noun says it lasts ('a two-day summit'), else 1."""
    for c in trigger.children:
        whole = SPAN_DAYS.match(c.lower_)
        if whole:
            number = whole[1]
        elif c.lower_ == "day" and c.dep_ in ("compound", "amod"):
            number = next((n.lower_ for n in c.children if n.dep_ == "nummod"), "")
        else:
            continue
        return dates.NUMBERS.get(number) or (int(number) if number.isdigit() else 1)
    return 1


def after_previous(article: Article, ent: Span) -> dates.ResolvedDate | None:
    """'the next day', 'earlier that day': counted from the meeting told just before."""
    offset = AFTER_PREVIOUS.get(" ".join(ent.text.lower().split()))
    if offset is None:
        return None
    before = next((m for m in reversed(article.meetings) if m.when and m.when.precision == "day"), None)
    if before is None:
        return None
    return dates.ResolvedDate(
        before.when.date + timedelta(days=offset), "day", f'"{ent.text}", counted from the meeting reported before'
    )


def first_day(article: Article, when: dates.ResolvedDate, ent: Span, trigger: Token) -> dates.ResolvedDate:
    """A meeting of several days is dated by its first: 'closed a two-day summit on
    Monday', 'a three-day visit that ended Friday'. A meeting noun of the sentence takes
    the span the sentence gives the event ('the gathering ..., as he closed a two-day
    summit'), unless the date is in its own phrase."""
    if when.precision != "day" or trigger.pos_ not in ("NOUN", "PROPN"):
        return when
    for event in ent.sent:
        days = span_days(event) if event.lemma_.lower() in article.lex.meeting_nouns else 1
        if days < 2 or (event.i != trigger.i and ent.root.i in {t.i for t in trigger.subtree}):
            continue
        verbs = {event.head.lemma_.lower()} | {c.lemma_.lower() for c in event.children if c.dep_ in ("relcl", "acl")}
        if verbs & END_VERBS:
            start = when.date - timedelta(days=days - 1)
            return dates.ResolvedDate(start, "day", f"{when.reason}, the last of {days} days")
    return when


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
        root.dep_ in NOUN_MODIFIER_DEPS
        and root.head.pos_ == "NOUN"
        and not root.head.ent_type_  # "Friday morning" is one time
        and root.head.i != trigger.i
        and root.head.lemma_.lower() not in article.lex.meeting_nouns
    )


def in_clause_of_other_noun(article: Article, ent: Span, trigger: Token) -> bool:
    """'the deal the two countries announced in May', 'X, who flew home on Thursday': a
    date inside a clause that describes another noun dates that clause's event ('the
    summit, which opens on Friday' dates the summit; 'X, who met Y on May 12' a meeting)."""
    clause = ent.root
    while clause.head.i != clause.i and trigger not in clause.subtree:
        if (
            clause.dep_ in ("relcl", "acl")
            and clause.head.i != trigger.i
            and clause.head.lemma_.lower() not in article.lex.meeting_nouns
            and clause.lemma_.lower() not in article.meeting_words  # "X, who spoke by phone on May 12"
            and clause.head.ent_type_ not in PLACE_LABELS  # "the summit in Nairobi, which opens Friday"
            and clause.lemma_.lower() not in SPAN_VERBS  # "hosted by X, which opens on Friday"
        ):
            return True
        clause = clause.head
    return False


def in_side_clause(ent: Span) -> bool:
    """A date inside a clause that describes a noun, not in the sentence's main clause (a
    clause hung on a verbless root, "AlUla: the leaders signed on Tuesday", is the main one)."""
    return any(
        t.dep_ in ("relcl", "acl") and t.head.ent_type_ not in PLACE_LABELS and t.head.dep_ != "ROOT"
        for t in [ent.root, *ent.root.ancestors]
    )


def dateline_day(doc: Doc, published: date | None = None) -> date | None:
    """The day a dateline states ("SEOUL, June 15, 2000 -"; "SEOUL, June 15" takes its
    year from the publication date)."""
    dateline = doc.user_data.get(DATELINE)
    if not dateline or not dateline.get("date"):
        return None
    day = dates.resolve(dateline["date"], published)
    return day.date if day is not None and day.precision == "day" else None


def reference_day(doc: Doc, published: date | None) -> date | None:
    """The day the article's news is of: the dateline's day, filed a little before the
    publication date ("ISTANBUL, Nov 18" published on the 19th), else the publication
    date; without one, only a dateline that states its year."""
    day = dateline_day(doc, published)
    if day is None or (published is not None and not 0 <= (published - day).days <= DATELINE_LAG_DAYS):
        return published
    return day


def compatible(a: dates.ResolvedDate | None, b: dates.ResolvedDate | None, published: date | None) -> bool:
    """Two dates can name the same meeting: equal, one unknown, or one contains the other."""
    if a is None or b is None:
        other = a or b
        return other is None or published is None or abs((other.date - published).days) <= 1
    if a.date == b.date:
        return True
    coarse, fine = (a, b) if rank(a) > rank(b) else (b, a)
    if coarse.precision == "month":
        return (coarse.date.year, coarse.date.month) == (fine.date.year, fine.date.month)
    if coarse.precision == "year":
        return coarse.date.year == fine.date.year
    if coarse.precision == "week":
        return 0 <= (fine.date - coarse.date).days < 7
    return abs((a.date - b.date).days) <= 1


def rank(d: dates.ResolvedDate) -> int:
    return {"day": 0, "week": 1, "month": 2, "year": 3}[d.precision]


def finer(a: dates.ResolvedDate, b: dates.ResolvedDate) -> bool:
    return rank(a) < rank(b)


def same_day_as_before(article: Article, c: Candidate) -> dates.ResolvedDate | None:
    """A held meeting without a date of its own, told right after one of the same people:
    the same day as that meeting (not as an earlier one recalled: "they last met in May")."""
    for m in reversed(article.meetings[-2:]):
        if (
            m.status == "held"
            and not m.explicit_previous
            and m.when
            and (m.keys & c.keys)
            and c.trigger.sent.start - m.sentences[-1].end < PROPAGATION_TOKENS
        ):
            return dates.ResolvedDate(m.when.date, m.when.precision, "the same day as the meeting reported just before")
    return None


def undated(article: Article, c: Candidate) -> dates.ResolvedDate | None:
    """A held meeting the text gives no date: the day of the article's main news, the
    day the lead tells, else the dateline's day, else the publication date."""
    if article.published is None or c.status != "held":
        return None
    source = "the dateline's day" if dateline_day(article.doc, article.published) else "the publication date"
    return main_news_day(article) or dates.ResolvedDate(article.published, "day", f"no date in the text: {source}")


def main_news_day(article: Article) -> dates.ResolvedDate | None:
    """The day the lead tells ("Four presidents were in Banjul on Tuesday"), when it lies
    in the days just before the news was filed."""
    if "main_news_day" not in article.memo:
        article.memo["main_news_day"] = None
        body = [s for s in article.sents if article.body[s.start]][:LEAD_SENTENCES]
        for ent in (e for s in body for e in article.ents_in(s) if e.label_ == "DATE"):
            if ent.root.dep_ in NOUN_MODIFIER_DEPS or in_side_clause(ent):
                continue  # "Thursday's accord", "X, who flew home on Monday"
            found = dates.resolve(ent.text, article.published)
            if found and found.precision == "day" and 0 <= (article.published - found.date).days <= MAIN_NEWS_DAYS:
                article.memo["main_news_day"] = dates.ResolvedDate(
                    found.date, "day", f'no date of its own: the day of the article\'s main news, "{ent.text}"'
                )
                break
    return article.memo["main_news_day"]
