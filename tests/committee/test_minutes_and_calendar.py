"""Minutes (draft → published) and the .ics calendar download."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from committee.models import ChangeLog, Meeting, Minutes
from tests import factories

pytestmark = pytest.mark.django_db


def test_minutes_draft_then_published(secretariat_client, client):
    meeting = factories.MeetingFactory(number=5, status=Meeting.Status.HELD)
    url = reverse("committee:minutes-edit", args=[meeting.pk])
    body = "【主査】それでは開会します。\n\n【A委員】海外派遣の裾野拡大が重要です。"
    assert secretariat_client.post(url, {"body": body, "version": 0}).status_code == 302
    page = reverse("committee:meeting-detail", args=[meeting.pk])
    assert "開会します" not in client.get(page).content.decode()
    minutes = Minutes.objects.get()
    data = {"body": body, "is_published": "on", "version": minutes.version}
    assert secretariat_client.post(url, data).status_code == 302
    html = client.get(page).content.decode()
    assert '<strong class="speaker">【A委員】</strong>海外派遣の裾野拡大が重要です。' in html
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_PUBLISHED
    assert Minutes.objects.get().published_at is not None
    assert ChangeLog.objects.filter(model_name="minutes").count() == 2


def test_minutes_stale_save_is_refused(secretariat_client):
    meeting = factories.MeetingFactory(number=5)
    url = reverse("committee:minutes-edit", args=[meeting.pk])
    assert secretariat_client.post(url, {"body": "一人目", "version": 0}).status_code == 302
    response = secretariat_client.post(url, {"body": "二人目", "version": 0})
    assert response.status_code == 409
    assert Minutes.objects.get().body == "一人目"


@pytest.mark.parametrize("hx", [False, True])
def test_members_cannot_edit_minutes(member_client, observer_client, hx, htmx_headers):
    meeting = factories.MeetingFactory(number=5)
    url = reverse("committee:minutes-edit", args=[meeting.pk])
    for c in (member_client, observer_client):
        headers = htmx_headers if hx else {}
        assert c.post(url, {"body": "x", "is_published": "on"}, **headers).status_code == 403
    assert not Minutes.objects.exists()


def _calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    return Calendar.from_ical(response.content).walk("VEVENT")[0]


def test_dated_meeting_is_a_timed_event():
    jst = ZoneInfo("Asia/Tokyo")
    meeting = factories.MeetingFactory(
        number=5,
        title="第5回国際戦略委員会",
        starts_at=dt.datetime(2026, 3, 30, 10, tzinfo=jst),
        ends_at=dt.datetime(2026, 3, 30, 12, tzinfo=jst),
        period_start=None,
        period_end=None,
        place="文部科学省",
    )
    event = _calendar(Client().get(reverse("committee:meeting-ics", args=[meeting.pk])))
    assert event["SUMMARY"] == "第5回国際戦略委員会"
    assert event.decoded("DTSTART") == dt.datetime(2026, 3, 30, 10, tzinfo=jst)
    assert event.decoded("DTEND") == dt.datetime(2026, 3, 30, 12, tzinfo=jst)
    assert event["LOCATION"] == "文部科学省"


def test_tentative_meeting_is_an_all_day_span():
    meeting = factories.MeetingFactory(number=6, title="第6回国際戦略委員会")
    event = _calendar(Client().get(reverse("committee:meeting-ics", args=[meeting.pk])))
    assert event.decoded("DTSTART") == dt.date(2026, 4, 1)
    assert event.decoded("DTEND") == dt.date(2026, 6, 1)  # exclusive: through 31 May
    assert "4月～5月頃" in event["SUMMARY"] and "第6回国際戦略委員会" in event["SUMMARY"]
    assert event["STATUS"] == "TENTATIVE"
    assert "未定" in str(event["DESCRIPTION"])


@pytest.mark.parametrize("hx", [False, True])
def test_calendar_of_draft_meeting_is_404(client, member_client, hx, htmx_headers):
    meeting = factories.MeetingFactory(number=7, is_published=False)
    url = reverse("committee:meeting-ics", args=[meeting.pk])
    for c in (client, member_client):
        assert c.get(url, **(htmx_headers if hx else {})).status_code == 404
