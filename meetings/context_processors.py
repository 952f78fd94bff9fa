from django.conf import settings


def chart_assets(request):
    """The pinned chart scripts (CDN with SRI, vendored fallback) for the chart pages."""
    return {"chart_assets": settings.PARLEY_CHART_ASSETS}
