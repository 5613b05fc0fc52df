"""The objects the authorisation matrix runs against: one of each kind per scope (own, someone
else's, unpublished, nonexistent), built once per test module inside a transaction that is
rolled back afterwards (each case then runs in its own savepoint, see matrix.run_case).

Draft and members-only texts carry ASCII markers (ZQ...) so a case can check that a page
answered 200 without showing them to someone who may not see them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from types import SimpleNamespace

from django.test import Client
from django.utils import timezone

from tests import factories

MISSING = 987654321  # a pk no row has
MISSING_SLUG = "zq-no-such-scheme"

# Texts of unpublished things: only the secretariat and admins may ever see them.
DRAFT = {
    "meeting": "未公開草案 ZQDRAFTMEETING",
    "item": "未公開草案 ZQDRAFTITEM",
    "item_of_draft_meeting": "未公開草案 ZQITEMOFDRAFTMEETING",
    "hearing": "未公開草案 ZQDRAFTHEARING",
    "material": "未公開草案 ZQDRAFTMATERIAL",
    "minutes": "未公開草案 ZQDRAFTMINUTES",
    "question": "未公開草案 ZQDRAFTQUESTION",
    "internal_note": "未公開草案 ZQINTERNALNOTE",
}
# Members-only comment texts: members and staff read them, anonymous visitors and observers not.
INTERNAL = {"comment": "未公開草案 ZQMEMBERSONLYCOMMENT"}
# A hidden comment: only the secretariat (who hid it) reads its body.
HIDDEN = {"comment": "未公開草案 ZQHIDDENCOMMENT", "deleted": "未公開草案 ZQDELETEDCOMMENT"}


# The matrix's roles, each one user (the row names of matrix.py), besides "anonymous".
WORLD_USERS = [
    ("observer", factories.observer, "zq_observer"),
    ("member", factories.member, "zq_member"),
    ("other_member", factories.member, "zq_other"),
    ("secretariat", factories.secretariat, "zq_secretariat"),
    ("admin", factories.admin, "zq_admin"),
]


def _meeting(number: int, *, published: bool, title: str, note: str = ""):
    return factories.MeetingFactory(
        number=number, title=title, is_published=published, internal_note=note
    )


def build_world():
    """Users, clients and objects for every scope. Call inside an open transaction."""
    from committee.models import Minutes
    from dispatch_stats.models import ImportLog
    from policies.models import Comment, Evidence
    from tests.committee.factories import MaterialFactory, MaterialVersionFactory
    from tests.dispatch_stats.factories import (
        ReferenceFigureFactory,
        SourceFactory,
        YearlyFigureFactory,
    )
    from tests.policies.factories import CommentFactory
    from tests.schemes.factories import AmountFactory, SchemeFactory

    w = SimpleNamespace()
    w.users = {"anonymous": None}
    for role, make, username in WORLD_USERS:
        w.users[role] = make(username=username)
    w.member = w.users["member"]
    w.other = w.users["other_member"]
    w.secretariat = w.users["secretariat"]
    w.clients = {}
    for role, user in w.users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        w.clients[role] = client

    # --- committee ---------------------------------------------------------------------
    w.meeting = _meeting(9101, published=True, title="第9101回 公開", note=DRAFT["internal_note"])
    w.draft_meeting = _meeting(9102, published=False, title=DRAFT["meeting"])
    # Upcoming, so that "next meeting" on the home page and the list would pick it if leaky.
    future = timezone.localdate() + dt.timedelta(days=30)
    type(w.draft_meeting).objects.filter(pk=w.draft_meeting.pk).update(
        period_start=future, period_end=future + dt.timedelta(days=30)
    )
    w.item = factories.AgendaItemFactory(meeting=w.meeting, position=1, title="公開議題")
    w.item2 = factories.AgendaItemFactory(meeting=w.meeting, position=2, title="公開議題2")
    w.draft_item = factories.AgendaItemFactory(
        meeting=w.meeting, position=3, title=DRAFT["item"], is_published=False
    )
    w.item_of_draft_meeting = factories.AgendaItemFactory(
        meeting=w.draft_meeting, position=1, title=DRAFT["item_of_draft_meeting"]
    )
    w.hearing = factories.HearingFactory(agenda_item=w.item, speaker="公開の有識者")
    w.draft_hearing = factories.HearingFactory(
        agenda_item=w.item, speaker=DRAFT["hearing"], is_published=False
    )
    w.hearing_of_draft_meeting = factories.HearingFactory(
        agenda_item=w.item_of_draft_meeting, speaker="有識者（未公開会議）"
    )
    w.material = MaterialFactory(meeting=w.meeting, number="資料1", title="公開資料")
    w.old_version = MaterialVersionFactory(material=w.material, original_name="旧版.pdf")
    w.version = MaterialVersionFactory(material=w.material, original_name="現行.pdf")
    w.draft_material = MaterialFactory(
        meeting=w.meeting, number="資料2", title=DRAFT["material"], is_published=False
    )
    MaterialVersionFactory(material=w.draft_material)
    w.material_of_draft_meeting = MaterialFactory(
        meeting=w.draft_meeting, number="資料1", title="資料（未公開会議）"
    )
    MaterialVersionFactory(material=w.material_of_draft_meeting)
    Minutes.objects.create(meeting=w.meeting, body="公開議事録", is_published=True)
    Minutes.objects.create(meeting=w.draft_meeting, body=DRAFT["minutes"], is_published=False)
    w.meeting_no_minutes = _meeting(9103, published=True, title="第9103回 公開")
    Minutes.objects.create(
        meeting=w.meeting_no_minutes, body=DRAFT["minutes"] + "2", is_published=False
    )

    # --- policies ----------------------------------------------------------------------
    now = timezone.now()
    w.perspective = factories.PerspectiveFactory(position=91)
    w.question = factories.QuestionFactory(
        perspective=w.perspective, position=1, agenda_item=w.item, title="公開論点"
    )
    w.draft_question = factories.QuestionFactory(
        perspective=w.perspective,
        position=2,
        agenda_item=w.item,
        title=DRAFT["question"],
        is_published=False,
    )
    w.closed_question = factories.QuestionFactory(
        perspective=w.perspective,
        position=3,
        agenda_item=w.item,
        title="締切済み論点",
        opens_at=now - dt.timedelta(days=10),
        closes_at=now - dt.timedelta(days=1),
    )
    w.future_question = factories.QuestionFactory(
        perspective=w.perspective,
        position=6,
        agenda_item=w.item,
        title="受付前の論点",
        opens_at=now + dt.timedelta(days=2),
        closes_at=now + dt.timedelta(days=9),
    )
    # A published question whose agenda item is still a draft: the item must not show.
    w.question_on_draft_item = factories.QuestionFactory(
        perspective=w.perspective, position=4, agenda_item=w.draft_item, title="論点（草案議題）"
    )
    w.question_on_draft_meeting = factories.QuestionFactory(
        perspective=w.perspective,
        position=5,
        agenda_item=w.item_of_draft_meeting,
        title="論点（未公開会議の議題）",
    )
    w.own_comment = CommentFactory(question=w.question, author=w.member, body="自分の意見")
    w.other_comment = CommentFactory(question=w.question, author=w.other, body="他の委員の意見")
    w.internal_comment = CommentFactory(
        question=w.question, author=w.other, body=INTERNAL["comment"]
    )
    w.public_comment = CommentFactory(
        question=w.question,
        author=w.other,
        body="公開された意見",
        visibility=Comment.Visibility.PUBLIC,
    )
    w.hidden_comment = CommentFactory(
        question=w.question,
        author=w.member,
        body=HIDDEN["comment"],
        is_hidden=True,
        hidden_reason="不適切",
        hidden_by=w.secretariat,
        hidden_at=now,
    )
    w.deleted_comment = CommentFactory(
        question=w.question, author=w.member, body=HIDDEN["deleted"], deleted_at=now
    )
    # Comments published for everyone: hidden and deleted ones still show to no reader.
    w.open_book_question = factories.QuestionFactory(
        perspective=w.perspective,
        position=7,
        agenda_item=w.item,
        title="意見公開済みの論点",
        comments_published=True,
    )
    CommentFactory(question=w.open_book_question, author=w.other, body="公開済みの意見")
    w.published_hidden_comment = CommentFactory(
        question=w.open_book_question,
        author=w.other,
        body=HIDDEN["comment"] + " 2",
        is_hidden=True,
        hidden_reason="不適切",
        hidden_by=w.secretariat,
        hidden_at=now,
    )
    CommentFactory(
        question=w.open_book_question,
        author=w.other,
        body=HIDDEN["deleted"] + " 2",
        deleted_at=now,
    )
    w.draft_comment = CommentFactory(
        question=w.draft_question, author=w.member, body="草案への自分の意見"
    )
    w.closed_own_comment = CommentFactory(
        question=w.closed_question, author=w.member, body="締切前の自分の意見"
    )
    # body_html is what the pages show; the factory leaves it empty.
    from policies.markdown import render_markdown

    for c in Comment.objects.filter(question__perspective=w.perspective):
        Comment.objects.filter(pk=c.pk).update(body_html=render_markdown(c.body))

    # --- schemes and statistics ----------------------------------------------------------
    w.scheme = SchemeFactory(slug="zq-scheme")
    AmountFactory(scheme=w.scheme)
    w.evidence = Evidence.objects.create(question=w.question, scheme=w.scheme)
    w.draft_evidence = Evidence.objects.create(question=w.draft_question, scheme=w.scheme)
    # Cited by a members-only and a hidden comment: the evidence page lists citing comments.
    Comment.objects.filter(pk__in=[w.internal_comment.pk, w.hidden_comment.pk]).update(
        cited_evidence=w.evidence
    )
    w.uncited_evidence = Evidence.objects.create(
        question=w.question, series_direction="outbound", series_term="mid_long"
    )
    source = SourceFactory(name="ZQ 国際研究交流の概況")
    for year in (2000, 2001, 2002):
        for term in ("short", "mid_long"):
            YearlyFigureFactory(fiscal_year=year, term=term, source=source)
    for i in range(3):
        ReferenceFigureFactory(country_or_pair=f"Japan -> C{i}", source=source)
    w.import_log = ImportLog.objects.create(
        kind="yearly", user=w.users["admin"], file_name="zq.csv", sha256="0" * 64
    )
    w.token = uuid.uuid4().hex
    return w
