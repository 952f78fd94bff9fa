from django.views.generic import DetailView, ListView

from meetings.models import Meeting, Participant, Topic


class TimelineView(ListView):
    """The meetings, newest first."""

    queryset = Meeting.objects.for_list()
    template_name = "meetings/timeline.html"
    context_object_name = "meetings"
    paginate_by = 50


class MeetingDetailView(DetailView):
    queryset = Meeting.objects.for_list().prefetch_related("mentions__article")
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"


class ParticipantDetailView(DetailView):
    model = Participant
    template_name = "meetings/participant_detail.html"
    context_object_name = "participant"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meetings=Meeting.objects.for_list().filter(attendances__participant=self.object),
            **kwargs,
        )


class TopicDetailView(DetailView):
    model = Topic
    template_name = "meetings/topic_detail.html"
    context_object_name = "topic"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meetings=Meeting.objects.for_list().filter(meeting_topics__topic=self.object),
            **kwargs,
        )
