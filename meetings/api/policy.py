"""API-wide policies named in settings: who may read or write, and how pages are cut.

Kept apart from the views so that settings can import them without importing views.
"""

from django.conf import settings
from rest_framework import pagination, parsers, permissions
from rest_framework.exceptions import ParseError, ValidationError


class Pages(pagination.PageNumberPagination):
    """Numbered pages with a capped size; a page number that is not a number is a 400."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        for name in (self.page_query_param, self.page_size_query_param):
            value = request.query_params.get(name)
            if value is not None and not (value.isdigit() and int(value) > 0):
                raise ValidationError({name: "must be a positive whole number"})
        return super().paginate_queryset(queryset, request, view)


class ReadOrLogin(permissions.BasePermission):
    """Reading is public unless PARLEY_API_REQUIRE_LOGIN; writing always needs a login."""

    def has_permission(self, request, view):
        authenticated = bool(request.user and request.user.is_authenticated)
        if request.method in permissions.SAFE_METHODS and not settings.PARLEY_API_REQUIRE_LOGIN:
            return True
        return authenticated


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with JSON nested deeper than Python can follow a 400, not a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply") from None
