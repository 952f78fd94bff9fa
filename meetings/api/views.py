"""The JSON API: thin views over the models, the shared filters and the selectors."""

import csv
import json
from types import SimpleNamespace

from django.db.models import Count
from django.http import StreamingHttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAcceptable, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from ingest.models import Submission
from ingest.submissions import submission_create
from meetings import selectors
from meetings.api.serializers import (
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
    SubmissionSerializer,
    SummarySerializer,
    TopicCountSerializer,
    TopicSerializer,
    meeting_records,
)
from meetings.filters import MeetingFilter, ParticipantFilter
from meetings.models import Article, Country, Meeting, Participant, Topic
from meetings.throttles import PendingSubmissionsThrottle, SubmissionThrottle

EXPORT_CHUNK = 2000


def _meeting_filter(request):
    """The request's valid meeting filter; a 400 naming the parameter otherwise."""
    filterset = MeetingFilter(request.query_params, queryset=Meeting.objects.all(), request=request)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset


def filtered_meetings(request):
    """The meetings the request's filters select; a 400 naming the parameter otherwise."""
    return _meeting_filter(request).qs


def filtered_scope(request):
    """The meetings the request's filters select and, when the rollups can count them, their scope."""
    filterset = _meeting_filter(request)
    return {"meetings": filterset.qs, "scope": selectors.rollup_scope(filterset)}


class IgnoreFormatNegotiation(DefaultContentNegotiation):
    """Content negotiation that leaves ``format`` (query parameter or URL suffix) to the view.

    DRF's default reads ``?format=`` (URL_FORMAT_OVERRIDE) itself and answers 404 when
    no renderer has that name, as for ``csv``. Here the renderer only serves errors, so
    it follows the Accept header, falling back to the first (JSON) when none matches.
    """

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)  # the only setting the default class reads

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers)  # without the URL suffix either
        except NotAcceptable:
            return renderers[0], renderers[0].media_type


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
    @action(detail=False, pagination_class=None, content_negotiation_class=IgnoreFormatNegotiation)
    def export(self, request, format=None):
        """The whole filtered result, streamed, without a record cap."""
        kind = request.query_params.get("format") or format or "csv"
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


# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value):
    """The value, with a text that a spreadsheet would run as a formula made inert by a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_lines(records):
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    for m in records:
        place, people, sources = m["place"] or {}, m["participants"], m["sources"]
        yield writer.writerow(_csv_cell(cell) for cell in [
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
    """Stored articles; POST one (text or url) to have it read: 202 with its submission,
    whose status URL shows the meetings found once a worker has read it."""

    def get_queryset(self):
        return Article.objects.annotate(meeting_count=Count("mentions")).order_by("-published", "-id")

    def get_serializer_class(self):
        return ArticleSubmitSerializer if self.action == "create" else ArticleSerializer

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.action == "create":
            throttles += [SubmissionThrottle(), PendingSubmissionsThrottle()]
        return throttles

    @extend_schema(request=ArticleSubmitSerializer, responses={202: SubmissionSerializer})
    def create(self, request, *args, **kwargs):
        submitted = ArticleSubmitSerializer(data=request.data)
        submitted.is_valid(raise_exception=True)
        fields = submitted.validated_data
        submission = submission_create(
            user=request.user,
            text=fields.get("text", ""),
            url=fields.get("url", ""),
            title=fields["title"],
            published=fields["published"],
            outlet=fields["outlet"],
        )
        data = SubmissionSerializer(submission).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["status_url"]})


class SubmissionViewSet(viewsets.ReadOnlyModelViewSet):
    """Your submitted articles, newest first: where each one is, and what it gave."""

    serializer_class = SubmissionSerializer
    permission_classes = [permissions.IsAuthenticated]

    queryset = Submission.objects.none()  # for the schema; each request sees its own

    def get_queryset(self):
        return Submission.objects.visible_to(self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "with_meetings": self.action == "retrieve"}


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
        return Response(selectors.key_figures(**filtered_scope(request)))


class StatsOverTime(_Stats):
    @extend_schema(
        parameters=[OpenApiParameter("period", str, enum=list(selectors.PERIODS))],
        responses=PeriodCountSerializer(many=True),
    )
    def get(self, request):
        period = request.query_params.get("period", "month")
        if period not in selectors.PERIODS:
            raise ValidationError({"period": f"must be one of {', '.join(selectors.PERIODS)}"})
        return Response(selectors.meetings_over_time(period=period, **filtered_scope(request)))


class StatsTopParticipants(_Stats):
    @extend_schema(parameters=[OpenApiParameter("limit", int)], responses=PersonCountSerializer(many=True))
    def get(self, request):
        return Response(selectors.top_participants(limit=self.limit(request), **filtered_scope(request)))


class StatsTopTopics(_Stats):
    @extend_schema(parameters=[OpenApiParameter("limit", int)], responses=TopicCountSerializer(many=True))
    def get(self, request):
        return Response(selectors.top_topics(limit=self.limit(request), **filtered_scope(request)))


class StatsTopCountries(_Stats):
    @extend_schema(parameters=[OpenApiParameter("limit", int)], responses=CountryCountSerializer(many=True))
    def get(self, request):
        return Response(selectors.top_countries(limit=self.limit(request), **filtered_scope(request)))


class StatsNetwork(_Stats):
    @extend_schema(parameters=[OpenApiParameter("limit", int)], responses=NetworkSerializer)
    def get(self, request):
        return Response(selectors.network(limit=self.limit(request, default=60, most=500), **filtered_scope(request)))
