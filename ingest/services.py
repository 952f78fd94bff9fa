"""Writing extracted meetings into the database: one atomic, idempotent service.

``article_ingest`` stores an article and its meetings in one transaction. The same
article (same URL or same text) is recognised and left as it is; the same meeting
reported by another article becomes one more Mention of the existing Meeting; the
same person is one Participant across articles.

Writers take one PostgreSQL advisory lock for the short write phase, so any number
of ingest processes or Celery workers can run against one database without creating
the same meeting or person twice. The slow part, spaCy, runs outside the lock.

An ingest run keeps one ``Writer``: it remembers the countries, places and topics it
has looked up, and writes a batch of articles in one transaction, so that the single
writing process stays far cheaper than the parsers it waits for.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import Q
from django.utils.text import slugify
from rapidfuzz import fuzz

from ingest.extract import ExtractedMeeting, ExtractedParticipant, ExtractedTopic
from ingest.extraction import officials
from ingest.extraction.officials import Official
from ingest.gazetteer import Place
from ingest.sources import RawArticle
from meetings.models import (
    Article,
    Country,
    Location,
    Meeting,
    MeetingTopic,
    Mention,
    Participant,
    Topic,
)
from meetings.names import name_key, same_person

log = logging.getLogger(__name__)

WRITE_LOCK = 0x5041524C  # "PARL": the advisory lock key of the ingest write phase
SAME_NAME_SCORE = 90  # rapidfuzz ratio above which two spellings are one name


@dataclass
class IngestResult:
    """What one article did to the database."""

    article: Article | None = None
    created: bool = False
    meetings_new: int = 0
    meetings_merged: int = 0
    participants_new: int = 0
    meetings: list[Meeting] = field(default_factory=list)


def article_ingest(*, raw: RawArticle, meetings: list[ExtractedMeeting]) -> IngestResult:
    """Store one article with its meetings, or nothing if the article is already known."""
    (result,) = Writer().write([(raw, meetings)])
    return result


class Writer:
    """Stores articles, remembering the rows it has looked up along the way.

    Countries, places and topics are only ever added, so they are remembered for the
    writer's life. People are remembered as long as no other writer has stored an
    article in between: every write that creates or changes a person stores one.
    """

    def __init__(self):
        self.forget()

    def forget(self):
        self.countries: dict[str, Country] | None = None
        self.locations: dict[tuple, Location] = {}
        self.topics: dict[str, Topic] = {}
        self.people: dict[tuple[ExtractedParticipant, int | None], Participant] = {}
        self.changed_people: dict[int, Participant] = {}  # country counts to store with the batch
        self.last_article_id: int | None = None

    def write(self, pairs: list[tuple[RawArticle, list[ExtractedMeeting]]]) -> list[IngestResult]:
        """Store each article with its meetings in one transaction, all or nothing."""
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
                    cursor.execute("SELECT max(id) FROM meetings_article")
                    if cursor.fetchone()[0] != self.last_article_id:
                        self.people = {}  # another writer came in between
                batch = _BatchWrite(self)
                results = [batch.article(raw, meetings) for raw, meetings in pairs]
                batch.finish()
                self.last_article_id = max((r.article.pk for r in results if r.created), default=self.last_article_id)
                return results
        except Exception:
            self.forget()  # rows looked up in a transaction rolled back may not exist
            raise

    def write_each(self, pairs) -> list[IngestResult | Exception]:
        """Store a batch in one transaction; if that fails, each article on its own, so
        one bad article costs only itself. Errors are returned in the article's place."""
        try:
            return self.write(pairs)
        except Exception:
            log.warning("batch write failed, writing its %d articles one by one", len(pairs))
        results = []
        for pair in pairs:
            try:
                results.extend(self.write([pair]))
            except Exception as exc:
                log.exception("ingest failed for %s", pair[0].source)
                results.append(exc)
        return results

    def person(self, person: ExtractedParticipant, result: IngestResult, year: int | None = None) -> Participant:
        if (person, year) not in self.people:
            found = participant_match(person, year)
            if found is None:
                found = _participant_create(person, self.country(person.country))
                result.participants_new += 1
            self.people[person, year] = found
        found = self.people[person, year]
        _participant_learn(found, person)
        official = stored_official(found) or official_of(name_key(person.name), year, person.role)
        counted = country_count(found, person.country)
        country = self.country(best_country(found, official, year))
        if counted or country != found.country:
            found.country = country
            self.changed_people[found.pk] = found
        return found

    def country(self, iso2: str | None) -> Country | None:
        if self.countries is None:
            self.countries = Country.objects.in_bulk(field_name="iso2")
        return self.countries.get(iso2) if iso2 else None

    def location(self, place: Place | None) -> Location | None:
        if place is None:
            return None
        key = (place.name, place.country)
        if key not in self.locations:
            self.locations[key], _ = Location.objects.get_or_create(
                name=place.name,
                country=self.country(place.country),
                defaults={"latitude": place.latitude, "longitude": place.longitude},
            )
        return self.locations[key]

    def topic_list(self, topics: tuple[ExtractedTopic, ...]) -> list[Topic]:
        """The stored topics, created where new, in the extracted order."""
        wanted = {(t.slug[:200] or slugify(t.name)[:200]): t for t in topics}
        missing = [slug for slug in wanted if slug not in self.topics]
        if missing:
            self.topics.update(_topics_get_or_create({slug: wanted[slug] for slug in missing}))
        return [self.topics[slug] for slug in wanted]


def _article_insert(raw: RawArticle) -> Article:
    """The article, stored unless one with its URL or text is; if so, its pk is None.

    One statement, since it runs for every article: the unique URL and hash are
    the test, and INSERT ... ON CONFLICT DO NOTHING applies it.
    """
    article = Article(
        url=raw.url,
        claimed_url=raw.claimed_url or "",
        title=raw.title[:500] or _first_line(raw.text),
        text=raw.text,
        published=raw.published,
        outlet=raw.outlet[:200],
        content_hash=raw.content_hash,
    )
    insert, values = _insert(article)
    with connection.cursor() as cursor:
        cursor.execute(f"{insert} ON CONFLICT DO NOTHING RETURNING id", values)
        row = cursor.fetchone()
    article.pk = row[0] if row else None
    return article


def _insert(obj) -> tuple[str, list]:
    """INSERT of a model instance's columns and their values, as the ORM would
    prepare them, for the statements of the write path the ORM cannot express."""
    fields = [f for f in obj._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]
    return f"INSERT INTO {obj._meta.db_table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})", values


# Follows "WITH meeting AS (INSERT ... RETURNING id)": the people of the new meeting.
ATTENDANCES_SQL = """, people AS (
    INSERT INTO meetings_attendance (meeting_id, participant_id, role, side)
    SELECT meeting.id, person, role, side
    FROM meeting, unnest(%s::bigint[], %s::text[], %s::text[]) AS a(person, role, side))
SELECT id FROM meeting
"""


class _BatchWrite:
    """The articles of one transaction. Meetings and their people are stored as they
    come, since the next meeting may be the same event; the mentions and topics of
    all the articles are inserted together at the end."""

    def __init__(self, writer: Writer):
        self.writer = writer
        self.topic_ids: dict[int, set[int]] = {}  # meeting id -> its topics, stored or pending
        self.meeting_topics: list[MeetingTopic] = []
        self.mentions: list[Mention] = []

    def article(self, raw: RawArticle, meetings: list[ExtractedMeeting]) -> IngestResult:
        article = _article_insert(raw)
        if article.pk is None:
            same = Q(content_hash=article.content_hash) | (Q(url=raw.url) if raw.url else Q())
            return IngestResult(article=Article.objects.filter(same).first(), created=False)
        result = IngestResult(article=article, created=True)
        for extracted in meetings:
            self.meeting(extracted, article, result)
        return result

    def meeting(self, extracted: ExtractedMeeting, article: Article, result: IngestResult):
        day = extracted.date or article.published
        people = [self.writer.person(p, result, day.year if day else None) for p in extracted.participants]
        location = self.writer.location(extracted.location)
        meeting = _same_event(extracted, people, location)
        if meeting is None:
            meeting = self._meeting_create(extracted, people, location)
            result.meetings_new += 1
        else:
            self.topic_ids.setdefault(meeting.pk, set(meeting.topic_ids))
            _meeting_enrich(meeting, extracted, location)
            result.meetings_merged += 1
        known = self.topic_ids.setdefault(meeting.pk, set())
        for topic in self.writer.topic_list(extracted.topics):
            if topic.pk not in known:
                self.meeting_topics.append(MeetingTopic(meeting=meeting, topic=topic, rank=len(known)))
                known.add(topic.pk)
        self.mentions.append(
            Mention(
                meeting=meeting,
                article=article,
                evidence=extracted.evidence,
                start_char=extracted.start_char,
                end_char=max(extracted.end_char, extracted.start_char + 1),
                confidence=extracted.confidence,
            )
        )
        result.meetings.append(meeting)

    def _meeting_create(self, extracted: ExtractedMeeting, people: list[Participant], location) -> Meeting:
        """The meeting and its people in one statement."""
        meeting = Meeting(
            date=extracted.date,
            date_precision=extracted.date_precision,
            date_reason=extracted.date_reason[:300],
            location=location,
            location_reason=extracted.location_reason[:300],
            kind=extracted.kind,
            status=extracted.status,
            summary=_summary(extracted)[:500],
            confidence=extracted.confidence,
        )
        host = next((p for p, e in zip(people, extracted.participants) if e.name == extracted.host), None)
        attendances = {}  # participant id -> (role, side); two names may be one person
        for stored, person in zip(people, extracted.participants):
            side = ("host" if stored == host else "visitor") if host else ""
            attendances.setdefault(stored.pk, (person.role[:200], side))
        roles = [role for role, _ in attendances.values()]
        sides = [side for _, side in attendances.values()]
        insert, values = _insert(meeting)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH meeting AS ({insert} RETURNING id) {ATTENDANCES_SQL}", [*values, list(attendances), roles, sides]
            )
            meeting.pk = cursor.fetchone()[0]
        return meeting

    def finish(self):
        # one mention per meeting and article, even if the article reports it twice
        Mention.objects.bulk_create(self.mentions, ignore_conflicts=True)
        MeetingTopic.objects.bulk_create(self.meeting_topics, ignore_conflicts=True)
        people = self.writer.changed_people
        if people:
            Participant.objects.bulk_update(list(people.values()), ["country", "country_votes"])
            people.clear()


def participant_match(person: ExtractedParticipant, year: int | None = None) -> Participant | None:
    """The stored person an extracted name refers to, or None for someone new.

    In order: the known office holder the name and the year point to (whatever country
    the article guessed); a name a stored person is also written (a curator's merge
    keeps the merged-away name); the same full name; then names that agree on the
    surname and the first name or its initial, or a near spelling (Muallem/Moallem),
    where a known country must agree. Where a name fits several people, nobody is
    chosen: two people who share a surname are never merged without evidence.
    """
    key = name_key(person.name)
    if not key:
        return None
    official = official_of(key, year, person.role)
    keys = {key} | {name_key(a) for a in person.aliases} | set(official.forms if official else ())
    spellings = {a.lower() for a in (person.name, *person.aliases)}
    candidates = list(
        Participant.objects.filter(
            Q(name_key__in=[" ".join(k) for k in keys if k])
            | Q(surname_key__in={k[-1] for k in keys if k})
            | Q(aliases__overlap=sorted(spellings))
        ).select_related("country")
    )
    if official is not None:
        same = [c for c in candidates if stored_official(c) is official]
        if same:
            return min(same, key=lambda c: c.pk)
        candidates = [c for c in candidates if stored_official(c) is None]  # the others are someone else
    aliased = [c for c in candidates if person.name.lower() in c.aliases]
    if len(aliased) == 1:
        return aliased[0]
    exact = [c for c in candidates if c.name_key == " ".join(key)]
    if len(key) > 1 and exact:
        # a full name is one person: a country guess alone does not split it
        pool = [c for c in exact if _same_country(person, c)] or exact
    else:
        pool = [c for c in candidates if _compatible_person(key, person, c)]
    if not pool:
        near = [c for c in _near_spellings(key) if _compatible_person(key, person, c, fuzzy=True)]
        pool = [c for c in near if stored_official(c) in (None, official)]
    if len(pool) == 1:
        return pool[0]
    if len(pool) > 1 and len(key) > 1:
        ranked = sorted(pool, key=lambda c: (-fuzz.ratio(c.name_key, " ".join(key)), c.pk))
        return ranked[0]
    return None


@lru_cache(maxsize=65536)
def official_of(key: tuple[str, ...], year: int | None = None, role: str = "") -> Official | None:
    """The one known office holder a name (with the year and the role, when known) names."""
    return officials.lookup(key, year, role)


def stored_official(stored: Participant) -> Official | None:
    """The known office holder a stored person is, by the full name and role alone."""
    return official_of(tuple(stored.name_key.split()), None, stored.role)


def _same_country(person: ExtractedParticipant, stored: Participant) -> bool:
    return not (person.country and stored.country_id and stored.country.iso2 != person.country)


def _compatible_person(key, person: ExtractedParticipant, stored: Participant, fuzzy=False) -> bool:
    if not _same_country(person, stored):
        return False
    other = tuple(stored.name_key.split())
    if same_person(key, other):
        return True
    if fuzzy and len(key) > 1 and len(other) > 1:
        return fuzz.ratio(key[-1], other[-1]) >= SAME_NAME_SCORE - 10 and key[0][0] == other[0][0]
    return False


def _near_spellings(key) -> list[Participant]:
    """People who may spell the surname a little differently (Muallem / Moallem,
    Gaddafi / Kaddafi): the same first initial, which the fuzzy rule demands, and the
    same first name or a surname with the same first letter. No cap: a cut list would
    miss the person at random as the database grows."""
    if len(key[-1]) < 5 or len(key) < 2:
        return []
    return list(
        Participant.objects.filter(
            Q(name_key__startswith=key[0][0])
            & (Q(name_key__startswith=f"{key[0]} ") | Q(surname_key__startswith=key[-1][0]))
        ).select_related("country")
    )


def _participant_create(person: ExtractedParticipant, country: Country | None) -> Participant:
    base = slugify(person.name)[:180] or "person"
    slug, n = base, 1
    while Participant.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Participant.objects.create(
        name=person.name,
        slug=slug,
        aliases=sorted({a.lower() for a in person.aliases} - {person.name.lower()}),
        country=country,
        role=person.role[:200],
    )


def _participant_learn(stored: Participant, person: ExtractedParticipant):
    """Keep what a new article adds: a fuller name, new spellings, a role."""
    changed = []
    aliases = set(stored.aliases) | {a.lower() for a in person.aliases} | {person.name.lower()}
    if len(name_key(person.name)) > len(name_key(stored.name)):
        aliases.add(stored.name.lower())
        stored.name = person.name
        changed += ["name", "name_key", "surname_key"]  # the keys follow the name in save()
    aliases.discard(stored.name.lower())
    if sorted(aliases) != stored.aliases:
        stored.aliases = sorted(aliases)
        changed.append("aliases")
    if person.role and person.role != stored.role:
        stored.role = person.role[:200]
        changed.append("role")
    if changed:
        stored.save(update_fields=changed)


def country_count(stored: Participant, iso2: str | None) -> bool:
    """Count one more article giving this country for the person; False if none did."""
    if not iso2:
        return False
    stored.country_votes = {**stored.country_votes, iso2: stored.country_votes.get(iso2, 0) + 1}
    return True


def best_country(stored: Participant, official: Official | None, year: int | None) -> str | None:
    """The country a person's record should hold: a known office holder's (none while
    in an international office), else the one articles give most often (the first seen
    among equals), else the one it holds."""
    if official is not None:
        return official.country_in(year)
    votes = stored.country_votes
    if votes:
        return max(votes, key=lambda c: votes[c])
    return stored.country.iso2 if stored.country_id else None


def _topics_get_or_create(wanted: dict[str, ExtractedTopic]) -> dict[str, Topic]:
    """The stored topics by slug, created where new: two queries at most."""
    found = Topic.objects.in_bulk(list(wanted), field_name="slug")
    missing = [Topic(slug=slug, name=t.name[:200], kind=t.kind) for slug, t in wanted.items() if slug not in found]
    if missing:
        Topic.objects.bulk_create(missing, ignore_conflicts=True)
        found = Topic.objects.in_bulk(list(wanted), field_name="slug")
    return found


# Meetings of the same status, on the day or a day either side, or undated (a report
# with no date passes NULL bounds, which no dated meeting is between), attended by the
# first of the people, each with the ids of its people and topics. One fixed statement:
# this runs for every meeting ingested, and the ORM would spend more time building it
# than PostgreSQL spends answering it.
SAME_EVENT_SQL = """
SELECT m.*,
       ARRAY(SELECT participant_id FROM meetings_attendance WHERE meeting_id = m.id) AS people_ids,
       ARRAY(SELECT topic_id FROM meetings_meetingtopic WHERE meeting_id = m.id) AS topic_ids
FROM meetings_meeting m
WHERE m.status = %s
  AND (m.date BETWEEN %s AND %s OR m.date IS NULL)
  AND EXISTS (SELECT 1 FROM meetings_attendance WHERE meeting_id = m.id AND participant_id = %s)
ORDER BY m.id
"""


def _same_event(
    extracted: ExtractedMeeting, participants: list[Participant], location: Location | None
) -> Meeting | None:
    """A stored meeting of the same people, status and day (within one), at the same or
    an unknown place: the same event reported again."""
    if not participants:
        return None
    day = extracted.date
    one = timedelta(days=1)  # within a day either way, but not past the calendar's ends
    first, last = (max(day, date.min + one) - one, min(day, date.max - one) + one) if day else (None, None)
    wanted = {p.pk for p in participants}
    for meeting in Meeting.objects.raw(SAME_EVENT_SQL, [extracted.status, first, last, participants[0].pk]):
        if set(meeting.people_ids) != wanted:
            continue
        if location and meeting.location_id and meeting.location_id != location.pk:
            continue
        return meeting
    return None


def _meeting_enrich(meeting: Meeting, extracted: ExtractedMeeting, location: Location | None):
    changed = []
    if location and not meeting.location_id:
        meeting.location, meeting.location_reason = location, extracted.location_reason[:300]
        changed += ["location", "location_reason"]
    if extracted.date and meeting.date is None:
        meeting.date, meeting.date_precision = extracted.date, extracted.date_precision
        meeting.date_reason = extracted.date_reason[:300]
        changed += ["date", "date_precision", "date_reason"]
    if extracted.confidence > meeting.confidence:
        meeting.confidence = extracted.confidence
        changed.append("confidence")
    if changed:
        meeting.save(update_fields=[*changed, "updated_at"])


def _summary(m: ExtractedMeeting) -> str:
    names = " and ".join(p.name for p in m.participants)
    verb = {
        "phone_call": "spoke by phone",
        "video_call": "spoke by video",
        "multilateral": "met at a summit",
    }.get(m.kind, "met")
    if m.status == "planned":
        verb = "are to meet"
    elif m.status == "cancelled":
        verb = "had a meeting called off"
    elif m.status == "refused":
        verb = "did not meet (refused)"
    place = f" in {m.location.label}" if m.location else ""
    return f"{names} {verb}{place}"


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if len(line.strip()) > 3:
            return line.strip()[:500]
    return ""
