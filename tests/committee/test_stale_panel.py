"""A stale save (someone saved while you edited): the stored values in local time with labels,
what differs marked, and nothing the other person changed silently reset by saving again.
The history shows only the fields that changed, with labels and local times."""

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from committee import services
from committee.models import AgendaItem, Meeting
from tests import factories

pytestmark = pytest.mark.django_db

JST = dt.timezone(dt.timedelta(hours=9))


class _Inputs(HTMLParser):
    """The values a browser would submit from the page's forms (last form wins per name)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and a.get("name") and a.get("name") != "csrfmiddlewaretoken":
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.data[a["name"]] = "on"
            elif a.get("type") != "submit":
                self.data[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data[self._textarea] = ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.lstrip("\n")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def _form_data(html: str) -> dict:
    form = html[html.index('<form method="post" action="" class="meeting-form"') :]
    parser = _Inputs()
    parser.feed(form[: form.index("</form>")])
    return parser.data


@pytest.fixture
def meeting():
    return factories.MeetingFactory(
        number=9,
        title="第9回国際戦略委員会",
        starts_at=dt.datetime(2026, 3, 30, 10, 0, tzinfo=JST),
        period_start=None,
        period_end=None,
        status=Meeting.Status.SCHEDULED,
        is_published=False,
    )


def test_a_stale_save_never_unpublishes_what_the_other_person_published(
    secretariat_client, secretariat_user, meeting
):
    url = reverse("committee:meeting-edit", args=[meeting.pk])
    mine = _form_data(secretariat_client.get(url).content.decode())
    assert "is_published" not in mine  # loaded unpublished
    # Meanwhile a colleague publishes the meeting.
    colleague = Client()
    colleague.force_login(factories.secretariat(username="colleague"))
    theirs = {**_form_data(colleague.get(url).content.decode()), "is_published": "on"}
    assert colleague.post(url, theirs).status_code == 302

    response = secretariat_client.post(url, {**mine, "title": "第9回（会場変更）"})
    assert response.status_code == 409
    html = response.content.decode()
    panel = html[html.index('class="panel stale-values"') : html.index("</dl>")]
    # Labels, not field names; the choice's label, not its code; JST, not UTC.
    assert "公開" in panel and "is_published" not in panel
    assert "日程確定" in panel and "scheduled" not in panel
    assert "10:00" in panel and "01:00" not in panel
    # The title the editor typed differs from the stored one; publication was taken over.
    assert panel.count("stale-differs") == 1
    assert "入力欄に反映しました" in panel
    again = _form_data(html)
    assert again["title"] == "第9回（会場変更）" and again["is_published"] == "on"

    assert secretariat_client.post(url, again).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.is_published) == ("第9回（会場変更）", True)


def test_a_field_both_changed_keeps_the_editors_value_and_is_marked(secretariat_client, meeting):
    url = reverse("committee:meeting-edit", args=[meeting.pk])
    mine = _form_data(secretariat_client.get(url).content.decode())
    services.meeting_update(meeting=meeting, version=1, by=None, place="会議室B")
    response = secretariat_client.post(url, {**mine, "place": "会議室C"})
    assert response.status_code == 409
    html = response.content.decode()
    panel = html[html.index('class="panel stale-values"') : html.index("</dl>")]
    assert "会議室B" in panel and panel.count("stale-differs") == 1
    assert _form_data(html)["place"] == "会議室C"


def test_history_lists_changed_fields_with_labels_and_local_times(secretariat_client, meeting):
    services.meeting_update(
        meeting=meeting,
        version=1,
        by=None,
        starts_at=dt.datetime(2026, 3, 30, 14, 0, tzinfo=JST),
        status=Meeting.Status.HELD,
    )
    first = factories.AgendaItemFactory(meeting=meeting, position=1, title="議題A")
    factories.AgendaItemFactory(meeting=meeting, position=2, title="議題B")
    services.agenda_item_move(item=first, direction="down", by=None)
    html = secretariat_client.get(reverse("committee:meeting-detail", args=[meeting.pk]))
    history = html.content.decode()
    history = history[history.index('id="history-heading"') :]
    assert "開始日時: 2026年3月30日10:00 → 2026年3月30日14:00" in history
    assert "状況: 日程確定 → 開催済み" in history
    assert "T05:00:00" not in history and "held" not in history
    # A move lists the position only, not every field of the item.
    moves = [row for row in history.split("<tr>") if "議題A" in row and "順番" in row]
    assert moves and all("タイトル" not in row for row in moves)
    assert AgendaItem.objects.get(pk=first.pk).position == 2
    assert timezone.get_current_timezone_name() == "Asia/Tokyo"
