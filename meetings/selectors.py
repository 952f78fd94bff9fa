"""Read-side queries: the figures and charts of a filtered set of meetings.

Every function takes a queryset of meetings (already filtered by ``MeetingFilter``)
and aggregates in SQL, so the dashboard and the API show the same numbers from the
same code.
"""

from django.db.models import Case, Count, F, Max, Min, Q, QuerySet, When
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek, TruncYear

from meetings.models import (
    Attendance,
    Country,
    MeetingCountry,
    MeetingPair,
    MeetingTopic,
    Participant,
    Topic,
)

PERIODS = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth, "year": TruncYear}


def _within(rows: QuerySet, meetings: QuerySet) -> QuerySet:
    """Rows of the given meetings; no subquery at all when the meetings are not filtered."""
    if not meetings.query.where:
        return rows
    return rows.filter(meeting__in=meetings.order_by().values("id"))


def key_figures(meetings: QuerySet) -> dict:
    """How many meetings, people, countries and topics the set holds."""
    people = Participant.objects.filter(id__in=_within(Attendance.objects.all(), meetings).values("participant"))
    return {
        "meetings": meetings.order_by().count(),
        "people": people.count(),
        "countries": people.filter(country__isnull=False).values("country").distinct().count(),
        # counted from the meetings' side: the planner would otherwise probe every topic
        "topics": _within(MeetingTopic.objects.all(), meetings).values("topic").distinct().count(),
    }


def meetings_over_time(meetings: QuerySet, period: str = "month") -> list[dict]:
    """Counts per period and kind, oldest first; undated meetings are left out."""
    trunc = PERIODS[period]
    rows = (
        meetings.order_by()
        .filter(date__isnull=False)
        .annotate(period=trunc("date"))
        .values("period", "kind")
        .annotate(count=Count("id"))
        .order_by("period", "kind")
    )
    return [{"period": r["period"], "kind": r["kind"], "count": r["count"]} for r in rows]


def top_participants(meetings: QuerySet, limit: int = 10) -> list[dict]:
    """The people who attended most of the meetings."""
    rows = (
        _within(Attendance.objects.all(), meetings)
        .values("participant")
        .annotate(count=Count("meeting_id"))
        .order_by("-count", "participant")[:limit]
    )
    return _people_with_counts(rows)


def _people_with_counts(rows) -> list[dict]:
    """Rows of (participant id, count), in order, as the people they count."""
    counts = {r["participant"]: r["count"] for r in rows}
    people = Participant.objects.select_related("country").in_bulk(counts)
    return [
        {
            "slug": people[pk].slug,
            "name": people[pk].name,
            "country": people[pk].country.iso2 if people[pk].country else None,
            "count": n,
        }
        for pk, n in counts.items()
    ]


def top_topics(meetings: QuerySet, limit: int = 10) -> list[dict]:
    """The topics discussed at most of the meetings."""
    rows = (
        _within(MeetingTopic.objects.all(), meetings)
        .values(slug=F("topic__slug"), name=F("topic__name"), kind=F("topic__kind"))
        .annotate(count=Count("meeting_id"))
        .order_by("-count", "slug")[:limit]
    )
    return list(rows)


def top_countries(meetings: QuerySet, limit: int = 10) -> list[dict]:
    """Countries by the number of meetings one of their people attended."""
    rows = (
        _within(MeetingCountry.objects.all(), meetings)
        .values("country")
        .annotate(count=Count("meeting_id"))
        .order_by("-count", "country")[:limit]
    )
    counts = {r["country"]: r["count"] for r in rows}
    countries = Country.objects.in_bulk(counts)
    found = [
        {"iso2": countries[pk].iso2, "name": countries[pk].name, "slug": countries[pk].slug, "count": n}
        for pk, n in counts.items()
    ]
    # ties by name: sorting by it in SQL would join the countries before counting
    return sorted(found, key=lambda c: (-c["count"], c["name"]))


def network(meetings: QuerySet, limit: int = 60) -> dict:
    """Who met whom: the ``limit`` heaviest pairs and the people in them."""
    rows = (
        _within(MeetingPair.objects.all(), meetings)
        .values("first", "second")
        .annotate(weight=Count("meeting_id"))
        .order_by("-weight", "first", "second")[:limit]
    )
    edges = [{"source": r["first"], "target": r["second"], "weight": r["weight"]} for r in rows]
    ids = {e["source"] for e in edges} | {e["target"] for e in edges}
    people = Participant.objects.select_related("country").in_bulk(ids)
    nodes = [
        {
            "id": p.slug,
            "name": p.name,
            "country": p.country.iso2 if p.country else None,
            "weight": sum(e["weight"] for e in edges if p.pk in (e["source"], e["target"])),
        }
        for p in sorted(people.values(), key=lambda p: p.name)
    ]
    return {
        "nodes": nodes,
        "edges": [
            {"source": people[e["source"]].slug, "target": people[e["target"]].slug, "weight": e["weight"]}
            for e in edges
        ],
    }


def counterparts(participant: Participant, limit: int = 20) -> list[dict]:
    """The people a participant met, most often first: their pairs in the network."""
    rows = (
        MeetingPair.objects.filter(Q(first=participant) | Q(second=participant))
        .annotate(participant=Case(When(first=participant, then=F("second")), default=F("first")))
        .values("participant")
        .annotate(count=Count("meeting_id"))
        .order_by("-count", "participant")[:limit]
    )
    return _people_with_counts(rows)


def participant_topics(participant: Participant, limit: int = 10) -> list[dict]:
    """What one person's meetings were about: their topics, but not the places named in
    them (where they met is on each meeting already)."""
    rows = (
        MeetingTopic.objects.filter(meeting__attendances__participant=participant)
        .exclude(topic__kind=Topic.Kind.PLACE)
        .values(slug=F("topic__slug"), name=F("topic__name"), kind=F("topic__kind"))
        .annotate(count=Count("meeting_id"))
        .order_by("-count", "slug")[:limit]
    )
    return list(rows)


def participant_offices(participant: Participant) -> list[dict]:
    """The roles the articles gave a person, each with its first and last meeting date,
    earliest first: the offices held as reported, in one query."""
    return list(
        Attendance.objects.filter(participant=participant)
        .exclude(role="")
        .values("role")
        .annotate(first=Min("meeting__date"), last=Max("meeting__date"), count=Count("meeting_id"))
        .order_by(F("first").asc(nulls_last=True), "role")
    )
