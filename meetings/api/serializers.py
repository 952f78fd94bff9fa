"""JSON shapes of the API; meeting records read only what ``Meeting.objects.for_list()`` prefetches."""

from rest_framework import serializers

from meetings.models import Article, Country, Meeting, Participant, Topic


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


class AttendanceSerializer(serializers.Serializer):
    slug = serializers.CharField(source="participant.slug")
    name = serializers.CharField(source="participant.name")
    country = serializers.CharField(source="participant.country.iso2", default=None, allow_null=True)
    role = serializers.CharField()
    host = serializers.SerializerMethodField()

    def get_host(self, attendance) -> bool:
        return attendance.side == "host"


class PlaceSerializer(serializers.Serializer):
    name = serializers.CharField()
    country = serializers.CharField(source="country.iso2", default=None, allow_null=True)
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)


class SourceSerializer(serializers.Serializer):
    url = serializers.CharField(source="article.url", default=None, allow_null=True)
    title = serializers.CharField(source="article.title")
    outlet = serializers.CharField(source="article.outlet")
    published = serializers.DateField(source="article.published", allow_null=True)
    evidence = serializers.CharField()


class MeetingSerializer(serializers.ModelSerializer):
    place = PlaceSerializer(source="location", allow_null=True)
    participants = AttendanceSerializer(source="attendance_list", many=True)
    topics = serializers.SerializerMethodField()
    sources = SourceSerializer(source="mention_list", many=True)
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Meeting
        fields = [
            "id", "url", "date", "date_precision", "date_reason", "place", "location_reason", "kind",
            "status", "summary", "confidence", "participants", "topics", "sources",
        ]  # fmt: skip

    def get_topics(self, meeting) -> list[str]:
        return [mt.topic.slug for mt in meeting.meeting_topic_list]


class ArticleSerializer(_Counted, serializers.ModelSerializer):
    meetings = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["id", "url", "title", "outlet", "published", "ingested_at", "meetings"]


class ArticleSubmitSerializer(serializers.Serializer):
    """An article to ingest: its text, or a URL to fetch."""

    text = serializers.CharField(required=False, allow_blank=False, trim_whitespace=True)
    url = serializers.URLField(required=False, max_length=1000)
    title = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    published = serializers.DateField(required=False, allow_null=True, default=None)
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")

    def validate(self, data):
        if not data.get("text") and not data.get("url"):
            raise serializers.ValidationError("give the article's text or its url")
        return data


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


class ArticleIngestedSerializer(serializers.Serializer):
    """What POST /api/articles/ answers: the stored article and the meetings found in it."""

    article = ArticleSerializer()
    created = serializers.BooleanField(help_text="False when the article was already known.")
    meetings = MeetingSerializer(many=True)
