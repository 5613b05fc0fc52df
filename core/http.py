"""Conditional GET: answer 304 Not Modified when what the reader would get has not changed.

A poll that finds nothing new then costs one cheap fingerprint query and no rendering, and the
browser (or htmx's XMLHttpRequest, through the HTTP cache) keeps the copy it has.
"""

import hashlib
from collections.abc import Callable, Iterable

from django.db import connection
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers


def etag_of(*parts) -> str:
    """A strong ETag (quoted) for the given parts, which must hold everything the response
    depends on: the data's fingerprint, the reader, the language, the query."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f'"{digest}"'


def queryset_fingerprint(queryset: QuerySet, fields: Iterable[str]) -> str:
    """One query: a digest of the given fields of every row of queryset (count and digest), so
    any insert, delete or change of those fields changes it. Leave out long text fields whose
    changes another field records (an edit time), to keep it cheap."""
    sql, params = queryset.order_by().values_list(*fields).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) "
            f"FROM ({sql}) AS t",
            params,
        )
        count, digest = cursor.fetchone()
    return f"{count}:{digest}"


def conditional(
    request, *, etag: str, render: Callable[[], HttpResponse], private: bool = True
) -> HttpResponse:
    """304 when the request's If-None-Match holds etag, else render(); either way the ETag and
    a Cache-Control that makes the client revalidate each time (private: per reader)."""
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = render()
    if response.status_code in (200, 304):
        response["ETag"] = etag
        patch_cache_control(response, no_cache=True, private=private, public=not private)
        patch_vary_headers(response, ["Cookie"] if private else [])
    return response
