"""Security headers on every HTML response, and htmx served from our own static files."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _csp(response):
    return response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("url_name", ["home", "accounts:login", "committee:meeting-list"])
def test_strict_headers(client, url_name):
    response = client.get(reverse(url_name))
    csp = _csp(response)
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_htmx_is_vendored_and_csrf_header_set_once_on_body(client):
    html = client.get(reverse("home")).content.decode()
    assert "/static/django_htmx/htmx-2" in html
    assert "http://" not in html.split("<body")[0] and "https://" not in html.split("<body")[0]
    assert html.count("hx-headers") == 1
    assert '<body hx-headers=\'{"x-csrftoken": "' in html
    assert "<script>" not in html
