"""Rate limits, counted in the shared cache (settings.CACHES) so that every web process
sees the same counts. DRF's throttles serve the API and, through ``throttled``, the pages."""

from functools import wraps
from math import ceil

from django.conf import settings
from django.http import HttpResponse
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle, UserRateThrottle


class SubmissionThrottle(UserRateThrottle):
    """Articles a user may submit: each costs a worker a fetch and a parse."""

    scope = "submissions"


class PendingSubmissionsThrottle(BaseThrottle):
    """At most PARLEY_MAX_PENDING_SUBMISSIONS of one user's submissions wait at once, so
    that one account cannot fill the queue every other user's articles wait in."""

    def allow_request(self, request, view):
        from ingest.models import Submission

        waiting = Submission.objects.waiting().filter(user_id=request.user.pk)
        return waiting.count() < settings.PARLEY_MAX_PENDING_SUBMISSIONS

    def wait(self):
        return 60


class LoginThrottle(SimpleRateThrottle):
    """Login attempts from one client address (only the POSTs count)."""

    scope = "login"

    def get_cache_key(self, request, view):
        if request.method != "POST":
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def refusal(throttle_class, request) -> HttpResponse | None:
    """A 429 answer when ``throttle_class`` refuses the request, else None."""
    throttle = throttle_class()
    if throttle.allow_request(request, None):
        return None
    wait = ceil(throttle.wait() or 1)
    response = HttpResponse(
        f"Too many requests: try again in {wait} seconds.", status=429, content_type="text/plain; charset=utf-8"
    )
    response["Retry-After"] = str(wait)
    return response


def throttled(throttle_class):
    """Decorate a Django view with a DRF throttle."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            return refusal(throttle_class, request) or view(request, *args, **kwargs)

        return wrapper

    return decorate
