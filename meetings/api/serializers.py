"""JSON shapes of the API."""

from django.conf import settings
from django.db.models import Case, Func, JSONField, Value, When
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ingest.models import Submission
from meetings.models import Article, Country, JSONBObject, Meeting, Participant, Topic


class _Counted:
    def get_meetings(self, obj) -> int | None:
        """The number of meetings, where the list annotated it."""
        return getattr(obj, "meeting_count", None)


class CountrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["iso2", "iso3", "name", "slug"]


class TopicSerializer(_Counted, serializers.ModelSerializer):
    meetings = serializers.SerializerMethodField()

    class Meta:
        model = Topic
        fields = ["slug", "name", "kind", "meetings"]


class ParticipantSerializer(_Counted, serializers.ModelSerializer):
    country = serializers.CharField(source="country.iso2", default=None, allow_null=True, read_only=True)
    meetings = serializers.SerializerMethodField()

    class Meta:
        model = Participant
        fields = ["slug", "name", "aliases", "role", "country", "meetings"]


class _Record:
    """A record PostgreSQL built as JSON (see ``meeting_records``), passed through in field order.

    The declared fields name what is kept and document it in the schema; converting
    each value again, as DRF does field by field, would cost more than the query.
    """

    def to_representation(self, record):
        return {name: record[name] for name in self.fields}


class AttendanceSerializer(_Record, serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    country = serializers.CharField(allow_null=True, help_text="ISO 3166 alpha-2 code.")
    country_name = serializers.CharField(allow_null=True)
    role = serializers.CharField()
    host = serializers.BooleanField()


class PlaceSerializer(_Record, serializers.Serializer):
    name = serializers.CharField()
    country = serializers.CharField(allow_null=True, help_text="ISO 3166 alpha-2 code.")
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)


class SourceSerializer(_Record, serializers.Serializer):
    url = serializers.CharField(allow_null=True)
    claimed_url = serializers.CharField(help_text="Submitted text: the source the submitter named, unverified.")
    title = serializers.CharField()
    outlet = serializers.CharField()
    published = serializers.DateField(allow_null=True)
    evidence = serializers.CharField()


def meeting_records(meetings):
    """The meetings as ``MeetingSerializer`` records, each built as one JSON object by PostgreSQL.

    A page of 50 meetings then costs one query and almost no Python: model instances
    and DRF's field-by-field conversion of them, their people, topics and sources
    would cost several times that query.
    """
    place = JSONBObject(
        name="location__name",
        country="location__country__iso2",
        latitude="location__latitude",
        longitude="location__longitude",
    )
    return meetings.for_list().values_list(
        JSONBObject(
            id="id",
            date="date",
            date_precision="date_precision",
            date_reason="date_reason",
            place=Case(When(location__isnull=True, then=Value(None, JSONField())), default=place),
            location_reason="location_reason",
            kind="kind",
            status="status",
            summary="summary",
            confidence="confidence",
            participants="people",
            topics=Func("topic_list", Value("$[*].slug"), function="jsonb_path_query_array", output_field=JSONField()),
            sources="sources",
        ),
        flat=True,
    )


class MeetingSerializer(_Record, serializers.Serializer):
    """A meeting as ``meeting_records`` builds it, with the address of its page."""

    id = serializers.IntegerField()
    url = serializers.CharField(help_text="The meeting's page.")
    date = serializers.DateField(allow_null=True)
    date_precision = serializers.ChoiceField(Meeting.DatePrecision.choices)
    date_reason = serializers.CharField(help_text="Why this date: the words it was read from.")
    place = PlaceSerializer(allow_null=True)
    location_reason = serializers.CharField(help_text="Why this place.")
    kind = serializers.ChoiceField(Meeting.Kind.choices)
    status = serializers.ChoiceField(Meeting.Status.choices)
    summary = serializers.CharField()
    confidence = serializers.FloatField(min_value=0, max_value=1)
    participants = AttendanceSerializer(many=True, help_text="The host first, then by name.")
    topics = serializers.ListField(child=serializers.SlugField(), help_text="Topic slugs, the main one first.")
    sources = SourceSerializer(many=True)

    def to_representation(self, record):
        return super().to_representation({**record, "url": reverse("meetings:meeting", args=[record["id"]])})


class ArticleSerializer(_Counted, serializers.ModelSerializer):
    meetings = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["id", "url", "claimed_url", "title", "outlet", "published", "ingested_at", "meetings"]


class ArticleSubmitSerializer(serializers.Serializer):
    """An article to read: its text (with the URL it claims to come from), or a URL to fetch."""

    text = serializers.CharField(required=False, allow_blank=False, trim_whitespace=True)
    url = serializers.URLField(
        required=False, max_length=1000, help_text="Fetched when no text is given; with text, its claimed source."
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    published = serializers.DateField(required=False, allow_null=True, default=None)
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")

    def validate_url(self, url):
        if not url.lower().startswith(("http://", "https://")):
            raise serializers.ValidationError("only http and https addresses are read")
        return url

    def validate_text(self, text):
        if len(text) > settings.PARLEY_MAX_ARTICLE_CHARS:
            raise serializers.ValidationError(f"at most {settings.PARLEY_MAX_ARTICLE_CHARS:,} characters")
        return text

    def validate(self, data):
        if not data.get("text") and not data.get("url"):
            raise serializers.ValidationError("give the article's text or its url")
        return data


class SubmittedArticleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "url", "claimed_url", "title", "outlet", "published"]


class SubmissionSerializer(serializers.ModelSerializer):
    """A submitted article: queued, running, done (with the meetings found) or failed (with why)."""

    status_url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()
    article = SubmittedArticleSerializer(read_only=True, allow_null=True)
    meetings = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = [
            "id", "state", "status_url", "page", "created_at", "started_at", "finished_at", "error",
            "article", "article_created", "meetings",
        ]  # fmt: skip

    def get_status_url(self, submission) -> str:
        return reverse("submission-detail", args=[submission.pk])

    def get_page(self, submission) -> str:
        return submission.get_absolute_url()

    @extend_schema_field(MeetingSerializer(many=True))
    def get_meetings(self, submission):
        """The meetings of the article, once read (only on a single submission)."""
        if not self.context.get("with_meetings") or submission.article_id is None:
            return []
        found = meeting_records(Meeting.objects.filter(mentions__article=submission.article_id).newest_first())
        return MeetingSerializer(found, many=True).data


# Shapes of the statistics, for the API schema.


class SummarySerializer(serializers.Serializer):
    meetings = serializers.IntegerField()
    people = serializers.IntegerField()
    countries = serializers.IntegerField()
    topics = serializers.IntegerField()


class PeriodCountSerializer(serializers.Serializer):
    period = serializers.DateField()
    kind = serializers.CharField()
    count = serializers.IntegerField()


class PersonCountSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    country = serializers.CharField(allow_null=True)
    count = serializers.IntegerField()


class TopicCountSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    count = serializers.IntegerField()


class CountryCountSerializer(serializers.Serializer):
    iso2 = serializers.CharField()
    name = serializers.CharField()
    slug = serializers.CharField()
    count = serializers.IntegerField()


class NodeSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The person's slug.")
    name = serializers.CharField()
    country = serializers.CharField(allow_null=True)
    weight = serializers.IntegerField()


class EdgeSerializer(serializers.Serializer):
    source = serializers.CharField()
    target = serializers.CharField()
    weight = serializers.IntegerField(help_text="Meetings of the two.")


class NetworkSerializer(serializers.Serializer):
    nodes = NodeSerializer(many=True)
    edges = EdgeSerializer(many=True)


class ParticipantDetailSerializer(ParticipantSerializer):
    counterparts = PersonCountSerializer(many=True, read_only=True)
    topics = TopicCountSerializer(many=True, read_only=True)

    class Meta(ParticipantSerializer.Meta):
        fields = [*ParticipantSerializer.Meta.fields, "counterparts", "topics"]
