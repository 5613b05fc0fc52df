"""Creating and editing meetings: validation next to fields, optimistic locking, history."""

import datetime as dt

import pytest
from django.urls import reverse

from committee.models import AgendaItem, ChangeLog, Meeting
from tests import factories

pytestmark = pytest.mark.django_db

CREATE = "committee:meeting-create"


def _data(**overrides):
    data = {
        "number": 9,
        "title": "第9回国際戦略委員会",
        "starts_at": "",
        "ends_at": "",
        "period_start": "2026-09-01",
        "period_end": "2026-10-31",
        "place": "文部科学省",
        "status": "planned",
        "internal_note": "",
    }
    data.update(overrides)
    return data


def test_create_form_suggests_the_next_number(secretariat_client):
    factories.MeetingFactory(number=8)
    html = secretariat_client.get(reverse(CREATE)).content.decode()
    assert 'value="9"' in html


def test_create_tentative_meeting(secretariat_client, secretariat_user):
    response = secretariat_client.post(reverse(CREATE), _data())
    assert response.status_code == 302
    meeting = Meeting.objects.get(number=9)
    assert meeting.period_start == dt.date(2026, 9, 1) and meeting.starts_at is None
    assert not meeting.is_published
    log = ChangeLog.objects.get(model_name="meeting")
    assert (log.action, log.actor, log.after["title"]) == (
        "create",
        secretariat_user,
        meeting.title,
    )


def test_create_dated_meeting(secretariat_client):
    data = _data(
        starts_at="2026-09-14T10:00", ends_at="2026-09-14T12:00", period_start="", period_end=""
    )
    assert secretariat_client.post(reverse(CREATE), data).status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.starts_at.isoformat() == "2026-09-14T01:00:00+00:00"  # 10:00 JST


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"title": "  "}, "title"),
        ({"period_start": "2026-10-01", "period_end": "2026-09-01"}, "period_end"),
        (
            {
                "starts_at": "2026-09-14T12:00",
                "ends_at": "2026-09-14T10:00",
                "period_start": "",
                "period_end": "",
            },
            "ends_at",
        ),
        ({"period_start": "", "period_end": ""}, "starts_at"),
        ({"period_end": ""}, "period_end"),
        ({"number": ""}, "number"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(secretariat_client, overrides, field):
    response = secretariat_client.post(reverse(CREATE), _data(**overrides))
    assert response.status_code == 422
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert not Meeting.objects.exists() and not ChangeLog.objects.exists()
    # What was typed is kept.
    if overrides.get("period_start"):
        assert f'value="{overrides["period_start"]}"' in html


def test_duplicate_number_is_refused(secretariat_client):
    factories.MeetingFactory(number=9)
    response = secretariat_client.post(reverse(CREATE), _data())
    assert 'id="id_number_error"' in response.content.decode()
    assert Meeting.objects.count() == 1


def test_edit_and_publish(secretariat_client):
    meeting = factories.MeetingFactory(number=9, is_published=False)
    url = reverse("committee:meeting-edit", args=[meeting.pk])
    assert (
        f'name="version" value="{meeting.version}"' in secretariat_client.get(url).content.decode()
    )
    data = _data(is_published="on", version=meeting.version, title="第9回（改）")
    assert secretariat_client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.is_published, meeting.version) == ("第9回（改）", True, 2)
    log = ChangeLog.objects.get(model_name="meeting", action="update")
    assert (log.before["is_published"], log.after["is_published"]) == (False, True)


def test_second_save_with_stale_version_is_refused(secretariat_client, other_member_user):
    meeting = factories.MeetingFactory(number=9, title="元のタイトル", place="会議室A")
    url = reverse("committee:meeting-edit", args=[meeting.pk])
    first = _data(version=1, title="一人目の変更", place="会議室B")
    second = _data(version=1, title="二人目の変更", place="会議室C")
    assert secretariat_client.post(url, first).status_code == 302
    response = secretariat_client.post(url, second)
    assert response.status_code == 409
    html = response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.title, meeting.place, meeting.version) == ("一人目の変更", "会議室B", 2)
    # The current values are shown, the typed ones are kept, and the form now carries version 2.
    assert "一人目の変更" in html and "会議室B" in html
    assert 'value="二人目の変更"' in html
    assert 'name="version" value="2"' in html
    assert ChangeLog.objects.filter(action="update").count() == 1
    # Saving again after seeing the current values is a deliberate overwrite.
    assert secretariat_client.post(url, {**second, "version": 2}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "二人目の変更"


def test_stale_agenda_item_edit_is_refused(secretariat_client, htmx_headers):
    item = factories.AgendaItemFactory(title="元", position=1)
    url = reverse("committee:agenda-item-edit", args=[item.pk])
    assert secretariat_client.post(url, {"title": "一人目", "version": 1}).status_code == 302
    response = secretariat_client.post(url, {"title": "二人目", "version": 1}, **htmx_headers)
    assert response.status_code == 409  # htmx swaps it in place (base.html responseHandling)
    html = response.content.decode()
    assert "一人目" in html and 'value="二人目"' in html and "<html" not in html
    assert AgendaItem.objects.get().title == "一人目"


def test_history_is_listed_for_the_secretariat(secretariat_client, member_client):
    meeting = factories.MeetingFactory(number=9)
    secretariat_client.post(
        reverse("committee:agenda-item-create", args=[meeting.pk]), {"title": "記録される議題"}
    )
    page = reverse("committee:meeting-detail", args=[meeting.pk])
    html = secretariat_client.get(page).content.decode()
    history = html[html.index('id="history-heading"') :]
    assert "記録される議題" in history and "事務局" in history
    assert 'id="history-heading"' not in member_client.get(page).content.decode()
