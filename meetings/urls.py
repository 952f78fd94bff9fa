from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.TimelineView.as_view(), name="timeline"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting"),
    path("people/<slug:slug>/", views.ParticipantDetailView.as_view(), name="participant"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
]
