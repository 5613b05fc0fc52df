"""A NUL (or any C0 control character) in a query string is stripped before a view reads it:
never a 500, whatever the page and whichever parameter."""

import pytest
from django.test import Client, RequestFactory

from core.text import QueryStringGuardMiddleware
from tests import factories
from tests.security.urlwalk import allowed_methods, fill, seed_demo, walk

pytestmark = pytest.mark.django_db

# Every parameter name a view of the project reads from request.GET, each with a NUL.
PARAMETERS = ["q", "kind", "page", "stance", "hidden", "edit", "reply_to", "number", "perspective"]
PARAMETERS += ["country", "target", "pays_for", "sort", "next", "year", "topic"]
HOSTILE = "ab\x00c\x0bd"


def test_the_middleware_strips_control_characters_from_keys_and_values():
    seen = {}

    def view(request):
        seen.update(request.GET.lists())
        return None

    request = RequestFactory().get("/search/", {"q": "研究\x00者\x1b", "a\x00b": "1", "t": "x\ty"})
    QueryStringGuardMiddleware(view)(request)
    assert seen == {"q": ["研究者"], "ab": ["1"], "t": ["x\ty"]}


def test_nul_in_the_search_query_answers_without_a_server_error(client):
    response = client.get("/search/", {"q": "派遣\x00", "kind": "materials\x00"})
    assert response.status_code == 200
    assert "派遣" in response.content.decode()


def test_no_page_answers_500_to_control_characters_in_its_query_string():
    seed_demo()
    member, secretariat = Client(), Client()
    member.force_login(factories.member())
    secretariat.force_login(factories.secretariat())
    query = "&".join(f"{name}=ab%00c%0Bd" for name in PARAMETERS)
    errors, pages = [], 0
    for route in walk():
        methods = allowed_methods(route.callback)
        if methods is not None and "GET" not in methods:
            continue
        path = fill(route)[0]
        for who, client in (
            ("anonymous", Client()),
            ("member", member),
            ("secretariat", secretariat),
        ):
            response = client.get(f"{path}?{query}")
            pages += 1
            if response.status_code >= 500:
                errors.append(f"{who} {path}: {response.status_code}")
    assert not errors, "\n".join(errors)
    assert pages > 100
