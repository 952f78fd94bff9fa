"""Parley's domain: who met whom, where, when and about what, with the evidence."""

from django.contrib.postgres.aggregates import JSONBAgg
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse

from meetings.names import name_key


class Country(models.Model):
    """A country by its ISO 3166-1 codes."""

    iso2 = models.CharField(max_length=2, unique=True)
    iso3 = models.CharField(max_length=3, blank=True)
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:country", args=[self.slug])


class ParticipantQuerySet(models.QuerySet):
    def with_meeting_counts(self):
        return self.annotate(meeting_count=models.Count("attendances", distinct=True))


class Participant(models.Model):
    """A person who takes part in meetings: a leader, minister, envoy or official."""

    name = models.CharField(max_length=200, help_text="Canonical full name.")
    slug = models.SlugField(max_length=200, unique=True)
    aliases = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        help_text="Other spellings seen in articles (normalised, lowercase).",
    )
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participants",
    )
    role = models.CharField(max_length=200, blank=True, help_text="Latest known role.")
    country_votes = models.JSONField(
        default=dict, blank=True, help_text="How many articles gave each country (ISO alpha-2) for the person."
    )
    name_key = models.CharField(max_length=200, blank=True, editable=False, help_text="Folded name for matching.")
    surname_key = models.CharField(max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name"], name="participant_name_idx"),
            models.Index(fields=["surname_key"], name="participant_surname_idx"),
            models.Index(fields=["name_key"], name="participant_name_key_idx"),
            # the same expression as meetings.filters.name_words(), so the name search by word prefix uses it
            GinIndex(SearchVector("name_key", config="simple"), name="participant_name_words_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        key = name_key(self.name)
        self.name_key = " ".join(key)
        self.surname_key = key[-1] if key else ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:participant", args=[self.slug])


class Topic(models.Model):
    """Something discussed: an issue, or a country, organisation or place talked about."""

    class Kind(models.TextChoices):
        ISSUE = "issue", "Issue"
        COUNTRY = "country", "Country"
        ORGANISATION = "organisation", "Organisation"
        PLACE = "place", "Place"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ISSUE)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:topic", args=[self.slug])


class Location(models.Model):
    """A place where meetings happen: a city, or a whole country when that is all we know."""

    name = models.CharField(max_length=200)
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="locations",
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "country"],
                name="location_unique_name_country",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_range",
            ),
        ]

    def __str__(self):
        if self.country and self.country.name != self.name:
            return f"{self.name}, {self.country.name}"
        return self.name


class Article(models.Model):
    """A news article that reports meetings; known once by URL and once by text."""

    url = models.URLField(max_length=1000, null=True, blank=True, unique=True)
    claimed_url = models.URLField(
        max_length=1000,
        blank=True,
        default="",
        help_text="For text a user submitted: the source they named. Never fetched, never unique: "
        "the page at that address is another article.",
    )
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    published = models.DateField(null=True, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the normalised text.")
    ingested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published", "-id"]
        indexes = [
            models.Index(fields=["published"], name="article_published_idx"),
        ]

    def __str__(self):
        return self.title or self.url or f"Article {self.pk}"


class JSONBObject(models.Func):
    """``jsonb_build_object(key, value, ...)``, as Django's ``JSONObject`` but built once.

    ``JSONObject`` makes a cast of every key each time a query is compiled: a third of
    the time it took to compile a page of meetings (thirty keys).
    """

    function = "jsonb_build_object"
    output_field = models.JSONField()

    def __init__(self, **fields):
        arguments = []
        for key, value in fields.items():
            value = models.F(value) if isinstance(value, str) else value
            arguments += [Cast(models.Value(key), models.TextField()), value]
        super().__init__(*arguments)


def _json_array(rows, order_by, **fields):
    """The ``rows`` of the outer meeting as one JSON array of objects, built by PostgreSQL."""
    per_meeting = rows.filter(meeting=models.OuterRef("pk")).values("meeting")  # GROUP BY the meeting
    array = per_meeting.values(json=JSONBAgg(JSONBObject(**fields), order_by=order_by))
    return Coalesce(models.Subquery(array), models.Value([], models.JSONField()))


class MeetingQuerySet(models.QuerySet):
    def for_list(self):
        """Everything a meeting card or an API record shows, in one query.

        The people (``people``), topics (``topic_list``) and sources (``sources``) of
        each meeting arrive as lists of plain dicts, aggregated by PostgreSQL: building
        a model instance for each of the hundreds of related rows of a page, as
        ``prefetch_related`` does, costs several times the SQL.
        """
        host = models.ExpressionWrapper(Q(side=Attendance.Side.HOST), output_field=models.BooleanField())
        meetings = self.select_related("location__country").defer("search")  # the vector only filters
        return meetings.annotate(
            people=_json_array(
                Attendance.objects.all(),
                order_by=(host.desc(), "participant__name"),  # the host first
                slug="participant__slug",
                name="participant__name",
                country="participant__country__iso2",
                country_name="participant__country__name",
                role="role",
                host=host,
            ),
            topic_list=_json_array(
                MeetingTopic.objects.all(), order_by=("rank", "topic__name"), slug="topic__slug", name="topic__name"
            ),
            sources=_json_array(
                Mention.objects.all(),
                order_by=("id",),
                url="article__url",
                claimed_url="article__claimed_url",
                title="article__title",
                outlet="article__outlet",
                published="article__published",
                evidence="evidence",
            ),
        )

    def newest_first(self):
        """Latest first, undated meetings last: the model's ordering, which the date index follows."""
        return self.order_by(*self.model._meta.ordering)


class Meeting(models.Model):
    """One real event: two or more people meeting, calling or at a summit together."""

    class DatePrecision(models.TextChoices):
        DAY = "day", "Day"
        WEEK = "week", "Week"
        MONTH = "month", "Month"
        YEAR = "year", "Year"
        UNKNOWN = "unknown", "Unknown"

    class Kind(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        PHONE_CALL = "phone_call", "Phone call"
        VIDEO_CALL = "video_call", "Video call"
        MULTILATERAL = "multilateral", "Multilateral summit"

    class Status(models.TextChoices):
        HELD = "held", "Held"
        PLANNED = "planned", "Planned"
        CANCELLED = "cancelled", "Cancelled"
        REFUSED = "refused", "Refused"

    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY)
    date_reason = models.CharField(max_length=300, blank=True)
    location = models.ForeignKey(
        Location,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    location_reason = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.IN_PERSON)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.HELD)
    summary = models.CharField(max_length=500, blank=True)
    confidence = models.FloatField(default=0.5)
    participants = models.ManyToManyField(Participant, through="Attendance", related_name="meetings")
    topics = models.ManyToManyField(Topic, through="MeetingTopic", related_name="meetings")
    articles = models.ManyToManyField(Article, through="Mention", related_name="meetings")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search = SearchVectorField(
        null=True, editable=False, help_text="Summary, evidence, people and topics; kept by triggers (migration 0010)."
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = [models.F("date").desc(nulls_last=True), "-id"]  # undated last (PostgreSQL puts NULLs first)
        indexes = [
            # In the model's ordering, NULLS LAST included, so that a page is an index scan, not a sort.
            models.Index(models.F("date").desc(nulls_last=True), models.F("id").desc(), name="meeting_newest_idx"),
            models.Index("kind", models.F("date").desc(nulls_last=True), name="meeting_kind_newest_idx"),
            models.Index("status", models.F("date").desc(nulls_last=True), name="meeting_status_newest_idx"),
            GinIndex(fields=["search"], name="meeting_search_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidence__gte=0, confidence__lte=1),
                name="meeting_confidence_range",
            ),
            models.CheckConstraint(
                condition=(
                    Q(date__isnull=True, date_precision="unknown")
                    | Q(date__isnull=False) & ~Q(date_precision="unknown")
                ),
                name="meeting_date_matches_precision",
            ),
        ]

    def __str__(self):
        if hasattr(self, "people"):  # fetched by for_list()
            names = [person["name"] for person in self.people]
        else:
            names = self.attendances.values_list("participant__name", flat=True)
        return f"{self.date or 'undated'}: {' – '.join(names) or 'meeting'}"

    def get_absolute_url(self):
        return reverse("meetings:meeting", args=[self.pk])


class Attendance(models.Model):
    """A participant at a meeting, with the role the sources gave them there."""

    class Side(models.TextChoices):
        HOST = "host", "Host"
        VISITOR = "visitor", "Visitor"
        UNKNOWN = "", "Unknown"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="attendances")
    role = models.CharField(max_length=200, blank=True)
    side = models.CharField(max_length=10, choices=Side.choices, blank=True, default="")

    class Meta:
        ordering = ["-side", "participant__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "participant"], name="attendance_unique_person"),
        ]
        indexes = [
            models.Index(fields=["participant", "meeting"], name="attendance_person_idx"),
        ]

    def __str__(self):
        return f"{self.participant} at {self.meeting_id}"


class MeetingPair(models.Model):
    """Two people at one meeting, the lower id first: one row per edge of the
    who-met-whom network, so that counting it is an index scan instead of a join of
    the attendances with themselves.

    Kept by database triggers on attendances and participants (migration 0006), like
    MeetingCountry, so every writer, the admin included, keeps them right.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    first = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+", db_index=False)
    second = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second", "meeting"], name="meetingpair_unique"),
            models.CheckConstraint(condition=Q(first__lt=models.F("second")), name="meetingpair_ordered"),
        ]
        indexes = [models.Index(fields=["second", "first"], name="meetingpair_second_idx")]

    def __str__(self):
        return f"{self.first_id} and {self.second_id} at {self.meeting_id}"


class MeetingCountry(models.Model):
    """A country one of whose people attended a meeting, once per meeting: country
    statistics and filters count these rows instead of de-duplicating attendances.
    Kept by the triggers that keep MeetingPair."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        verbose_name_plural = "meeting countries"
        constraints = [models.UniqueConstraint(fields=["country", "meeting"], name="meetingcountry_unique")]

    def __str__(self):
        return f"{self.country_id} at {self.meeting_id}"


class MeetingTopic(models.Model):
    """A topic discussed at a meeting; lower rank is more salient."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="meeting_topics")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="meeting_topics")
    rank = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["rank", "topic__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "topic"], name="meetingtopic_unique"),
        ]
        indexes = [models.Index(fields=["topic", "meeting"], name="meetingtopic_topic_idx")]

    def __str__(self):
        return f"{self.topic} at {self.meeting_id}"


class Mention(models.Model):
    """An article reporting a meeting, with the sentence that says so."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="mentions")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    evidence = models.TextField()
    start_char = models.PositiveIntegerField()
    end_char = models.PositiveIntegerField()
    confidence = models.FloatField(default=0.5)

    class Meta:
        ordering = ["article__published", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "article"], name="mention_unique_article"),
            models.CheckConstraint(
                condition=Q(start_char__lt=models.F("end_char")),
                name="mention_offsets_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.article} on meeting {self.meeting_id}"


# Rollups: counts kept current by database triggers (migration 0010) so that the
# statistics of all meetings, or of one kind or status, read a few thousand rows
# instead of scanning every meeting. A count can fall to 0 and its row stays.


class CountByKindAndStatus(models.Model):
    """A rollup row: meetings of one key, per kind and status of the meeting."""

    kind = models.CharField(max_length=20)
    status = models.CharField(max_length=20)
    count = models.IntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.count} meetings"


class MonthCount(CountByKindAndStatus):
    """Meetings per month (NULL: undated), kind and status."""

    month = models.DateField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "kind", "status"], name="monthcount_unique", nulls_distinct=False)
        ]


class ParticipantCount(CountByKindAndStatus):
    """Meetings a person attended, per kind and status of the meeting."""

    participant = models.ForeignKey(Participant, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "kind", "status"], name="participantcount_unique")
        ]


class TopicCount(CountByKindAndStatus):
    """Meetings about a topic, per kind and status of the meeting."""

    topic = models.ForeignKey(Topic, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "kind", "status"], name="topiccount_unique")]


class CountryCount(CountByKindAndStatus):
    """Meetings one of a country's people attended (MeetingCountry rows), per kind and status."""

    country = models.ForeignKey(Country, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["country", "kind", "status"], name="countrycount_unique")]


class PairCount(models.Model):
    """Meetings of two people (MeetingPair rows), all kinds and statuses together:
    the unfiltered network is the first rows of the count index."""

    first = models.ForeignKey(
        Participant, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )
    second = models.ForeignKey(
        Participant, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="paircount_unique")]
        indexes = [models.Index(models.F("count").desc(), "first", "second", name="paircount_heaviest_idx")]

    def __str__(self):
        return f"{self.count} meetings"
