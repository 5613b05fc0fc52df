"""Whole public pages for anonymous readers: cached as rendered, with ETag, Last-Modified and
CDN-fit Cache-Control, and 304 for a conditional request that still holds.

Applies only to anonymous GET/HEAD of views declared `public` (accounts.decorators sets
view.access_rule) that answer a plain 200: members see more on the same URLs, so nothing a
signed-in reader gets is ever cached or marked public. The key holds the path and query, the
language, the HTMX target, the current minute, a stamp of the deployed code and templates, and
the content generation (core.generation: PostgreSQL triggers count the committed transactions
that wrote any content table), so any committed change to any content makes a new key. A page is
never served older than the data it was rendered from, on any replica sharing the cache.

Every page carries a CSRF token (the language form, htmx's header): it is stored as a marker and
each reader gets their own token in its place.
"""

import functools
import hashlib
import re
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from core.access_rules import PUBLIC
from core.generation import current as generation_now

CSRF_MARKER = "__public-cache-csrf-token__"
_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")
CACHE_CONTROL = "public, max-age=0, s-maxage={s}, stale-while-revalidate={s}"
STORED_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition")


@functools.cache
def deploy_stamp() -> str:
    """The code and templates as deployed: a new release never serves the old one's pages."""
    digest = hashlib.md5(usedforsecurity=False)
    root = Path(settings.BASE_DIR)
    skipped = {".venv", "var", ".git", "node_modules", "tests", "bench"}
    for top in sorted(p for p in root.iterdir() if p.is_dir() and p.name not in skipped):
        for path in sorted(top.rglob("*")):
            if path.suffix in (".py", ".html", ".mo") and path.is_file():
                stat = path.stat()
                digest.update(
                    f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode()
                )
    return digest.hexdigest()[:16]


def _cacheable_request(request, view_func) -> bool:
    return (
        settings.PUBLIC_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and getattr(view_func, "access_rule", None) == PUBLIC
        and not request.user.is_authenticated
        # A session or pending messages may change what this reader sees.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _key(request, generation: int) -> str:
    parts = (
        deploy_stamp(),
        generation,
        # Pages also depend on the clock (a comment period opens or closes at a set minute):
        # a new minute is a new key.
        int(time.time() // 60),
        request.get_full_path(),
        get_language(),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
    )
    return "public-page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _with_marker(request, content: str) -> str | None:
    """The page with its CSRF tokens replaced by the marker; None if it holds another secret."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content
    return _TOKEN.sub(
        lambda m: CSRF_MARKER if _unmask_cipher_token(m.group(0)) == secret else m.group(0),
        content,
    )


def _storable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")  # the view decided (private, no-store)
        and not response.has_header("Vary")
    )


def _mark_public(response, etag: str, changed: float | None) -> None:
    response["ETag"] = etag
    if changed is not None:
        response["Last-Modified"] = http_date(changed)
    response["Cache-Control"] = CACHE_CONTROL.format(s=settings.PUBLIC_CACHE_CDN_SECONDS)
    patch_vary_headers(response, ["Cookie", "Accept-Language"])


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        entry = getattr(request, "_public_cache", None)
        if entry is None or not _storable(response):
            return response
        key, etag, changed = entry
        content = _with_marker(request, response.content.decode(response.charset))
        headers = {h: response[h] for h in STORED_HEADERS if response.has_header(h)}
        cache.set(key, (content, headers), settings.PUBLIC_CACHE_SECONDS)
        _mark_public(response, etag, changed)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _cacheable_request(request, view_func):
            return None
        generation, changed = generation_now()
        key = _key(request, generation)
        etag = f'"{key[-32:]}"'
        request._public_cache = (key, etag, changed)
        stored = cache.get(key)
        if stored is not None:
            # The ETag decides (Last-Modified is the start of the latest writing statement,
            # which may commit later); a client without If-None-Match gets the page.
            not_modified = get_conditional_response(request, etag=etag)
            if not_modified is not None:
                _mark_public(not_modified, etag, changed)
                request._public_cache = None
                return not_modified
            content, headers = stored
            response = HttpResponse(content.replace(CSRF_MARKER, get_token(request)))
            for name, value in headers.items():
                response[name] = value
            _mark_public(response, etag, changed)
            response["X-Public-Cache"] = "hit"
            request._public_cache = None
            return response
        return None
