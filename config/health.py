import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger("parley.health")


@never_cache
def health(request):
    """200 when the database answers, 503 when it does not: for load balancers and monitors.

    The answer says only ok or failing, to anyone; why it fails goes to the log.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure is an unhealthy instance
        logger.exception("health check failed: the database does not answer")
        return JsonResponse({"status": "failing"}, status=503)
    return JsonResponse({"status": "ok"})
