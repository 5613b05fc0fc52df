"""The record's pages make the same number of queries whatever the number of statements,
corrections, attendance rows or votes (timings are in bench/bench_proceedings.py)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from proceedings.models import Correction, Vote
from tests import factories
from tests.proceedings import factories as pf

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)  # warm: sessions, content types
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow(record, members, items, n):
    for i in range(n):
        s = pf.statement(
            record, speaker=members[i % len(members)], item=items[i % len(items)], text=f"発言{i}"
        )
        Correction.objects.create(
            statement=s,
            proposed_by=s.speaker_user,
            base_version=1,
            original_text=s.text,
            proposed_text=s.text + "（修正）",
        )


def test_record_pages_make_constant_queries(secretariat_client):
    meeting = pf.meeting()
    items = [factories.AgendaItemFactory(meeting=meeting, position=i + 1) for i in range(3)]
    members = [factories.member() for _ in range(3)]
    record = pf.confirming(meeting, members[:1])
    pf.roster(meeting, members[:1])
    member_client = Client()
    member_client.force_login(members[0])
    urls = {
        "manage": (secretariat_client, f"/proceedings/records/{record.pk}/manage/"),
        "detail": (secretariat_client, f"/proceedings/records/{record.pk}/"),
        "print": (secretariat_client, f"/proceedings/records/{record.pk}/print/"),
        "confirm": (member_client, f"/proceedings/records/{record.pk}/confirm/"),
        "attendance": (secretariat_client, f"/proceedings/meetings/{meeting.pk}/attendance/"),
    }
    _grow(record, members, items, 3)
    small = {name: _queries(c, url) for name, (c, url) in urls.items()}
    _grow(record, members, items, 40)
    pf.roster(meeting, [factories.member() for _ in range(10)])
    large = {name: _queries(c, url) for name, (c, url) in urls.items()}
    assert large == small


def test_deliberation_page_makes_constant_queries(secretariat_client):
    meeting = pf.meeting()
    members = [factories.member() for _ in range(12)]
    d = pf.deliberation(meeting, members=members)
    url = f"/proceedings/written/{d.pk}/"
    Vote.objects.create(deliberation=d, member=members[0], choice="for")
    small = _queries(secretariat_client, url)
    for m in members[1:]:
        Vote.objects.create(deliberation=d, member=m, choice="against", text="理由")
    assert _queries(secretariat_client, url) == small
