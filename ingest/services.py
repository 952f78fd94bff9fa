"""Writing extracted meetings into the database: one atomic, idempotent service.

``article_ingest`` stores an article and its meetings in one transaction. The same
article (same URL or same text) is recognised and left as it is; the same meeting
reported by another article becomes one more Mention of the existing Meeting; the
same person is one Participant across articles.

Writers take one PostgreSQL advisory lock for the short write phase, so any number
of ingest processes or Celery workers can run against one database without creating
the same meeting or person twice. The slow part, spaCy, runs outside the lock.
"""

import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils.text import slugify
from rapidfuzz import fuzz

from ingest.extract import ExtractedMeeting, ExtractedParticipant, ExtractedTopic
from ingest.gazetteer import Place
from ingest.sources import RawArticle
from meetings.models import (
    Article,
    Attendance,
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


def content_hash(text: str) -> str:
    """SHA-256 of the text with white space folded, so a re-saved copy is the same article."""
    normal = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def article_ingest(*, raw: RawArticle, meetings: list[ExtractedMeeting]) -> IngestResult:
    """Store one article with its meetings, or nothing if the article is already known."""
    digest = content_hash(raw.text)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
        known = Article.objects.filter(
            Q(content_hash=digest) | Q(url=raw.url) if raw.url else Q(content_hash=digest)
        ).first()
        if known is not None:
            return IngestResult(article=known, created=False)
        article = Article.objects.create(
            url=raw.url,
            title=raw.title[:500] or _first_line(raw.text),
            text=raw.text,
            published=raw.published,
            outlet=raw.outlet[:200],
            content_hash=digest,
        )
        result = IngestResult(article=article, created=True)
        people = _People(result)
        for extracted in meetings:
            _meeting_save(extracted, article, people, result)
    return result


class _People:
    """Participants of one article's write, matched once per name."""

    def __init__(self, result: IngestResult):
        self.result = result
        self.cache: dict[str, Participant] = {}

    def get(self, person: ExtractedParticipant) -> Participant:
        if person.name not in self.cache:
            found = participant_match(person)
            if found is None:
                found = _participant_create(person)
                self.result.participants_new += 1
            else:
                _participant_learn(found, person)
            self.cache[person.name] = found
        return self.cache[person.name]


def participant_match(person: ExtractedParticipant) -> Participant | None:
    """The stored person an extracted name refers to, or None for someone new.

    Names must agree on the surname and on the first name (or its initial, or one of
    them gives only a surname); spellings may differ slightly (Muallem/Moallem); a
    known country must agree. Where a bare surname fits several people, nobody is
    chosen: two people who share a surname are never merged without evidence.
    """
    key = name_key(person.name)
    if not key:
        return None
    keys = {key} | {name_key(a) for a in person.aliases}
    candidates = Participant.objects.filter(
        Q(name_key__in=[" ".join(k) for k in keys if k])
        | Q(surname_key__in={k[-1] for k in keys if k})
        | Q(aliases__overlap=[a.lower() for a in person.aliases])
    ).select_related("country")
    exact = [c for c in candidates if c.name_key == " ".join(key) and _same_country(person, c)]
    pool = exact or [c for c in candidates if _compatible_person(key, person, c)]
    if not pool:
        pool = [c for c in _near_spellings(key) if _compatible_person(key, person, c, fuzzy=True)]
    if len(pool) == 1:
        return pool[0]
    if len(pool) > 1 and len(key) > 1:
        ranked = sorted(pool, key=lambda c: -fuzz.ratio(c.name_key, " ".join(key)))
        return ranked[0]
    return None


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
    """People whose surname is spelled a little differently (Muallem / Moallem)."""
    if len(key[-1]) < 5 or len(key) < 2:
        return []
    return list(
        Participant.objects.filter(
            Q(name_key__startswith=f"{key[0]} ") | Q(surname_key__startswith=key[-1][0])
        ).select_related("country")[:500]
    )


def _participant_create(person: ExtractedParticipant) -> Participant:
    base = slugify(person.name)[:180] or "person"
    slug, n = base, 1
    while Participant.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Participant.objects.create(
        name=person.name,
        slug=slug,
        aliases=sorted({a.lower() for a in person.aliases} - {person.name.lower()}),
        country=_country(person.country),
        role=person.role[:200],
    )


def _participant_learn(stored: Participant, person: ExtractedParticipant):
    """Keep what a new article adds: a fuller name, new spellings, a role, a country."""
    changed = []
    aliases = set(stored.aliases) | {a.lower() for a in person.aliases} | {person.name.lower()}
    if len(name_key(person.name)) > len(name_key(stored.name)):
        aliases.add(stored.name.lower())
        stored.name = person.name
        changed.append("name")
    aliases.discard(stored.name.lower())
    if sorted(aliases) != stored.aliases:
        stored.aliases = sorted(aliases)
        changed.append("aliases")
    if person.role and person.role != stored.role:
        stored.role = person.role[:200]
        changed.append("role")
    if person.country and not stored.country_id:
        stored.country = _country(person.country)
        changed.append("country")
    if changed:
        stored.save()


def _country(iso2: str | None) -> Country | None:
    if not iso2:
        return None
    return Country.objects.filter(iso2=iso2).first()


def _location(place: Place | None) -> Location | None:
    if place is None:
        return None
    country = _country(place.country)
    location, _ = Location.objects.get_or_create(
        name=place.name,
        country=country,
        defaults={"latitude": place.latitude, "longitude": place.longitude},
    )
    return location


def _topics(topics: tuple[ExtractedTopic, ...]) -> list[Topic]:
    """The stored topics, created where new, in the extracted order: two queries at most."""
    wanted = {(t.slug[:200] or slugify(t.name)[:200]): t for t in topics}
    found = Topic.objects.in_bulk(list(wanted), field_name="slug")
    missing = [Topic(slug=slug, name=t.name[:200], kind=t.kind) for slug, t in wanted.items() if slug not in found]
    if missing:
        Topic.objects.bulk_create(missing, ignore_conflicts=True)
        found = Topic.objects.in_bulk(list(wanted), field_name="slug")
    return [found[slug] for slug in wanted]


def _meeting_save(extracted: ExtractedMeeting, article: Article, people: _People, result: IngestResult):
    participants = [people.get(p) for p in extracted.participants]
    roles = {people.get(p).pk: p.role for p in extracted.participants}
    host = next((people.get(p) for p in extracted.participants if p.name == extracted.host), None)
    location = _location(extracted.location)
    meeting = _same_event(extracted, participants, location)
    is_new = meeting is None
    if is_new:
        meeting = Meeting.objects.create(
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
        Attendance.objects.bulk_create(
            Attendance(
                meeting=meeting,
                participant=p,
                role=roles.get(p.pk, "")[:200],
                side=("host" if p == host else "visitor") if host else "",
            )
            for p in participants
        )
        result.meetings_new += 1
    else:
        _meeting_enrich(meeting, extracted, location)
        result.meetings_merged += 1
    if extracted.topics:
        existing = set() if is_new else set(meeting.meeting_topics.values_list("topic_id", flat=True))
        rank = len(existing)
        new_topics = []
        for topic in _topics(extracted.topics):
            if topic.pk not in existing:
                existing.add(topic.pk)
                new_topics.append(MeetingTopic(meeting=meeting, topic=topic, rank=rank))
                rank += 1
        MeetingTopic.objects.bulk_create(new_topics, ignore_conflicts=True)
    mention = Mention(
        meeting=meeting,
        article=article,
        evidence=extracted.evidence,
        start_char=extracted.start_char,
        end_char=max(extracted.end_char, extracted.start_char + 1),
        confidence=extracted.confidence,
    )
    Mention.objects.bulk_create([mention], ignore_conflicts=True)  # one article, one mention per meeting
    result.meetings.append(meeting)


def _same_event(
    extracted: ExtractedMeeting, participants: list[Participant], location: Location | None
) -> Meeting | None:
    """A stored meeting of the same people, status and day (within one), at the same or
    an unknown place: the same event reported again."""
    qs = Meeting.objects.filter(status=extracted.status)
    if extracted.date:
        qs = qs.filter(
            Q(date__range=(extracted.date - timedelta(days=1), extracted.date + timedelta(days=1)))
            | Q(date__isnull=True)
        )
    else:
        qs = qs.filter(date__isnull=True)
    for p in participants:
        qs = qs.filter(attendances__participant=p)
    wanted = {p.pk for p in participants}
    for meeting in qs.prefetch_related("attendances").distinct():
        if {a.participant_id for a in meeting.attendances.all()} != wanted:
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
