"""The JSON API: thin views over the models, the shared filters and the selectors."""

import csv
import json

from django.db.models import Count
from django.http import StreamingHttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from ingest.pipeline import ingest_one
from ingest.sources import SourceError, read_submission
from meetings import selectors
from meetings.api.serializers import (
    ArticleIngestedSerializer,
    ArticleSerializer,
    ArticleSubmitSerializer,
    CountryCountSerializer,
    CountrySerializer,
    MeetingSerializer,
    NetworkSerializer,
    ParticipantDetailSerializer,
    ParticipantSerializer,
    PeriodCountSerializer,
    PersonCountSerializer,
    SummarySerializer,
    TopicCountSerializer,
    TopicSerializer,
    meeting_records,
)
from meetings.filters import MeetingFilter, ParticipantFilter
from meetings.models import Article, Country, Meeting, Participant, Topic

EXPORT_CHUNK = 2000


def filtered_meetings(request):
    """The meetings the request's filters select; a 400 naming the parameter otherwise."""
    filterset = MeetingFilter(request.query_params, queryset=Meeting.objects.all(), request=request)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Meetings, newest first, with their people, place, topics and sources."""

    # Built once: DRF clones it per request, so its expressions are not resolved again each time.
    queryset = meeting_records(Meeting.objects.newest_first())
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter  # through the default DjangoFilterBackend

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=["csv", "json"], description="csv (default) or json")],
        responses={(200, "text/csv"): OpenApiTypes.STR, (200, "application/json"): MeetingSerializer(many=True)},
    )
    @action(detail=False, pagination_class=None)
    def export(self, request):
        """The whole filtered result, streamed, without a record cap."""
        kind = request.query_params.get("format", "csv")
        if kind not in ("csv", "json"):
            raise ValidationError({"format": "must be csv or json"})
        rows = self.filter_queryset(self.get_queryset()).iterator(chunk_size=EXPORT_CHUNK)
        if kind == "json":
            response = StreamingHttpResponse(_json_lines(rows), content_type="application/json")
            response["Content-Disposition"] = 'attachment; filename="meetings.json"'
        else:
            response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="meetings.csv"'
        return response


CSV_HEADER = [
    "id", "date", "date_precision", "place", "place_country", "kind", "status", "participants",
    "countries", "topics", "confidence", "evidence", "source_urls",
]  # fmt: skip


class _Echo:
    def write(self, value):
        return value


def _csv_lines(records):
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    for m in records:
        place, people, sources = m["place"] or {}, m["participants"], m["sources"]
        yield writer.writerow([
            m["id"], m["date"] or "", m["date_precision"], place.get("name", ""), place.get("country") or "",
            m["kind"], m["status"], "; ".join(p["name"] for p in people), "; ".join(p["country"] or "" for p in people),
            "; ".join(m["topics"]), m["confidence"], sources[0]["evidence"] if sources else "",
            " ".join(s["url"] or "" for s in sources),
        ])  # fmt: skip


def _json_lines(records):
    yield "["
    serializer = MeetingSerializer()
    for n, record in enumerate(records):
        yield ("," if n else "") + json.dumps(serializer.to_representation(record))
    yield "]"


class ParticipantViewSet(viewsets.ReadOnlyModelViewSet):
    """People with how many meetings they attended; one person with counterparts and topics."""

    serializer_class = ParticipantSerializer
    lookup_field = "slug"
    filterset_class = ParticipantFilter

    def get_queryset(self):
        return (
            Participant.objects.select_related("country")
            .annotate(meeting_count=Count("attendances"))
            .order_by("-meeting_count", "name")
        )

    @extend_schema(responses=ParticipantDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        data = self.get_serializer(person).data
        data["counterparts"] = selectors.counterparts(person)
        data["topics"] = selectors.participant_topics(person)
        return Response(data)


class TopicViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TopicSerializer
    lookup_field = "slug"

    def get_queryset(self):
        topics = Topic.objects.annotate(meeting_count=Count("meeting_topics")).order_by("-meeting_count", "name")
        text = self.request.query_params.get("q", "").strip()
        return topics.filter(name__icontains=text) if text else topics


class CountryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CountrySerializer
    lookup_field = "iso2"
    queryset = Country.objects.order_by("name")


class ArticleViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Stored articles; POST one (text or url) to ingest it and get the meetings found."""

    def get_queryset(self):
        return Article.objects.annotate(meeting_count=Count("mentions")).order_by("-published", "-id")

    def get_serializer_class(self):
        return ArticleSubmitSerializer if self.action == "create" else ArticleSerializer

    @extend_schema(
        request=ArticleSubmitSerializer, responses={201: ArticleIngestedSerializer, 200: ArticleIngestedSerializer}
    )
    def create(self, request, *args, **kwargs):
        submitted = ArticleSubmitSerializer(data=request.data)
        submitted.is_valid(raise_exception=True)
        item = read_submission(**submitted.validated_data)
        if isinstance(item, SourceError):
            raise ValidationError({"article": f"{item.source}: {item.reason}"})
        result = ingest_one(item)
        meetings = meeting_records(Meeting.objects.filter(mentions__article=result.article).newest_first())
        return Response(
            {
                "article": ArticleSerializer(result.article).data,
                "created": result.created,
                "meetings": MeetingSerializer(meetings, many=True).data,
            },
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
        )


class _Stats(APIView):
    """A chart's data for the meetings the filters select."""

    filter_backends = [DjangoFilterBackend]  # documents the filters in the schema
    filterset_class = MeetingFilter

    def get_queryset(self):
        return Meeting.objects.all()

    def limit(self, request, default=10, most=200):
        value = request.query_params.get("limit", str(default))
        if not value.isdigit() or not 0 < int(value) <= most:
            raise ValidationError({"limit": f"must be a whole number from 1 to {most}"})
        return int(value)


class StatsSummary(_Stats):
    @extend_schema(responses=SummarySerializer)
    def get(self, request):
        return Response(selectors.key_figures(filtered_meetings(request)))


class StatsOverTime(_Stats):
    @extend_schema(
        parameters=[OpenApiParameter("period", str, enum=list(selectors.PERIODS))],
        responses=PeriodCountSerializer(many=True),
    )
    def get(self, request):
        period = request.query_params.get("period", "month")
        if period not in selectors.PERIODS:
            raise ValidationError({"period": f"must be one of {', '.join(selectors.PERIODS)}"})
        return Response(selectors.meetings_over_time(filtered_meetings(request), period))


class StatsTopParticipants(_Stats):
    @extend_schema(parameters=[OpenApiParameter("limit", int)], responses=PersonCountSerializer(many=True))
    def get(self, request):
        return Response(selectors.top_participants(filtered_meetings(request), self.limit(request)))


class StatsTopTopics(_Stats):
    @extend_schema(parameters=[OpenApiParameter("limit", int)], responses=TopicCountSerializer(many=True))
    def get(self, request):
        return Response(selectors.top_topics(filtered_meetings(request), self.limit(request)))


class StatsTopCountries(_Stats):
    @extend_schema(parameters=[OpenApiParameter("limit", int)], responses=CountryCountSerializer(many=True))
    def get(self, request):
        return Response(selectors.top_countries(filtered_meetings(request), self.limit(request)))


class StatsNetwork(_Stats):
    @extend_schema(parameters=[OpenApiParameter("limit", int)], responses=NetworkSerializer)
    def get(self, request):
        return Response(selectors.network(filtered_meetings(request), self.limit(request, default=60, most=500)))
