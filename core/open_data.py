"""The open-data API's shared pieces, for the apps that contribute operations to it.

The API app (api/) serves every operation under /api/ with one ETag wrapper and one OpenAPI
document. An app on its own level (the reports app) cannot be imported by it, so it declares
its operations in `<app>/open_data.py` on a ninja Router and registers it here; api/urls.py
discovers those modules and mounts each router. The page shape, the page parameter and the
error shapes live here so every operation answers alike.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from ninja import Path, Query, Schema, Status

# Whoever asks, the API answers what an anonymous reader of the pages sees.
ANONYMOUS = AnonymousUser()
PAGE_SIZE = 50
MAX_PAGE = 10_000  # keeps OFFSET far from PostgreSQL's bigint limit whatever a client sends
PageNumber = Query(1, ge=1, le=MAX_PAGE, description="Page number, from 1")
Pk = Path(..., ge=1, le=2**31 - 1, description="The object's id")

# (path prefix, ninja Router) of each app's contributed operations, in registration order.
ROUTERS: list[tuple[str, object]] = []


def register(prefix: str, router) -> None:
    ROUTERS.append((prefix, router))


class Error(Schema):
    detail: str


class InvalidInput(Schema):
    """422: a parameter is malformed (not a number, out of range); `detail` says which."""

    detail: list[dict]


INVALID = {422: InvalidInput}


def one(schema) -> dict:
    """The responses of an operation answering one object: it, 404 or 422."""
    return {200: schema, 404: Error, **INVALID}


def pages(schema) -> dict:
    """The responses of a paginated list: a page, or 422 for a bad page number."""
    return {200: schema, **INVALID}


class Page(Schema):
    """One page of a list: `count` items in all, `page` of `pages`, at most PAGE_SIZE each."""

    count: int
    page: int
    pages: int


def page_of(rows, page: int, convert) -> dict:
    """Slice a queryset (or list) to one page; `convert` turns each row into its dict."""
    count = rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)
    start = (page - 1) * PAGE_SIZE
    return {
        "count": count,
        "page": page,
        "pages": max(1, -(-count // PAGE_SIZE)),
        "items": [convert(row) for row in rows[start : start + PAGE_SIZE]],
    }


def found_or_404(lookup, convert):
    """`convert` of what `lookup()` finds, or the API's 404 when it raises Http404 (the
    access functions answer alike for missing and not visible)."""
    try:
        found = lookup()
    except Http404:
        return Status(404, {"detail": "Not found."})
    return convert(found)
