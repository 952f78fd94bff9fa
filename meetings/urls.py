from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.dashboard, name="timeline"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting"),
    path("people/", views.people_list, name="people"),
    path("people/<slug:slug>/", views.participant_page, name="participant"),
    path("topics/<slug:slug>/", views.topic_page, name="topic"),
    path("countries/<slug:slug>/", views.country_page, name="country"),
    path("add/", views.AddArticleView.as_view(), name="add"),
    path("submissions/<int:pk>/", views.submission_page, name="submission"),
]
