"""Meeting list and meeting page: what each role sees, and a constant number of queries."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from committee.models import Meeting, Minutes
from tests import factories
from tests.committee.factories import MaterialFactory, MaterialVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return factories.MeetingFactory(number=9, title="第9回国際戦略委員会", internal_note="内部メモ")


@pytest.fixture
def draft_meeting():
    return factories.MeetingFactory(number=10, title="第10回（下書き）", is_published=False)


def _detail(client, meeting, **headers):
    return client.get(reverse("committee:meeting-detail", args=[meeting.pk]), **headers)


def test_list_splits_upcoming_and_past(client):
    factories.MeetingFactory(number=5, title="第5回", status=Meeting.Status.HELD)
    factories.MeetingFactory(number=6, title="第6回")
    response = client.get(reverse("committee:meeting-list"))
    html = response.content.decode()
    upcoming, past = html.split('id="past-heading"')
    assert "第6回" in upcoming and "第5回" not in upcoming
    assert "第5回" in past
    assert "4月～5月頃" in html


def test_list_hides_drafts_except_for_secretariat(
    client, member_client, observer_client, secretariat_client, meeting, draft_meeting
):
    url = reverse("committee:meeting-list")
    for c in (client, member_client, observer_client):
        html = c.get(url).content.decode()
        assert meeting.title in html and draft_meeting.title not in html
    assert draft_meeting.title in secretariat_client.get(url).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "observer", "member"])
@pytest.mark.parametrize("hx", [False, True])
def test_draft_meeting_is_404_for_non_staff(who, hx, request, draft_meeting, htmx_headers):
    c = {
        "anonymous": Client(),
        "observer": request.getfixturevalue("observer_client"),
        "member": request.getfixturevalue("member_client"),
    }[who]
    headers = htmx_headers if hx else {}
    assert _detail(c, draft_meeting, **headers).status_code == 404
    missing = reverse("committee:meeting-detail", args=[draft_meeting.pk + 999])
    assert c.get(missing, **headers).status_code == 404


def test_secretariat_sees_draft_meeting(secretariat_client, draft_meeting, htmx_headers):
    assert _detail(secretariat_client, draft_meeting).status_code == 200
    assert _detail(secretariat_client, draft_meeting, **htmx_headers).status_code == 200


def test_page_shows_agenda_hearings_materials_questions(client, meeting):
    second = factories.AgendaItemFactory(meeting=meeting, position=2, title="第二の議題")
    first = factories.AgendaItemFactory(meeting=meeting, position=1, title="第一の議題")
    factories.AgendaItemFactory(
        meeting=meeting, position=3, title="非公開の議題", is_published=False
    )
    factories.HearingFactory(agenda_item=first, speaker="日本学術振興会", topic="海外特別研究員")
    MaterialVersionFactory(material=MaterialFactory(meeting=meeting, number="資料2-1", title="B"))
    MaterialVersionFactory(material=MaterialFactory(meeting=meeting, number="参考資料1", title="C"))
    MaterialVersionFactory(material=MaterialFactory(meeting=meeting, number="資料1", title="A"))
    MaterialVersionFactory(
        material=MaterialFactory(
            meeting=meeting, number="資料3", title="未公開", is_published=False
        )
    )
    closes = timezone.now() + dt.timedelta(days=10)
    question = factories.QuestionFactory(
        agenda_item=second, title="裾野拡大の論点", closes_at=closes
    )
    factories.QuestionFactory(agenda_item=second, title="非公開の論点", is_published=False)

    html = _detail(client, meeting).content.decode()
    assert html.index("第一の議題") < html.index("第二の議題")
    assert "非公開の議題" not in html
    assert "日本学術振興会" in html and "海外特別研究員" in html
    assert html.index("資料1") < html.index("資料2-1") < html.index("参考資料1")
    assert "未公開" not in html
    assert question.title in html and "非公開の論点" not in html
    assert timezone.localtime(closes).strftime("%Y年%-m月%-d日") in html
    assert "内部メモ" not in html
    assert 'id="history-heading"' not in html


def test_internal_note_only_for_secretariat(member_client, secretariat_client, meeting):
    assert "内部メモ" not in _detail(member_client, meeting).content.decode()
    assert "内部メモ" in _detail(secretariat_client, meeting).content.decode()


def test_minutes_only_once_published(client, member_client, secretariat_client, meeting):
    minutes = Minutes.objects.create(
        meeting=meeting, body="【主査】開会します。\n\n【A委員】<b>賛成</b>です。"
    )
    for c in (client, member_client):
        assert "開会します" not in _detail(c, meeting).content.decode()
    assert "開会します" in _detail(secretariat_client, meeting).content.decode()
    minutes.is_published = True
    minutes.save()
    html = _detail(client, meeting).content.decode()
    assert '<strong class="speaker">【主査】</strong>開会します。' in html
    assert "&lt;b&gt;賛成&lt;/b&gt;" in html and "<b>賛成" not in html


def test_item_partial_for_htmx_is_a_fragment(client, meeting, htmx_headers):
    factories.AgendaItemFactory(meeting=meeting, position=1, title="第一の議題")
    html = _detail(client, meeting, **htmx_headers).content.decode()
    assert "第一の議題" in html and "<html" not in html


def test_home_shows_only_published_items(client):
    meeting = factories.MeetingFactory(number=6, title="第6回国際戦略委員会")
    factories.AgendaItemFactory(meeting=meeting, position=1, title="公開議題")
    factories.AgendaItemFactory(meeting=meeting, position=2, title="下書き議題", is_published=False)
    html = client.get(reverse("home")).content.decode()
    assert "次回の会議" in html and "公開議題" in html and "下書き議題" not in html


def _fill(meeting, n):
    for position in range(1, n + 1):
        item = factories.AgendaItemFactory(meeting=meeting, position=position)
        factories.HearingFactory(agenda_item=item)
        factories.QuestionFactory(agenda_item=item)
        MaterialVersionFactory(material=MaterialFactory(meeting=meeting, number=f"資料{position}"))
    Minutes.objects.create(meeting=meeting, body="【主査】開会", is_published=True)


@pytest.mark.parametrize("n", [5, 50])
def test_meeting_page_queries_are_constant(
    n, secretariat_client, client, django_assert_max_num_queries
):
    meeting = factories.MeetingFactory(number=20)
    _fill(meeting, n)
    with django_assert_max_num_queries(12):
        assert _detail(secretariat_client, meeting).status_code == 200
    with django_assert_max_num_queries(8):
        assert _detail(client, meeting).status_code == 200


def test_meeting_list_queries_are_constant(client, django_assert_max_num_queries):
    for number in range(30):
        factories.MeetingFactory(number=number + 1)
    with django_assert_max_num_queries(3):
        client.get(reverse("committee:meeting-list"))


def test_seeding_again_keeps_the_secretariats_edits(settings, secretariat_user):
    from django.core.management import call_command

    from committee import services

    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    meeting = Meeting.objects.get(number=6)
    second = meeting.agenda_items.get(position=2)
    services.agenda_item_move(item=second, direction="up", by=secretariat_user)
    call_command("seed_demo", verbosity=0)
    assert list(meeting.agenda_items.order_by("position").values_list("title", flat=True)) == [
        "アカデミアにおける制度・システムの改善に関する方策について",
        "海外派遣の裾野拡大に関する方策について",
    ]
    assert meeting.agenda_items.get(position=2).hearings.count() == 1
