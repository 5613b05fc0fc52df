"""Report services: outline writes, stable numbers, links, dispositions, copies, status."""

import pytest
from django.core.exceptions import ValidationError

from reports import services
from reports.models import Disposition, Edition, Paragraph, ReportChange
from reports.selectors import comments_without_disposition, edition_outline
from tests import factories
from tests.reports.factories import drafted, rendered_comment

pytestmark = pytest.mark.django_db


def test_paragraphs_are_numbered_and_rendered_through_the_comment_sanitiser():
    s = drafted()
    p = services.paragraph_create(
        section=s.chapter, body="**強調** <script>alert(1)</script>", by=s.secretariat
    )
    assert p.number == 3
    assert "<strong>強調</strong>" in p.body_html and "<script>" not in p.body_html
    labels = [p.label for v in edition_outline(s.edition) for p in v.paragraphs]
    assert labels == ["第1章 1", "第1章 2", "第1章 3"]


def test_stale_paragraph_edit_is_refused_and_writes_nothing():
    s = drafted()
    services.paragraph_update(paragraph=s.p1, version=1, body="版2", by=s.secretariat)
    with pytest.raises(services.StaleEdit) as stale:
        services.paragraph_update(paragraph=s.p1, version=1, body="古い版から", by=s.secretariat)
    assert stale.value.current.body == "版2"
    assert Paragraph.objects.get(pk=s.p1.pk).body == "版2"


def test_move_keeps_numbers_and_crosses_sections():
    s = drafted()
    second = services.section_create(edition=s.edition, title="第二章", by=s.secretariat)
    services.paragraph_move(paragraph=s.p1, direction="down", by=s.secretariat)
    assert [p.number for v in edition_outline(s.edition) for p in v.paragraphs] == [2, 1]
    moved = services.paragraph_move(paragraph=s.p1, direction="down", by=s.secretariat)
    assert moved.section_id == second.pk and moved.position == 1 and moved.number == 1
    assert Paragraph.objects.get(pk=s.p2.pk).position == 1
    assert ReportChange.objects.filter(action="move", model_name="paragraph").exists()
    services.section_move(section=second, direction="up", by=s.secretariat)
    views = edition_outline(s.edition)
    assert [v.section.title for v in views] == ["第二章", "はじめに"]


def test_linking_refuses_other_questions_hidden_and_deleted_comments():
    s = drafted()
    with pytest.raises(ValidationError, match="この段落が答える論点"):
        services.paragraph_link_comment(
            paragraph=s.p1, comment=s.c3, kind="reflected", by=s.secretariat
        )
    hidden = rendered_comment(question=s.q1, author=s.a, is_hidden=True)
    with pytest.raises(ValidationError, match="非表示または削除"):
        services.paragraph_link_comment(
            paragraph=s.p1, comment=hidden, kind="reflected", by=s.secretariat
        )
    observer = factories.observer()
    with pytest.raises(ValidationError, match="関連付けできません"):
        services.paragraph_link_comment(paragraph=s.p1, comment=s.c1, kind="reflected", by=observer)
    assert not s.p1.comment_links.exists()


def test_disposition_rules():
    s = drafted()
    with pytest.raises(ValidationError) as error:
        services.disposition_set(
            edition=s.edition, comment=s.c1, kind="not_reflected", by=s.secretariat
        )
    assert "reasoning" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.disposition_set(
            edition=s.edition, comment=s.c1, kind="answered", reasoning="x", by=s.secretariat
        )
    assert "kind" in error.value.error_dict
    answer = services.disposition_set(
        edition=s.edition,
        comment=s.c2,
        kind="answered",
        reasoning="次回資料で回答します。",
        by=s.secretariat,
    )
    assert answer.kind == "answered"
    link = services.paragraph_link_comment(
        paragraph=s.p1, comment=s.c1, kind="reflected", by=s.secretariat
    )
    assert link.paragraph_id == s.p1.pk and link.reasoning == ""


def test_share_needs_confirmation_while_comments_lack_a_disposition():
    s = drafted()
    assert {c.pk for c in comments_without_disposition(s.edition)} >= {s.c1.pk, s.c2.pk, s.c3.pk}
    with pytest.raises(services.NeedsConfirmation) as needs:
        services.edition_set_status(edition=s.edition, status="shared", version=1, by=s.secretariat)
    assert len(needs.value.missing) >= 3
    assert Edition.objects.get(pk=s.edition.pk).status == "draft"
    shared = services.edition_set_status(
        edition=s.edition, status="shared", version=1, confirm=True, by=s.secretariat
    )
    assert shared.status == "shared"


def test_publishing_with_a_source_comment_hidden_since_is_warned():
    s = drafted()
    services.paragraph_link_comment(
        paragraph=s.p1, comment=s.c1, kind="reflected", by=s.secretariat
    )
    type(s.c1).objects.filter(pk=s.c1.pk).update(is_hidden=True)
    with pytest.raises(services.NeedsConfirmation) as needs:
        services.edition_set_status(
            edition=s.edition, status="published", version=1, by=s.secretariat
        )
    assert [link.comment_id for link in needs.value.hidden] == [s.c1.pk]


def test_a_new_edition_copies_the_previous_one_and_dispositions_carry_forward():
    s = drafted()
    services.paragraph_link_comment(
        paragraph=s.p1, comment=s.c1, kind="reflected", by=s.secretariat
    )
    services.disposition_set(
        edition=s.edition, comment=s.c2, kind="answered", reasoning="回答", by=s.secretariat
    )
    meeting8 = factories.MeetingFactory(number=8)
    draft = services.edition_create(
        report=s.report, kind="draft", meeting=meeting8, by=s.secretariat
    )
    assert draft.previous_id == s.edition.pk
    copied = list(draft.paragraphs.order_by("number"))
    assert [(p.number, p.body) for p in copied] == [(1, "第一段落。"), (2, "第二段落。")]
    assert list(copied[0].questions.all()) == [s.q1]
    assert copied[0].comment_links.get().comment_id == s.c1.pk
    carried = Disposition.objects.get(edition=draft, comment=s.c1)
    assert carried.paragraph_id == copied[0].pk
    revised = services.disposition_set(
        edition=draft,
        comment=s.c1,
        kind="partial",
        reasoning="一部を反映",
        version=carried.version,
        by=s.secretariat,
    )
    assert revised.kind == "partial"
    assert Disposition.objects.get(edition=s.edition, comment=s.c1).kind == "reflected"
    new = services.paragraph_create(
        section=draft.sections.get(), body="新しい段落", by=s.secretariat
    )
    assert new.number == 3
