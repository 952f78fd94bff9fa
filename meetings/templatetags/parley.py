from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def web_url(url: str | None) -> str:
    """The URL when it is an http(s) address, else "": a javascript: link from a feed stays inert."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url
    return ""
