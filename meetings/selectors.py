"""Read-side queries: the figures and charts of a filtered set of meetings.

Every function takes a queryset of meetings (already filtered by ``MeetingFilter``)
and aggregates in SQL, so the dashboard and the API show the same numbers from the
same code.

Given a ``Scope`` (the filters are only kinds, statuses and whole months), they read
the rollup tables the database triggers keep (models ``MonthCount``,
``ParticipantCount``, ``TopicCount``, ``CountryCount``, ``PairCount``) instead of
scanning the meetings; the README lists which figures do.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, Count, F, Max, Min, Q, QuerySet, Sum, When
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek, TruncYear

from meetings.models import (
    Attendance,
    Country,
    CountryCount,
    MeetingCountry,
    MeetingPair,
    MeetingTopic,
    MonthCount,
    PairCount,
    Participant,
    ParticipantCount,
    Topic,
    TopicCount,
)

PERIODS = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth, "year": TruncYear}
ROLLUP_FILTERS = {"kind", "status", "date_from", "date_to", "ordering"}  # ordering does not change a count


@dataclass(frozen=True)
class Scope:
    """A filter set the rollups answer: any of some kinds, any of some statuses, whole months."""

    kinds: tuple = ()
    statuses: tuple = ()
    month_from: date | None = None
    month_to: date | None = None  # the first day of the last month

    @property
    def all_dates(self) -> bool:
        return self.month_from is None and self.month_to is None

    @property
    def everything(self) -> bool:
        return self.all_dates and not self.kinds and not self.statuses

    def of(self, rows: QuerySet) -> QuerySet:
        """The rollup rows of the scope's kinds and statuses."""
        if self.kinds:
            rows = rows.filter(kind__in=self.kinds)
        if self.statuses:
            rows = rows.filter(status__in=self.statuses)
        return rows

    def months(self) -> QuerySet:
        rows = self.of(MonthCount.objects.all())
        if self.month_from:
            rows = rows.filter(month__gte=self.month_from)
        if self.month_to:
            rows = rows.filter(month__lte=self.month_to)
        return rows


def rollup_scope(filterset) -> Scope | None:
    """The scope of a valid ``MeetingFilter``, or None when the rollups cannot answer it:
    another filter is set, or a date bound falls within a month."""
    if set(filterset.data) & set(filterset.filters) - ROLLUP_FILTERS:
        return None
    data = filterset.form.cleaned_data
    date_from, date_to = data.get("date_from"), data.get("date_to")
    if date_from and date_from.day != 1 or date_to and (date_to + timedelta(days=1)).day != 1:
        return None
    return Scope(
        kinds=tuple(data.get("kind") or ()),
        statuses=tuple(data.get("status") or ()),
        month_from=date_from,
        month_to=date_to.replace(day=1) if date_to else None,
    )


def _summed(rows: QuerySet, *keys: str) -> QuerySet:
    """Rollup rows summed over kinds and statuses per key, as ``n``; none that counts 0."""
    return rows.values(*keys).annotate(n=Sum("count")).filter(n__gt=0)


def _within(rows: QuerySet, meetings: QuerySet) -> QuerySet:
    """Rows of the given meetings; no subquery at all when the meetings are not filtered."""
    if not meetings.query.where:
        return rows
    return rows.filter(meeting__in=meetings.order_by().values("id"))


def key_figures(meetings: QuerySet, scope: Scope | None = None) -> dict:
    """How many meetings, people, countries and topics the set holds."""
    if scope is not None and scope.all_dates:
        people = scope.of(ParticipantCount.objects.filter(count__gt=0)).values("participant")
        return {
            "meetings": scope.months().aggregate(n=Sum("count"))["n"] or 0,
            "people": people.distinct().count(),
            "countries": Participant.objects.filter(id__in=people, country__isnull=False)
            .values("country")
            .distinct()
            .count(),
            "topics": scope.of(TopicCount.objects.filter(count__gt=0)).values("topic").distinct().count(),
        }
    people = Participant.objects.filter(id__in=_within(Attendance.objects.all(), meetings).values("participant"))
    return {
        "meetings": meetings.order_by().count(),
        "people": people.count(),
        "countries": people.filter(country__isnull=False).values("country").distinct().count(),
        # counted from the meetings' side: the planner would otherwise probe every topic
        "topics": _within(MeetingTopic.objects.all(), meetings).values("topic").distinct().count(),
    }


def meetings_over_time(meetings: QuerySet, period: str = "month", scope: Scope | None = None) -> list[dict]:
    """Counts per period and kind, oldest first; undated meetings are left out."""
    if scope is not None and period in ("month", "year"):
        month = F("month") if period == "month" else TruncYear("month")
        rows = _summed(scope.months().filter(month__isnull=False).annotate(period=month), "period", "kind")
        return [{"period": r["period"], "kind": r["kind"], "count": r["n"]} for r in rows.order_by("period", "kind")]
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


def top_participants(meetings: QuerySet, limit: int = 10, scope: Scope | None = None) -> list[dict]:
    """The people who attended most of the meetings."""
    if scope is not None and scope.all_dates:
        rows = _summed(scope.of(ParticipantCount.objects.all()), "participant").order_by("-n", "participant")
        return _people_with_counts({"participant": r["participant"], "count": r["n"]} for r in rows[:limit])
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


def top_topics(meetings: QuerySet, limit: int = 10, scope: Scope | None = None) -> list[dict]:
    """The topics discussed at most of the meetings."""
    if scope is not None and scope.all_dates:
        rows = _summed(scope.of(TopicCount.objects.all()), "topic").order_by("-n", "topic__slug")[:limit]
        topics = Topic.objects.in_bulk([r["topic"] for r in rows])
        return [
            {"slug": topics[r["topic"]].slug, "name": topics[r["topic"]].name, "kind": topics[r["topic"]].kind}
            | {"count": r["n"]}
            for r in rows
        ]
    rows = (
        _within(MeetingTopic.objects.all(), meetings)
        .values(slug=F("topic__slug"), name=F("topic__name"), kind=F("topic__kind"))
        .annotate(count=Count("meeting_id"))
        .order_by("-count", "slug")[:limit]
    )
    return list(rows)


def top_countries(meetings: QuerySet, limit: int = 10, scope: Scope | None = None) -> list[dict]:
    """Countries by the number of meetings one of their people attended."""
    if scope is not None and scope.all_dates:
        rows = _summed(scope.of(CountryCount.objects.all()), "country").order_by("-n", "country")[:limit]
        counts = {r["country"]: r["n"] for r in rows}
    else:
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


def network(meetings: QuerySet, limit: int = 60, scope: Scope | None = None) -> dict:
    """Who met whom: the ``limit`` heaviest pairs and the people in them."""
    if scope is not None and scope.everything:  # PairCount has no kinds or statuses
        rows = PairCount.objects.filter(count__gt=0).order_by("-count", "first", "second")
        rows = rows.values("first", "second", weight=F("count"))[:limit]
    else:
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
