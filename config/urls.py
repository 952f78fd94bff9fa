from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path

from config.health import health
from meetings.throttles import LoginThrottle, throttled

login = throttled(LoginThrottle)

urlpatterns = [
    # both login forms are rate-limited per client address; their other views are Django's
    path("admin/login/", login(admin.site.login)),
    path("accounts/login/", login(LoginView.as_view()), name="login"),
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("meetings.api.urls")),
    path("", include("meetings.urls")),
]
