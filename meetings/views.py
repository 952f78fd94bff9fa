"""The dashboard pages: thin views over the shared filter and the selectors.

Pages render the timeline and key figures on the server; the charts fetch their data
from the stats API with the page's own query string, so a page stays fast however
many meetings match.
"""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.generic import DetailView

from ingest.models import Submission
from ingest.submissions import submission_create
from meetings import selectors
from meetings.filters import MeetingFilter
from meetings.forms import ArticleForm
from meetings.models import Attendance, Country, Meeting, Participant, Topic
from meetings.throttles import PendingSubmissionsThrottle, SubmissionThrottle, refusal

PAGE_SIZE = 30


def timeline_context(request, scope: dict[str, str] | None = None) -> tuple[dict, int]:
    """The filtered timeline of a page: dated meetings by page, undated ones apart.

    ``scope`` adds the page's own filter (a person, a topic, a country) to the user's,
    so pages, charts and the API agree on what they count.
    """
    data = request.GET.copy()
    for name, value in (scope or {}).items():
        data.setlist(name, [*data.getlist(name), value] if name != "country" else [value])
    filterset = MeetingFilter(data, queryset=Meeting.objects.for_list(), request=request)
    if not filterset.is_valid():
        return {"filterset": filterset, "errors": filterset.errors}, 400
    meetings = filterset.qs
    dated = meetings.filter(date__isnull=False).newest_first()
    page = Paginator(dated, PAGE_SIZE).get_page(request.GET.get("page"))
    data.pop("page", None)
    return {
        "filterset": filterset,
        "page": page,
        "undated": meetings.filter(date__isnull=True).order_by("-id")[:PAGE_SIZE],
        "figures": selectors.key_figures(meetings, selectors.rollup_scope(filterset)),  # rollups when they can
        "query": data.urlencode(),
    }, 200


def dashboard(request):
    context, status = timeline_context(request)
    context.update(  # the filter bar's choices; only the dashboard shows it
        kinds=Meeting.Kind.choices,
        statuses=Meeting.Status.choices,
        countries=Country.objects.filter(participants__isnull=False).distinct().order_by("name"),
    )
    return render(request, "meetings/dashboard.html", context, status=status)


class MeetingDetailView(DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return Meeting.objects.for_list()

    def get_context_data(self, **kwargs):
        people = [person["slug"] for person in self.object.people]
        attended = Attendance.objects.filter(participant__slug__in=people).values("meeting")
        related = (
            Meeting.objects.for_list()
            .filter(pk__in=attended)  # a semi-join: no DISTINCT over the records of every meeting they attended
            .exclude(pk=self.object.pk)
            .newest_first()[:10]
        )
        return super().get_context_data(related=related, **kwargs)


def participant_page(request, slug):
    person = get_object_or_404(Participant.objects.select_related("country"), slug=slug)
    context, status = timeline_context(request, {"participant": person.slug})
    context.update(
        person=person,
        counterparts=selectors.counterparts(person, limit=15),
        topics=selectors.participant_topics(person, limit=12),
        offices=selectors.participant_offices(person),
    )
    return render(request, "meetings/participant_detail.html", context, status=status)


def topic_page(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    context, status = timeline_context(request, {"topic": topic.slug})
    context.update(topic=topic)
    return render(request, "meetings/topic_detail.html", context, status=status)


def country_page(request, slug):
    country = get_object_or_404(Country, slug=slug)
    context, status = timeline_context(request, {"country": country.iso2})
    context.update(country=country)
    return render(request, "meetings/country_detail.html", context, status=status)


def people_list(request):
    people = (
        Participant.objects.select_related("country")
        .annotate(meeting_count=Count("attendances"))
        .order_by("-meeting_count", "name")
    )
    page = Paginator(people, 100).get_page(request.GET.get("page"))
    return render(request, "meetings/people_list.html", {"page": page})


class AddArticleView(LoginRequiredMixin, View):
    """Paste text, give a URL or upload a file: the request records a submission and
    sends the user to its page, where the worker's outcome appears."""

    template_name = "meetings/add_article.html"

    def get(self, request):
        return self.page(request, ArticleForm())

    def post(self, request):
        # checked before the body is read; URL-encoding can triple pasted text
        if int(request.META.get("CONTENT_LENGTH") or 0) > 3 * ArticleForm.max_bytes():
            return HttpResponse("The submission is over the size limit.", status=413, content_type="text/plain")
        refused = refusal(SubmissionThrottle, request) or refusal(PendingSubmissionsThrottle, request)
        if refused:
            return refused
        form = ArticleForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(request, form, status=400)
        data, upload = form.cleaned_data, form.cleaned_data.get("file")
        submission = submission_create(
            user=request.user,
            text=data["text"],
            url=data["url"],
            upload_name=upload.name if upload else "",
            upload=upload.read() if upload else None,
            published=data["published"],
            outlet=data["outlet"],
        )
        response = redirect(submission)
        response.status_code = 303  # See Other: the submission's page, by GET
        return response

    def page(self, request, form, status=200):
        recent = Submission.objects.visible_to(request.user).filter(user=request.user)[:10]
        return render(request, self.template_name, {"form": form, "recent": recent}, status=status)


@login_required
def submission_page(request, pk):
    """Where a submission is; it reloads itself until a worker has read the article."""
    submission = get_object_or_404(Submission.objects.visible_to(request.user), pk=pk)
    found = Meeting.objects.for_list().filter(mentions__article=submission.article_id).newest_first()
    return render(
        request,
        "meetings/submission.html",
        {"submission": submission, "found": found if submission.article_id else []},
    )
