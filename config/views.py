"""Project-level views: health check and error pages."""

import sys

import psycopg
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.decorators import public


@public
@never_cache
@require_safe
def healthz(request):
    """Liveness and database reachability, for the load balancer and compose."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def server_error(request):
    """handler500: a database that cannot be reached (restart, failover) or that has no free
    connection (the pool's wait timed out, PostgreSQL's max_connections reached) is a 503 with
    Retry-After, which clients and load balancers retry; anything else is a plain 500. psycopg's
    own errors count too: libraries that use psycopg directly (the task queue) raise those.

    Renders without a request context: the context processors would query the database."""
    unavailable = (
        OperationalError | InterfaceError | psycopg.OperationalError | psycopg.InterfaceError
    )
    if isinstance(sys.exc_info()[1], unavailable):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "10"
        return response
    return HttpResponse(loader.render_to_string("500.html"), status=500)
