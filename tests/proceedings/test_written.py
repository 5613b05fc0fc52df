"""書面審議: only members vote, once (changeable), inside the period, not when recused; votes
private until the result; the result against quorum and majority; publication as a 資料."""

import datetime as dt
import io

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from docx import Document

from committee.models import Material
from core.errors import Refusal
from proceedings import rules
from proceedings.models import Deliberation, Recusal, Vote
from proceedings.services import written as services
from tests import factories
from tests.proceedings import factories as pf

pytestmark = pytest.mark.django_db


def _client(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def board():
    members = [factories.member(display_name=f"{x}委員") for x in "ABCD"]
    meeting = pf.meeting(number=6)
    pf.roster(meeting, members, chair=members[0])
    return meeting, members


def _vote(user, d, choice, text=""):
    return _client(user).post(
        f"/proceedings/written/{d.pk}/vote/", {"choice": choice, "text": text}
    )


def test_secretariat_drafts_and_opens_with_the_roster_and_chair(secretariat_client, board):
    meeting, members = board
    closes = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = secretariat_client.post(
        f"/proceedings/meetings/{meeting.pk}/written/new/",
        {"title": "中間まとめ案の修正", "body": "本文", "closes_at": closes},
    )
    assert response.status_code == 302
    d = Deliberation.objects.get()
    assert d.status == "draft"
    assert _vote(members[0], d, "for").status_code == 404  # a draft is not put to anyone
    secretariat_client.post(f"/proceedings/written/{d.pk}/open/")
    d.refresh_from_db()
    assert d.status == "open" and sorted(d.roster) == sorted(m.pk for m in members)
    assert d.chair == members[0]


def test_one_vote_per_member_changeable_until_the_deadline(board):
    meeting, members = board
    d = pf.deliberation(meeting, members=members)
    assert _vote(members[1], d, "for").status_code == 302
    assert _vote(members[1], d, "against").status_code == 302
    assert list(Vote.objects.values_list("member", "choice")) == [(members[1].pk, "against")]
    assert _vote(members[1], d, "opinion").status_code == 400  # 意見あり needs its text
    Deliberation.objects.filter(pk=d.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    assert _vote(members[1], d, "for").status_code == 409
    assert Vote.objects.get().choice == "against"


def test_only_members_of_the_roster_vote(board, secretariat_client):
    meeting, members = board
    d = pf.deliberation(meeting, members=members[:3])
    assert _vote(members[3], d, "for").status_code == 404  # not put to them: not even shown
    assert (
        secretariat_client.post(f"/proceedings/written/{d.pk}/vote/", {"choice": "for"}).status_code
        == 403
    )
    assert (
        _client(factories.observer())
        .post(f"/proceedings/written/{d.pk}/vote/", {"choice": "for"})
        .status_code
        == 403
    )
    assert not Vote.objects.exists()


def test_recused_members_do_not_vote_and_are_shown(board, secretariat_client):
    meeting, members = board
    d = pf.deliberation(meeting, members=members)
    _vote(members[3], d, "for")
    response = _client(members[3]).post(
        f"/proceedings/written/{d.pk}/recuse/", {"reason": "申請者の所属機関に在籍"}
    )
    assert response.status_code == 302
    assert not Vote.objects.filter(member=members[3]).exists()  # their vote is withdrawn
    assert _vote(members[3], d, "for").status_code == 403
    page = _client(members[1]).get(f"/proceedings/written/{d.pk}/").content.decode()
    assert "D委員: 利害関係により不参加" in page
    # A conflict on the agenda item of the proposal recuses as well.
    item = factories.AgendaItemFactory(meeting=meeting, position=1)
    d2 = pf.deliberation(meeting, members=members, agenda_item=item)
    _client(members[2]).post(f"/proceedings/items/{item.pk}/recuse/", {"reason": ""})
    assert Recusal.objects.filter(agenda_item=item, member=members[2]).exists()
    assert _vote(members[2], d2, "for").status_code == 403


def test_votes_are_private_until_the_result_then_counts_are_published(board, secretariat_client):
    meeting, members = board
    d = pf.deliberation(meeting, members=members, chair=members[0])
    _vote(members[0], d, "for")
    _vote(members[1], d, "for")
    _vote(members[2], d, "opinion", "表現を修正すべき")
    _client(members[3]).post(f"/proceedings/written/{d.pk}/recuse/", {"reason": "利害"})
    other = _client(members[1]).get(f"/proceedings/written/{d.pk}/").content.decode()
    assert "表現を修正すべき" not in other and "count-for" not in other
    staff = secretariat_client.get(f"/proceedings/written/{d.pk}/").content.decode()
    assert "表現を修正すべき" in staff
    # Every eligible member voted: the result may be recorded before the deadline.
    assert secretariat_client.post(f"/proceedings/written/{d.pk}/decide/").status_code == 302
    d.refresh_from_db()
    assert d.outcome == "adopted"
    assert d.tally["counts"] == {"for": 2, "against": 0, "opinion": 1}
    assert d.tally["eligible"] == 3 and d.tally["recused"] == 1
    response = secretariat_client.post(
        f"/proceedings/written/{d.pk}/publish/", {"number": "資料5", "title": "議決記録"}
    )
    assert response.status_code == 302
    d.refresh_from_db()
    material = Material.objects.get(meeting=meeting, number="資料5")
    assert d.status == "published" and d.material == material and material.is_published
    public = Client().get(f"/proceedings/written/{d.pk}/").content.decode()
    assert 'id="count-for">2<' in public and "可決" in public
    assert "A委員: 賛成" not in public  # names only when the rules say so
    response = Client().get(f"/proceedings/written/{d.pk}/result.docx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == f'attachment; filename="giketsu-{d.pk}.docx"'
    doc = Document(io.BytesIO(response.content))
    texts = [p.text for p in doc.paragraphs]
    assert "賛成: 2" in texts and "結果: 可決" in texts
    assert not any("A委員" in t for t in texts)


@override_settings(PROCEEDINGS_RULES={"PUBLISH_VOTE_NAMES": True})
def test_names_are_published_when_the_rules_say_so(board, secretariat_client):
    meeting, members = board
    d = pf.deliberation(meeting, members=members[:2])
    _vote(members[0], d, "for")
    _vote(members[1], d, "against")
    secretariat_client.post(f"/proceedings/written/{d.pk}/decide/")
    page = secretariat_client.get(f"/proceedings/written/{d.pk}/").content.decode()
    assert "A委員: 賛成" in page and "B委員: 反対" in page


def test_the_result_rules(board):
    meeting, members = board
    chair = members[0]
    d = pf.deliberation(meeting, members=members, chair=chair)
    Vote.objects.create(deliberation=d, member=members[0], choice="for")
    Vote.objects.create(deliberation=d, member=members[1], choice="against")
    # 2 of 4 voted: no quorum (more than half needed).
    assert services.tally(d)["outcome"] == "no_quorum"
    Vote.objects.create(deliberation=d, member=members[2], choice="against")
    Vote.objects.create(deliberation=d, member=members[3], choice="for")
    # 2 for, 2 against: exactly half; the chair voted for, so it is adopted ...
    assert services.tally(d)["outcome"] == "adopted"
    with override_settings(PROCEEDINGS_RULES={"CHAIR_DECIDES_TIE": False}):
        assert services.tally(d)["outcome"] == "rejected"
    Vote.objects.filter(member=chair).update(choice="against")
    assert services.tally(d)["outcome"] == "rejected"
    assert not rules.majority_outcome(yes=0, cast=0, chair_vote=None)


def test_result_waits_for_the_deadline(board, secretariat_client):
    meeting, members = board
    d = pf.deliberation(meeting, members=members)
    _vote(members[0], d, "for")
    assert secretariat_client.post(f"/proceedings/written/{d.pk}/decide/").status_code == 409
    assert Deliberation.objects.get(pk=d.pk).status == "open"


def test_a_taken_material_number_is_refused_and_nothing_published(board, secretariat_client):
    from tests.committee.factories import MaterialFactory

    meeting, members = board
    MaterialFactory(meeting=meeting, number="資料5")
    d = pf.deliberation(meeting, members=members[:1])
    _vote(members[0], d, "for")
    secretariat_client.post(f"/proceedings/written/{d.pk}/decide/")
    response = secretariat_client.post(
        f"/proceedings/written/{d.pk}/publish/", {"number": "資料5", "title": "議決記録"}
    )
    assert response.status_code == 422
    assert "資料番号と題名を確認してください。" in response.content.decode()
    assert Deliberation.objects.get(pk=d.pk).status == "decided"
    # The service refuses a taken number too (a race past the form's check).
    from proceedings.exports import resolution_docx

    d.refresh_from_db()
    with pytest.raises(Refusal):
        services.result_publish(
            deliberation=d,
            number="資料5",
            title="議決記録",
            document=resolution_docx(d, names=None),
            filename="giketsu.docx",
            by=None,
        )
    assert Deliberation.objects.get(pk=d.pk).status == "decided"


def test_meeting_page_lists_what_each_reader_may_see(board, client):
    meeting, members = board
    pf.deliberation(meeting, members=members[:1], title="付議中の案")
    pf.deliberation(meeting, members=members, status="draft", title="下書きの案")
    pf.deliberation(meeting, members=members, status="published", title="公開済みの案")
    member_page = _client(members[0]).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "付議中の案" in member_page and "公開済みの案" in member_page
    assert "下書きの案" not in member_page
    other_page = _client(members[1]).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "付議中の案" not in other_page and "公開済みの案" in other_page
    public = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "公開済みの案" in public and "付議中の案" not in public
