"""Error pages: a database that cannot be reached answers 503 with Retry-After (clients and load
balancers retry it); anything else a plain 500. Neither touches the database nor leaks detail."""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client, override_settings
from django.urls import get_resolver, path

from accounts.decorators import public
from config.views import server_error


@public
def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: secret detail")


@public
def connection_closed(request):
    raise InterfaceError("connection already closed")


@public
def broken(request):
    raise ValueError("internal secret detail")


urlpatterns = [
    path("database-gone/", database_gone),
    path("connection-closed/", connection_closed),
    path("broken/", broken),
]
handler500 = "config.views.server_error"


def test_the_project_uses_this_handler():
    assert get_resolver().resolve_error_handler(500) is server_error


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize("url", ["/database-gone/", "/connection-closed/"])
def test_an_unreachable_database_is_a_503_with_retry_after(url):
    # No database fixture: any query while answering would fail the test.
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    html = response.content.decode()
    assert "一時的に利用できません" in html and "Temporarily unavailable" in html
    assert "secret detail" not in html and "127.0.0.1" not in html
    assert "<script" not in html


@override_settings(ROOT_URLCONF=__name__)
def test_other_failures_are_a_plain_500_without_detail():
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    html = response.content.decode()
    assert "エラーが発生しました" in html and "secret detail" not in html
