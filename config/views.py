"""Project-level views: health check and error pages."""

from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.access import public


@public
@never_cache
@require_GET
def healthz(request):
    """Liveness and database reachability, for the load balancer and compose."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
