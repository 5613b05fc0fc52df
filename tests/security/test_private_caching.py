"""Private pages stay private: every GET of the authorisation matrix (every test_matrix_*.py,
found by name, so a new area's rows count at once), for every role, full page and HTMX fragment,
answers `Cache-Control: private, no-store` unless it is an anonymous read of a public view."""

import importlib
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import resolve

from core.privacy import is_private, make_private
from tests.proceedings.matrix_world import build as build_proceedings
from tests.security.matrix import ANON, ROLES
from tests.security.test_matrix_review import _add_review as add_review

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent


def all_rows():
    rows = []
    for path in sorted(HERE.glob("test_matrix_*.py")):
        module = importlib.import_module(f"tests.security.{path.stem}")
        rows += getattr(module, "ROWS", [])
    return rows


def _is_public_view(path: str) -> bool:
    try:
        match = resolve(path.split("?")[0])
    except Exception:  # noqa: BLE001 - an unknown URL resolves to no view: nothing private
        return True
    return getattr(match.func, "access_rule", None) == "public"


def _private(response) -> bool:
    directives = {d.strip().split("=")[0] for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives and "public" not in directives


@pytest.fixture(scope="module")
def full_world(world, django_db_blocker):
    """The matrix world plus what the proceedings, reports and review rows point at."""
    with django_db_blocker.unblock():
        build_proceedings(world)
        add_review(world)  # adds the reports' editions first
    return world


def test_every_non_public_response_of_the_matrix_is_private_and_not_stored(full_world):
    world = full_world
    rows = [row for row in all_rows() if row.method == "GET"]
    assert len({row.url_name for row in rows}) >= 40
    wrong, checked, anonymous_public = [], 0, 0
    for row in rows:
        path = row.path(world)
        public_view = _is_public_view(path)
        for role in ROLES:
            if role not in row.expect:
                continue
            for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
                response = world.clients[role].get(path, **headers)
                must_be_private = role != ANON or not public_view
                checked += 1
                if must_be_private and not _private(response):
                    wrong.append(
                        f"{role} GET {path} {headers or ''} [{response.status_code}]: "
                        f"Cache-Control {response.get('Cache-Control')!r}"
                    )
                if role == ANON and public_view and response.status_code == 200:
                    anonymous_public += 1
    assert not wrong, "\n".join(wrong)
    assert checked > 500
    assert anonymous_public > 20  # the public pages were really reached


def test_anonymous_reads_of_public_pages_are_not_marked_private(client):
    for path in ("/", "/meetings/", "/statistics/", "/schemes/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" not in response.get("Cache-Control", ""), path


def test_a_public_page_seen_by_a_member_is_private(member_client):
    response = member_client.get("/meetings/")
    assert response.status_code == 200
    assert _private(response)


def test_the_rule_overrides_what_a_view_set():
    from django.http import HttpResponse

    response = HttpResponse()
    response["Cache-Control"] = "public, max-age=600, s-maxage=3600"
    make_private(response)
    directives = {d.strip().split("=")[0] for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert not directives & {"public", "s-maxage"}


def test_is_private_follows_the_view_rule_and_the_user(member_user):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/meetings/")
    request.user = AnonymousUser()
    request.resolver_match = resolve("/meetings/")
    assert is_private(request) is False
    request.user = member_user
    assert is_private(request) is True
    request = RequestFactory().get("/questions/mine/")
    request.user = AnonymousUser()
    request.resolver_match = resolve("/questions/mine/")
    assert is_private(request) is True
