from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from meetings.api import views as api

router = DefaultRouter()
router.register("meetings", api.MeetingViewSet, basename="meeting")
router.register("participants", api.ParticipantViewSet, basename="participant")
router.register("topics", api.TopicViewSet, basename="topic")
router.register("countries", api.CountryViewSet, basename="country")
router.register("articles", api.ArticleViewSet, basename="article")
router.register("submissions", api.SubmissionViewSet, basename="submission")

urlpatterns = [
    path("", include(router.urls)),
    path("stats/summary/", api.StatsSummary.as_view(), name="stats-summary"),
    path("stats/over-time/", api.StatsOverTime.as_view(), name="stats-over-time"),
    path("stats/top-participants/", api.StatsTopParticipants.as_view(), name="stats-top-participants"),
    path("stats/top-topics/", api.StatsTopTopics.as_view(), name="stats-top-topics"),
    path("stats/top-countries/", api.StatsTopCountries.as_view(), name="stats-top-countries"),
    path("stats/network/", api.StatsNetwork.as_view(), name="stats-network"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # the split view serves its start-up script as a file, so the CSP needs no inline script
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
]
