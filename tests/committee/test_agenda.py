"""The secretariat adds, edits, deletes and reorders agenda items, with and without HTMX."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from committee import services
from committee.models import AgendaItem, ChangeLog, Hearing
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return factories.MeetingFactory(number=9, title="第9回国際戦略委員会")


def _items(meeting):
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position")
        .values_list("position", "title")
    )


def _three(meeting):
    return [
        factories.AgendaItemFactory(meeting=meeting, position=i, title=t)
        for i, t in enumerate(["一", "二", "三"], start=1)
    ]


def test_add_item_without_js_redirects_and_appends(secretariat_client, meeting):
    _three(meeting)
    url = reverse("committee:agenda-item-create", args=[meeting.pk])
    response = secretariat_client.post(
        url, {"title": "四", "description": "", "is_published": "on"}
    )
    assert response.status_code == 302
    assert _items(meeting)[-1] == (4, "四")


def test_add_item_with_htmx_returns_the_agenda_fragment(secretariat_client, meeting, htmx_headers):
    url = reverse("committee:agenda-item-create", args=[meeting.pk])
    response = secretariat_client.post(
        url, {"title": "新しい議題", "is_published": "on"}, **htmx_headers
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "新しい議題" in html and "<html" not in html
    assert response["HX-Retarget"] == "#agenda-list"
    # The confirmation is announced in the fragment, not left behind for the next page.
    assert '<p class="visually-hidden" role="status">議題を追加しました。</p>' in html
    page = secretariat_client.get(reverse("committee:meeting-detail", args=[meeting.pk]))
    assert "議題を追加しました。" not in page.content.decode()


@pytest.mark.parametrize("hx", [False, True])
def test_empty_title_is_refused_next_to_the_field(secretariat_client, meeting, htmx_headers, hx):
    url = reverse("committee:agenda-item-create", args=[meeting.pk])
    response = secretariat_client.post(url, {"title": "  "}, **(htmx_headers if hx else {}))
    # An honest 422 either way: base.html's htmx config swaps refusals in place.
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="new-item-title_error"' in html
    assert ("<html" in html) is (not hx)
    assert not AgendaItem.objects.exists()
    assert not ChangeLog.objects.exists()


def test_edit_item_inline_and_full_page(secretariat_client, meeting, htmx_headers):
    item = factories.AgendaItemFactory(meeting=meeting, position=1, title="旧")
    url = reverse("committee:agenda-item-edit", args=[item.pk])
    fragment = secretariat_client.get(url, **htmx_headers)
    assert fragment.status_code == 200
    assert f'id="item-{item.pk}"' in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    assert "<html" in secretariat_client.get(url).content.decode()
    response = secretariat_client.post(
        url, {"title": "新", "description": "説明", "version": item.version}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.description, item.is_published, item.version) == (
        "新",
        "説明",
        False,
        2,
    )


def test_delete_renumbers(secretariat_client, meeting, htmx_headers):
    first, second, third = _three(meeting)
    response = secretariat_client.post(
        reverse("committee:agenda-item-delete", args=[second.pk]), **htmx_headers
    )
    assert response.status_code == 200
    assert 'aria-labelledby="agenda-heading" data-autofocus' in response.content.decode()
    assert _items(meeting) == [(1, "一"), (2, "三")]
    assert ChangeLog.objects.filter(action="delete", object_id=second.pk).exists()
    assert ChangeLog.objects.filter(action="move", object_id=third.pk).exists()


def test_move_up_and_down(secretariat_client, meeting, htmx_headers):
    first, second, third = _three(meeting)
    move = lambda item, d, **h: secretariat_client.post(  # noqa: E731
        reverse("committee:agenda-item-move", args=[item.pk, d]), **h
    )
    assert move(third, "up").status_code == 302
    assert _items(meeting) == [(1, "一"), (2, "三"), (3, "二")]
    response = move(first, "down", **htmx_headers)
    assert response.status_code == 200
    # Focus stays on the moved item's button after the swap.
    assert (
        f'id="move-down-{first.pk}" class="button button-small button-secondary"  data-autofocus'
        in (response.content.decode())
    )
    assert _items(meeting) == [(1, "三"), (2, "一"), (3, "二")]
    # Moving past either end changes nothing.
    move(second, "down")
    third.refresh_from_db()
    move(third, "up")
    assert _items(meeting) == [(1, "三"), (2, "一"), (3, "二")]
    assert move(first, "sideways").status_code == 404


def test_move_logs_every_changed_position(secretariat_user, meeting):
    first, second, _ = _three(meeting)
    services.agenda_item_move(item=second, direction="up", by=secretariat_user)
    logs = ChangeLog.objects.filter(action="move")
    assert {(log.object_id, log.before["position"], log.after["position"]) for log in logs} == {
        (second.pk, 2, 1),
        (first.pk, 1, 2),
    }
    assert all(log.actor == secretariat_user for log in logs)


def test_hearing_add_and_remove(secretariat_client, meeting, htmx_headers):
    item = factories.AgendaItemFactory(meeting=meeting, position=1)
    url = reverse("committee:hearing-create", args=[item.pk])
    response = secretariat_client.post(
        url, {"speaker": "JSPS", "affiliation": "日本学術振興会", "topic": "海外特別研究員"}
    )
    assert response.status_code == 302
    hearing = Hearing.objects.get(agenda_item=item)
    refused = secretariat_client.post(url, {"speaker": ""}, **htmx_headers)
    assert refused.status_code == 422 and 'id="id_speaker_error"' in refused.content.decode()
    assert Hearing.objects.count() == 1
    secretariat_client.post(reverse("committee:hearing-delete", args=[hearing.pk]), **htmx_headers)
    assert not Hearing.objects.exists()
    assert list(
        ChangeLog.objects.filter(model_name="hearing").values_list("action", flat=True)
    ) == ["delete", "create"]


# --- Who may write ---------------------------------------------------------------------


def _write_requests(meeting, item, hearing):
    return [
        ("post", reverse("committee:agenda-item-create", args=[meeting.pk]), {"title": "X"}),
        ("get", reverse("committee:agenda-item-edit", args=[item.pk]), None),
        (
            "post",
            reverse("committee:agenda-item-edit", args=[item.pk]),
            {"title": "X", "version": 1},
        ),
        ("post", reverse("committee:agenda-item-delete", args=[item.pk]), {}),
        ("post", reverse("committee:agenda-item-move", args=[item.pk, "down"]), {}),
        ("post", reverse("committee:hearing-create", args=[item.pk]), {"speaker": "X"}),
        ("post", reverse("committee:hearing-delete", args=[hearing.pk]), {}),
        ("get", reverse("committee:meeting-edit", args=[meeting.pk]), None),
        ("post", reverse("committee:meeting-edit", args=[meeting.pk]), {"title": "X"}),
        ("get", reverse("committee:meeting-create"), None),
        ("post", reverse("committee:meeting-create"), {"title": "X", "number": 99}),
        ("get", reverse("committee:minutes-edit", args=[meeting.pk]), None),
        ("post", reverse("committee:minutes-edit", args=[meeting.pk]), {"body": "X"}),
        ("get", reverse("committee:material-create", args=[meeting.pk]), None),
    ]


@pytest.mark.parametrize("who", ["anonymous", "observer", "member"])
@pytest.mark.parametrize("hx", [False, True])
def test_only_secretariat_writes(who, hx, request, meeting, htmx_headers):
    c = {
        "anonymous": Client(),
        "observer": request.getfixturevalue("observer_client"),
        "member": request.getfixturevalue("member_client"),
    }[who]
    item = factories.AgendaItemFactory(meeting=meeting, position=1, title="元の議題")
    factories.AgendaItemFactory(meeting=meeting, position=2, title="二番目")
    hearing = factories.HearingFactory(agenda_item=item)
    headers = htmx_headers if hx else {}
    for method, url, data in _write_requests(meeting, item, hearing):
        response = (
            getattr(c, method)(url, data, **headers) if data is not None else c.get(url, **headers)
        )
        if who == "anonymous":
            assert response.status_code in (302, 401), url  # to the login page
            assert "/accounts/login/" in response.get(
                "Location", response.get("HX-Redirect", "")
            ), url
        else:
            assert response.status_code in (403, 404), (url, response.status_code)
    assert _items(meeting) == [(1, "元の議題"), (2, "二番目")]
    assert Hearing.objects.count() == 1
    assert not ChangeLog.objects.exists()


def test_admin_writes_too(admin_client_role, meeting):
    url = reverse("committee:agenda-item-create", args=[meeting.pk])
    assert admin_client_role.post(url, {"title": "管理者の議題"}).status_code == 302


def test_secretariat_edit_links_hidden_from_members(member_client, secretariat_client, meeting):
    factories.AgendaItemFactory(meeting=meeting, position=1)
    url = reverse("committee:meeting-detail", args=[meeting.pk])
    assert "agenda-item-create" not in member_client.get(url).content.decode()
    assert reverse("committee:agenda-item-create", args=[meeting.pk]) in (
        secretariat_client.get(url).content.decode()
    )


# --- Concurrency -----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_moves_keep_positions_one_to_n(secretariat_user):
    meeting = factories.MeetingFactory(number=30)
    items = [factories.AgendaItemFactory(meeting=meeting, position=i) for i in range(1, 7)]
    barrier = threading.Barrier(4)
    errors = []

    def worker(plan):
        try:
            barrier.wait()
            for item, direction in plan:
                services.agenda_item_move(item=item, direction=direction, by=secretariat_user)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)
        finally:
            connection.close()

    plans = [
        [(items[0], "down"), (items[3], "up")] * 3,
        [(items[5], "up"), (items[1], "down")] * 3,
        [(items[2], "up"), (items[4], "down")] * 3,
        [(items[4], "up"), (items[2], "down")] * 3,
    ]
    threads = [threading.Thread(target=worker, args=(p,)) for p in plans]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    positions = sorted(
        AgendaItem.objects.filter(meeting=meeting).values_list("position", flat=True)
    )
    assert positions == [1, 2, 3, 4, 5, 6]


@pytest.mark.django_db(transaction=True)
def test_concurrent_adds_and_deletes_keep_positions_one_to_n(secretariat_user):
    meeting = factories.MeetingFactory(number=31)
    items = [factories.AgendaItemFactory(meeting=meeting, position=i) for i in range(1, 5)]
    barrier = threading.Barrier(3)
    errors = []

    def run(fn):
        try:
            barrier.wait()
            fn()
        except Exception as e:  # pragma: no cover
            errors.append(e)
        finally:
            connection.close()

    jobs = [
        lambda: [
            services.agenda_item_create(meeting=meeting, title=f"追加{i}", by=secretariat_user)
            for i in range(3)
        ],
        lambda: services.agenda_item_delete(item=items[1], by=secretariat_user),
        lambda: services.agenda_item_move(item=items[3], direction="up", by=secretariat_user),
    ]
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    positions = sorted(
        AgendaItem.objects.filter(meeting=meeting).values_list("position", flat=True)
    )
    assert positions == list(range(1, 7))


def test_hearing_edit_inline_and_stale(secretariat_client, meeting, htmx_headers):
    item = factories.AgendaItemFactory(meeting=meeting, position=1)
    hearing = factories.HearingFactory(agenda_item=item, speaker="有識者")
    url = reverse("committee:hearing-edit", args=[hearing.pk])
    fragment = secretariat_client.get(url, **htmx_headers).content.decode()
    assert f'id="hearing-{hearing.pk}"' in fragment and "<html" not in fragment
    assert "<html" in secretariat_client.get(url).content.decode()
    data = {"speaker": "JSPS", "affiliation": "日本学術振興会", "topic": "", "version": 1}
    response = secretariat_client.post(url, data, **htmx_headers)
    assert response.status_code == 200 and response["HX-Retarget"] == "#agenda-list"
    hearing.refresh_from_db()
    assert (hearing.speaker, hearing.affiliation, hearing.version) == ("JSPS", "日本学術振興会", 2)
    stale = secretariat_client.post(url, {**data, "speaker": "別の人"})
    assert stale.status_code == 409
    assert "JSPS" in stale.content.decode()
    hearing.refresh_from_db()
    assert hearing.speaker == "JSPS"
    log = ChangeLog.objects.get(model_name="hearing", action="update")
    assert (log.before["speaker"], log.after["speaker"]) == ("有識者", "JSPS")


@pytest.mark.parametrize("hx", [False, True])
def test_members_cannot_edit_hearings(member_client, observer_client, meeting, hx, htmx_headers):
    hearing = factories.HearingFactory(
        agenda_item=factories.AgendaItemFactory(meeting=meeting, position=1), speaker="有識者"
    )
    url = reverse("committee:hearing-edit", args=[hearing.pk])
    headers = htmx_headers if hx else {}
    for c in (member_client, observer_client):
        assert c.get(url, **headers).status_code == 403
        assert c.post(url, {"speaker": "X", "version": 1}, **headers).status_code == 403
    hearing.refresh_from_db()
    assert hearing.speaker == "有識者"
