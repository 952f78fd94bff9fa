from datetime import date
from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def web_url(url: str | None) -> str:
    """The URL when it is an http(s) address, else "": a javascript: link from a feed stays inert."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url
    return ""


@register.filter
def iso_date(value: str | None) -> date | None:
    """A date as JSON carries it (``2024-05-16``) as a date, for the ``date`` filter."""
    return date.fromisoformat(value) if value else None
