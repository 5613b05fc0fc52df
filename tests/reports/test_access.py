"""Who sees which edition and disposition (reports.access), and the trace on comments."""

import pytest
from django.urls import reverse

from policies.models import Comment
from reports import services
from reports.access import visible_dispositions, visible_editions
from reports.models import Edition, ReportChange
from tests import factories
from tests.reports.factories import drafted, logged_in, rendered_comment
from tests.security.test_xss_payloads import PAYLOADS, scan

pytestmark = pytest.mark.django_db


def _set(edition, status):
    Edition.objects.filter(pk=edition.pk).update(status=status)


@pytest.mark.parametrize(
    ("status", "visible"),
    [
        ("draft", {"secretariat"}),
        ("shared", {"secretariat", "member"}),
        ("published", {"secretariat", "member", "observer", "anonymous"}),
    ],
)
def test_editions_by_status_and_role(status, visible):
    s = drafted()
    _set(s.edition, status)
    from django.contrib.auth.models import AnonymousUser

    users = {
        "secretariat": s.secretariat,
        "member": s.a,
        "observer": factories.observer(),
        "anonymous": AnonymousUser(),
    }
    seen = {name for name, user in users.items() if visible_editions(user).exists()}
    assert seen == visible


def test_an_edition_of_an_unpublished_meeting_stays_with_the_secretariat():
    s = drafted()
    _set(s.edition, "published")
    type(s.meeting).objects.filter(pk=s.meeting.pk).update(is_published=False)
    assert not visible_editions(s.a).exists()
    assert visible_editions(s.secretariat).exists()


def test_dispositions_follow_their_edition_and_the_comment_visibility():
    s = drafted()
    public = rendered_comment(
        question=s.q1, author=s.a, body="公開の意見", visibility=Comment.Visibility.PUBLIC
    )
    for c in (s.c1, public):
        services.disposition_set(
            edition=s.edition, comment=c, kind="future", reasoning="検討", by=s.secretariat
        )
    observer = factories.observer()
    assert not visible_dispositions(s.a).exists()
    _set(s.edition, "shared")
    assert visible_dispositions(s.a).count() == 2
    assert not visible_dispositions(observer).exists()
    _set(s.edition, "published")
    # Observers see dispositions of published comments only (members-only ones stay hidden).
    assert list(visible_dispositions(observer).values_list("comment_id", flat=True)) == [public.pk]
    Comment.objects.filter(pk=s.c1.pk).update(is_hidden=True)
    assert visible_dispositions(s.a).count() == 1
    assert visible_dispositions(s.secretariat).count() == 2


def test_reflected_through_the_disposition_form_links_the_paragraph_too():
    s = drafted()
    client = logged_in(s.secretariat)
    url = reverse("reports:disposition-edit", args=[s.edition.pk, s.c1.pk])
    refused = client.post(url, {"kind": "reflected", "paragraph": s.p2.pk, "version": 0})
    assert refused.status_code == 422  # ¶2 does not answer the comment's question
    missing = client.post(url, {"kind": "not_reflected", "reasoning": "", "version": 0})
    assert missing.status_code == 422 and "考え方を入力" in missing.content.decode()
    saved = client.post(url, {"kind": "reflected", "paragraph": s.p1.pk, "version": 0})
    assert saved.status_code == 302
    assert s.p1.comment_links.get().comment_id == s.c1.pk
    stale = client.post(url, {"kind": "partial", "reasoning": "一部", "version": 0})
    assert stale.status_code == 409


def test_digest_shows_each_comments_disposition_and_the_history_records_it():
    s = drafted()
    services.disposition_set(
        edition=s.edition, comment=s.c2, kind="answered", reasoning="次回回答", by=s.secretariat
    )
    client = logged_in(s.secretariat)
    digest = client.get(reverse("digest:meeting", args=[s.meeting.pk])).content.decode()
    assert f'id="trace-{s.c2.pk}"' in digest and "次回回答" in digest
    history = client.get(reverse("reports:edition-history", args=[s.edition.pk])).content.decode()
    assert "次回回答" in history
    assert ReportChange.objects.filter(model_name="disposition", action="create").count() == 1


def test_reflected_query_strings_are_escaped():
    s = drafted()
    client = logged_in(s.secretariat)
    payload = '"><script>alert(1)</script>'
    for name, key in (("reports:paragraph-links", "q"), ("reports:edition-print", "number")):
        for payload in PAYLOADS:
            obj = s.p1.pk if key == "q" else s.edition.pk
            page = client.get(reverse(name, args=[obj]), {key: payload})
            assert page.status_code == 200
            assert scan(page.content.decode()).problems == [], (name, payload)
    assert (
        client.get(reverse("reports:compare", args=[s.edition.pk]), {"with": payload}).status_code
        == 404
    )
