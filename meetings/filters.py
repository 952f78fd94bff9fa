"""The filters users apply to meetings, shared by the dashboard pages and the API.

One FilterSet per list, so that ``?participant=vladimir-putin&topic=syria`` means the
same thing in a browser, in a shared link and in a notebook. Invalid values make the
FilterSet invalid with a message per parameter; views answer 400 with it.
"""

import re

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Exists, OuterRef
from django.http import QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from meetings.models import (
    Attendance,
    Country,
    Meeting,
    MeetingCountry,
    MeetingTopic,
    Participant,
    Topic,
)
from meetings.names import fold

SEARCH_CONFIG = "english"


def name_words():
    """The words of a person's folded name; the GIN index is built on the same expression."""
    return SearchVector("name_key", config="simple")


NAME_WORD = re.compile(r"[a-z0-9]+")


def _without_blanks(data):
    """A submitted form sends every field; an empty one means no filter, not a bad value."""
    if data is None:
        return None
    clean = QueryDict(mutable=True)
    for key, values in data.lists():
        kept = [v for v in values if v.strip()]
        if kept:
            clean.setlist(key, kept)
    return clean


class _ChoicesField(django_filters.fields.ModelMultipleChoiceField):
    """No value is an empty list, which skips the filter, rather than an empty queryset
    that each filter method would have to compile to find it empty."""

    def clean(self, value):
        return super().clean(value) if value else []


class _CodeField(_ChoicesField):
    """Country codes in any case: ``ru`` is ``RU``."""

    def clean(self, value):
        return super().clean([v.upper() for v in value] if value else value)


@extend_schema_field(OpenApiTypes.STR)
class Choices(django_filters.ModelMultipleChoiceFilter):
    """Repeatable values given by slug or code: strings in the API schema."""

    field_class = _ChoicesField


class MeetingFilter(django_filters.FilterSet):
    participant = Choices(
        queryset=Participant.objects.all(),
        to_field_name="slug",
        method="filter_all_participants",
        help_text="Participant slug; repeat it for meetings with all of them.",
    )
    any_participant = Choices(
        queryset=Participant.objects.all(),
        to_field_name="slug",
        method="filter_any_participant",
        help_text="Participant slug; repeat it for meetings with any of them.",
    )
    country = Choices(
        queryset=Country.objects.all(),
        to_field_name="iso2",
        method="filter_country",
        help_text="ISO 3166 alpha-2 code of a participant's country or of the place; repeatable (any).",
    )
    topic = Choices(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topics",
        help_text="Topic slug; repeat it for meetings about all of them.",
    )
    # distinct=False: a column of the meeting itself, no join to repeat rows (DISTINCT would cost a sort).
    kind = django_filters.MultipleChoiceFilter(
        choices=Meeting.Kind.choices, distinct=False, help_text="Repeatable (any)."
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Meeting.Status.choices, distinct=False, help_text="Repeatable (any)."
    )
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", help_text="YYYY-MM-DD, inclusive.")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", help_text="YYYY-MM-DD, inclusive.")
    place = django_filters.CharFilter(
        field_name="location__name", lookup_expr="iexact", max_length=200, help_text="Place name, e.g. Moscow."
    )
    q = django_filters.CharFilter(
        method="filter_text", max_length=200, help_text="Full-text search in the summary, evidence, people and topics."
    )
    ordering = django_filters.OrderingFilter(
        fields=(("date", "date"), ("confidence", "confidence"), ("created_at", "created")),
        help_text="date, -date (default), confidence, -confidence, created, -created.",
    )

    class Meta:
        model = Meeting
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(_without_blanks(data), *args, **kwargs)
        self.filters["country"].field_class = _CodeField

    def filter_all_participants(self, queryset, name, participants):
        for participant in participants:
            queryset = queryset.filter(
                Exists(Attendance.objects.filter(meeting=OuterRef("pk"), participant=participant))
            )
        return queryset

    def filter_any_participant(self, queryset, name, participants):
        return queryset.filter(Exists(Attendance.objects.filter(meeting=OuterRef("pk"), participant__in=participants)))

    def filter_country(self, queryset, name, countries):
        return queryset.filter(pk__in=self.country_meetings(countries))

    @staticmethod
    def country_meetings(countries):
        """Ids of meetings a person of one of the countries attended, or held in one of them."""
        attended = MeetingCountry.objects.filter(country__in=countries).values("meeting_id")
        held = Meeting.objects.filter(location__country__in=countries).values("id")
        return attended.union(held)

    def filter_topics(self, queryset, name, topics):
        for topic in topics:
            queryset = queryset.filter(Exists(MeetingTopic.objects.filter(meeting=OuterRef("pk"), topic=topic)))
        return queryset

    def filter_text(self, queryset, name, text):
        """Over the meeting's stored vector and its GIN index: no join, and the page
        follows the date order without ranking every match."""
        return queryset.filter(search=SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch"))


class ParticipantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_name", max_length=200, help_text="The start of words of the name: `vlad put`, `putin`."
    )
    country = Choices(
        queryset=Country.objects.all(), to_field_name="iso2", field_name="country__iso2", help_text="ISO alpha-2 code."
    )

    class Meta:
        model = Participant
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["country"].field_class = _CodeField

    def filter_name(self, queryset, name, text):
        """People with a word of the name starting with each word given, over a GIN index."""
        words = NAME_WORD.findall(fold(text))
        if not words:
            return queryset
        prefixes = " & ".join(f"{word}:*" for word in words)
        return queryset.alias(words=name_words()).filter(  # alias: not selected, not grouped by
            words=SearchQuery(prefixes, config="simple", search_type="raw")
        )
