"""Public pages for anonymous readers: cached whole under a key that changes with the data,
ETag/Last-Modified/Cache-Control fit for a CDN, 304 on a conditional request; each reader gets
their own working CSRF token; nothing a signed-in reader gets is cached or marked public."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from committee.models import Meeting
from core import generation
from tests import factories
from tests.conftest import _client_for as client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _public_cache_on(settings):
    settings.PUBLIC_CACHE_SECONDS = 600


@pytest.fixture
def meeting(db):
    return factories.MeetingFactory(number=6, title="第6回国際戦略委員会")


def _url(meeting):
    return reverse("committee:meeting-detail", args=[meeting.pk])


def test_second_anonymous_read_is_served_from_the_cache_with_cdn_headers(meeting):
    first = Client().get(_url(meeting))
    assert first.status_code == 200 and "X-Public-Cache" not in first
    assert first["Cache-Control"].startswith("public, max-age=0, s-maxage=30")
    assert first["ETag"] and first["Last-Modified"]
    assert "Cookie" in first["Vary"] and "Accept-Language" in first["Vary"]
    second = Client().get(_url(meeting))
    assert second["X-Public-Cache"] == "hit" and second["ETag"] == first["ETag"]
    strip = re.compile(r"[A-Za-z0-9]{64}")
    assert strip.sub("", second.content.decode()) == strip.sub("", first.content.decode())
    assert "第6回国際戦略委員会" in second.content.decode()


def test_a_conditional_request_gets_304(meeting):
    etag = Client().get(_url(meeting))["ETag"]
    response = Client().get(_url(meeting), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response["ETag"] == etag
    assert response["Cache-Control"].startswith("public")


# Committed writes, as in production (one test transaction records one change, at its commit).
@pytest.mark.django_db(transaction=True)
def test_a_change_to_the_data_is_a_new_key_at_once(meeting):
    before = Client().get(_url(meeting))
    Meeting.objects.filter(pk=meeting.pk).update(title="第6回（改）")
    after = Client().get(_url(meeting), HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and "X-Public-Cache" not in after
    assert "第6回（改）" in after.content.decode() and after["ETag"] != before["ETag"]


@pytest.mark.django_db(transaction=True)
def test_any_content_table_write_moves_the_generation_and_bookkeeping_does_not(meeting):
    start = generation.current()[0]
    factories.member(username="new_member")  # accounts_user: names shown on public pages
    moved = generation.current()[0]
    assert moved > start
    Client().get("/")  # an anonymous read writes nothing that counts
    from django.contrib.sessions.backends.db import SessionStore

    SessionStore().create()  # sessions are bookkeeping
    assert generation.current()[0] == moved


def test_each_reader_gets_a_working_csrf_token_from_a_cached_page(meeting):
    Client().get(_url(meeting))  # fills the cache
    reader = Client(enforce_csrf_checks=True)
    hit = reader.get(_url(meeting))
    assert hit["X-Public-Cache"] == "hit"
    html = hit.content.decode()
    assert "__public-cache-csrf-token__" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = reader.post(
        reverse("accounts:set-language"), {"csrfmiddlewaretoken": token, "language": "en"}
    )
    assert response.status_code in (302, 303), response.status_code


def test_the_language_is_part_of_the_key(meeting):
    Client().get(_url(meeting))
    english = Client()
    english.cookies["django_language"] = "en"
    response = english.get(_url(meeting))
    assert "X-Public-Cache" not in response
    assert 'lang="en"' in response.content.decode()


def test_signed_in_readers_are_never_cached_or_marked_public(meeting, member_user):
    member = client_for(member_user)
    for _ in range(2):
        response = member.get(_url(meeting))
        assert response.status_code == 200 and "X-Public-Cache" not in response
        assert "public" not in response.get("Cache-Control", "")
    # And a member's render never feeds the anonymous cache.
    assert "X-Public-Cache" not in Client().get(_url(meeting))


def test_members_only_pages_and_private_answers_are_not_cached(meeting, member_user):
    anonymous = Client()
    for _ in range(2):
        response = anonymous.get(reverse("policies:dashboard"))
        assert response.status_code == 302 and "public" not in response.get("Cache-Control", "")
    for _ in range(2):
        health = anonymous.get("/healthz/")  # public, but never_cache: the view decided
        assert "X-Public-Cache" not in health and "public" not in health["Cache-Control"]
