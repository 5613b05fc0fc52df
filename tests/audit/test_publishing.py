"""Every kind of publishing leaves a PUBLISH (or UNPUBLISH) entry naming who, when, which
object and the value before and after: meetings, minutes, materials, a question's comments,
report editions, proceedings records and questions; hiding a paragraph review is a moderation;
proceedings confirmations are recorded as changes."""

import pytest
from django.utils import timezone

from audit import actions
from audit.chain import verify
from audit.models import AuditEntry
from committee import services as committee_services
from policies.desk import selectors as desk_selectors
from policies.desk import services as desk_services
from proceedings.models import Record
from proceedings.services import confirm as confirm_services
from proceedings.services import records as record_services
from reports import services as report_services
from reports.models import Edition
from reports.review import services as review_services
from tests import factories
from tests.committee.factories import MaterialFactory
from tests.policies.factories import CommentFactory
from tests.proceedings import factories as proceedings_factories
from tests.reports.factories import drafted
from tests.review.helpers import under_review

pytestmark = pytest.mark.django_db


def _only(action: str, model: str) -> AuditEntry:
    """The one entry of `action` on a `model` object, checked for who and when."""
    entries = list(AuditEntry.objects.filter(action=action, object_model=model))
    assert len(entries) == 1, [(e.action, e.object_model, e.after) for e in entries]
    entry = entries[0]
    assert entry.actor_id is not None and entry.actor_name
    assert entry.created_at <= timezone.now()
    return entry


def _material_published(material, published: bool, by) -> None:
    material.refresh_from_db()
    committee_services.material_update(
        material=material,
        version=material.version,
        number=material.number,
        title=material.title,
        is_published=published,
        by=by,
    )


def test_publishing_and_withdrawing_a_material(secretariat_user):
    material = MaterialFactory(is_published=False)
    _material_published(material, True, secretariat_user)
    entry = _only(actions.PUBLISH, "material")
    assert entry.actor_id == secretariat_user.pk and entry.object_pk == str(material.pk)
    assert (entry.before, entry.after) == ({"is_published": False}, {"is_published": True})
    _material_published(material, False, secretariat_user)
    withdrawn = _only(actions.UNPUBLISH, "material")
    assert withdrawn.after == {"is_published": False}


def test_publishing_a_questions_comments(secretariat_user):
    question = factories.QuestionFactory()
    CommentFactory(question=question)
    count = desk_selectors.publication_summary(question)["count"]
    AuditEntry.objects.all().delete()
    desk_services.comments_publish(
        question=question,
        version=question.version,
        published=True,
        expected_count=count,
        by=secretariat_user,
    )
    entry = _only(actions.PUBLISH, "question")
    assert entry.object_pk == str(question.pk) and entry.actor_id == secretariat_user.pk
    assert (entry.before, entry.after) == (
        {"comments_published": False},
        {"comments_published": True},
    )
    change = _only(actions.CHANGE, "question")
    assert change.before["comments_published"] is False and change.after["comments_published"]


def test_publishing_and_withdrawing_a_report_edition(secretariat_user):
    world = drafted(secretariat=secretariat_user, status=Edition.Status.SHARED)
    edition = world.edition
    AuditEntry.objects.all().delete()
    row = report_services.edition_set_status(
        edition=edition,
        status=Edition.Status.PUBLISHED,
        version=edition.version,
        by=world.secretariat,
    )
    entry = _only(actions.PUBLISH, "edition")
    assert entry.object_pk == str(edition.pk) and entry.actor_id == secretariat_user.pk
    assert (entry.before, entry.after) == ({"status": "shared"}, {"status": "published"})
    change = _only(actions.CHANGE, "edition")
    assert change.before["status"] == "shared" and change.after["status"] == "published"
    report_services.edition_set_status(
        edition=row,
        status=Edition.Status.SHARED,
        version=row.version,
        by=world.secretariat,
        confirm=True,
    )
    assert _only(actions.UNPUBLISH, "edition").after == {"status": "shared"}
    assert verify()[1] is None


def test_sharing_an_edition_is_a_change_but_no_publication(secretariat_user):
    world = drafted(secretariat=secretariat_user)
    report_services.edition_set_status(
        edition=world.edition,
        status=Edition.Status.SHARED,
        version=world.edition.version,
        by=secretariat_user,
        confirm=True,
    )
    assert not AuditEntry.objects.filter(action__in=[actions.PUBLISH, actions.UNPUBLISH]).exists()
    assert AuditEntry.objects.filter(action=actions.CHANGE, object_model="edition").count() == 2


def test_publishing_a_proceedings_record(secretariat_user):
    meeting = proceedings_factories.meeting()
    record = proceedings_factories.record(meeting, kind=Record.Kind.SUMMARY)
    record_services.record_publish(record=record, by=secretariat_user)
    entry = _only(actions.PUBLISH, "record")
    assert entry.object_pk == str(record.pk) and entry.actor_id == secretariat_user.pk
    assert (entry.before, entry.after) == ({"status": "draft"}, {"status": "published"})


def test_a_speakers_confirmation_and_the_secretariats_decision_are_recorded(secretariat_user):
    member = factories.member(display_name="発言委員")
    meeting = proceedings_factories.meeting()
    record = proceedings_factories.confirming(meeting, [member])
    statement = record.statements.get()
    correction = confirm_services.correction_propose(
        statement=statement, member=member, base_version=statement.version, text="直した発言。"
    )
    confirm_services.correction_decide(
        correction=correction, decision="accept", by=secretariat_user
    )
    proposed, decided = AuditEntry.objects.filter(object_model="correction").order_by("id")
    assert (proposed.actor_id, proposed.after["proposed_text"]) == (member.pk, "直した発言。")
    assert (decided.actor_id, decided.after["status"]) == (secretariat_user.pk, "accepted")
    other = factories.member()
    record2 = proceedings_factories.confirming(proceedings_factories.meeting(), [other])
    confirm_services.confirmation_confirm(record=record2, member=other)
    confirmed = _only(actions.CHANGE, "confirmation")
    assert confirmed.actor_id == other.pk and confirmed.after["confirmed"] is True


def test_publishing_a_question(secretariat_user):
    question = factories.QuestionFactory(is_published=False)
    AuditEntry.objects.all().delete()
    desk_services.question_publish(
        question=question, version=question.version, published=True, by=secretariat_user
    )
    entry = _only(actions.PUBLISH, "question")
    assert (entry.before, entry.after) == ({"is_published": False}, {"is_published": True})


def test_hiding_a_paragraph_review_is_a_moderation():
    s = under_review()
    r = review_services.review_create(
        paragraph=s.p1, author=s.a, kind="comment", stance="concern", body="懸念"
    )
    AuditEntry.objects.all().delete()
    review_services.review_hide(review=r, by=s.secretariat, reason="不適切")
    entry = _only(actions.MODERATE, "paragraphreview")
    assert entry.actor_id == s.secretariat.pk and entry.object_pk == str(r.pk)
    assert (entry.before, entry.after) == ({"hidden": False}, {"hidden": True, "reason": "不適切"})
