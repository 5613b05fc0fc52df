"""/api/: the open-data API (django-ninja), public, read-only, with ETag/If-None-Match.

Every operation is wrapped once here: marked public (accounts.decorators, so the URL walk
sees its rule) and given Django's conditional GET (an ETag of the body; 304 when it matches).
"""

from django.middleware.http import ConditionalGetMiddleware
from django.urls import URLPattern
from django.utils.decorators import decorator_from_middleware
from django.utils.module_loading import autodiscover_modules
from django.views.decorators.http import require_safe
from ninja import NinjaAPI

from accounts.decorators import public
from api.views import router
from core import open_data

conditional_get = decorator_from_middleware(ConditionalGetMiddleware)

api = NinjaAPI(
    title="International Strategy Committee open data",
    version="1",
    description="What the committee publishes: meetings, agendas, hearings, materials, "
    "minutes, published comments, report editions, statistics series and support schemes. "
    "Read only.",
    urls_namespace="api",
    docs_url=None,  # the interactive docs load scripts from a CDN, which our CSP forbids
    openapi_url="/openapi.json",
)
api.add_router("/", router)
# The operations other apps contribute (<app>/open_data.py, registered in core.open_data).
autodiscover_modules("open_data")
for prefix, contributed in open_data.ROUTERS:
    api.add_router(prefix or "/", contributed)


def _wrapped(pattern: URLPattern) -> URLPattern:
    view = public(conditional_get(require_safe(pattern.callback)))
    # ninja marks its views csrf_exempt (it checks CSRF itself for cookie auth); the project's
    # rule is CSRF everywhere, and nothing here accepts a write anyway.
    view.csrf_exempt = False
    return URLPattern(pattern.pattern, view, pattern.default_args, pattern.name)


app_name = "api"  # the namespace ninja reverses its root with (urls_namespace above)
_patterns = api.urls[0]
urlpatterns = [_wrapped(p) for p in _patterns]
