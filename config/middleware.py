"""Request checks that hold for every view."""

from django.http import HttpResponseBadRequest, JsonResponse

UNSTORABLE = ("\x00",)  # PostgreSQL text cannot hold NUL: a lookup with one would fail deep inside


def refuse_unstorable_input(get_response):
    """A 400 for a NUL character in the path or the query string, before any view
    hands it to the database."""

    def middleware(request):
        values = [request.path, *(v for key, vs in request.GET.lists() for v in (key, *vs))]
        if any(bad in value for value in values for bad in UNSTORABLE):
            message = "NUL characters are not allowed in addresses or parameters"
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return get_response(request)

    return middleware
