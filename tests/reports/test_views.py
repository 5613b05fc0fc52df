"""The drafting screens and the edition page, as the secretariat, members and observers."""

import pytest
from django.test import Client
from django.urls import reverse

from reports import services
from reports.models import Edition, Paragraph
from tests import factories
from tests.reports.factories import drafted, edition_page_with_a_source, logged_in

pytestmark = pytest.mark.django_db


def test_edition_page_shows_paragraphs_sources_and_tools_to_the_secretariat():
    s, page = edition_page_with_a_source()
    text = page.content.decode()
    assert page.status_code == 200
    assert "第一段落。" in text and "A委員" in text and "coverage-heading" in text
    assert reverse("reports:paragraph-edit", args=[s.p1.pk]) in text


def test_draft_edition_is_404_for_members_and_shared_is_not_for_observers():
    s = drafted()
    url = reverse("reports:edition-detail", args=[s.edition.pk])
    assert logged_in(s.a).get(url).status_code == 404
    Edition.objects.filter(pk=s.edition.pk).update(status="shared")
    assert logged_in(s.a).get(url).status_code == 200
    assert logged_in(factories.observer()).get(url).status_code == 404
    assert Client().get(url).status_code == 404
    Edition.objects.filter(pk=s.edition.pk).update(status="published")
    assert Client().get(url).status_code == 200


def test_inline_edit_with_htmx_and_the_stale_edit_shows_the_other_version():
    s = drafted()
    client = logged_in(s.secretariat)
    url = reverse("reports:paragraph-edit", args=[s.p1.pk])
    form = client.get(url, HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and "<html" not in form.content.decode()
    saved = client.post(url, {"body": "改訂した段落", "version": 1}, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200 and saved["HX-Retarget"] == "#outline"
    assert "改訂した段落" in saved.content.decode()
    stale = client.post(url, {"body": "私の古い版からの修正", "version": 1}, HTTP_HX_REQUEST="true")
    body = stale.content.decode()
    assert stale.status_code == 409
    assert "改訂した段落" in body and "私の古い版からの修正" in body
    assert Paragraph.objects.get(pk=s.p1.pk).body == "改訂した段落"
    # Without JavaScript: the full page, same refusal.
    page = client.post(url, {"body": "再び古い版", "version": 1})
    assert page.status_code == 409 and "<html" in page.content.decode()


def test_move_and_add_without_javascript_redirect_back():
    s = drafted()
    client = logged_in(s.secretariat)
    moved = client.post(reverse("reports:paragraph-move", args=[s.p1.pk, "down"]))
    assert moved.status_code == 302 and moved["Location"].endswith(f"#paragraph-{s.p1.pk}")
    assert Paragraph.objects.get(pk=s.p1.pk).position == 2
    empty = client.post(reverse("reports:paragraph-create", args=[s.chapter.pk]), {"body": " "})
    assert empty.status_code == 422


def test_picker_lists_the_questions_comments_and_links_one():
    s = drafted()
    client = logged_in(s.secretariat)
    url = reverse("reports:paragraph-links", args=[s.p1.pk])
    page = client.get(url).content.decode()
    assert "短期の派遣" in page and "帰国後のポスト" in page and "別の論点" not in page
    found = client.get(url + "?q=A委員", HTTP_HX_REQUEST="true").content.decode()
    assert "短期の派遣" in found and "帰国後のポスト" not in found
    refused = client.post(
        reverse("reports:paragraph-link", args=[s.p1.pk]),
        {"comment": s.c3.pk, "kind": "reflected"},
    )
    assert refused.status_code == 422
    no_reason = client.post(
        reverse("reports:paragraph-link", args=[s.p1.pk]),
        {"comment": s.c1.pk, "kind": "not_reflected", "reasoning": ""},
    )
    assert no_reason.status_code == 422 and not s.p1.comment_links.exists()
    linked = client.post(
        reverse("reports:paragraph-link", args=[s.p1.pk]), {"comment": s.c1.pk, "kind": "reflected"}
    )
    assert linked.status_code == 302 and s.p1.comment_links.get().comment_id == s.c1.pk


def test_the_comment_shows_where_it_went_once_the_edition_is_shared():
    s = drafted()
    services.paragraph_link_comment(
        paragraph=s.p1, comment=s.c1, kind="reflected", by=s.secretariat
    )
    url = reverse("policies:question-detail", args=[s.q1.pk])
    assert "骨子案 第1章 1" not in logged_in(s.a).get(url).content.decode()
    assert "骨子案 第1章 1" in logged_in(s.secretariat).get(url).content.decode()
    Edition.objects.filter(pk=s.edition.pk).update(status="shared")
    assert "骨子案 第1章 1" in logged_in(s.a).get(url).content.decode()
    assert "骨子案 第1章 1" in logged_in(s.b).get(url).content.decode()


def test_status_share_asks_for_confirmation():
    s = drafted()
    client = logged_in(s.secretariat)
    url = reverse("reports:edition-status", args=[s.edition.pk])
    asked = client.post(url, {"status": "shared", "version": 1})
    assert asked.status_code == 409 and "A委員" in asked.content.decode()
    done = client.post(url, {"status": "shared", "version": 1, "confirm": "on"})
    assert done.status_code == 302
    assert Edition.objects.get(pk=s.edition.pk).status == "shared"


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_edition_page_queries_do_not_grow_with_paragraphs():
    s = drafted()
    Edition.objects.filter(pk=s.edition.pk).update(status="published")
    url = reverse("reports:edition-detail", args=[s.edition.pk])
    readers = {"anonymous": Client(), "member": logged_in(s.a), "staff": logged_in(s.secretariat)}
    for client in readers.values():
        client.get(url)  # sessions and caches warm
    before = {name: _queries(client, url) for name, client in readers.items()}
    for i in range(30):
        p = services.paragraph_create(section=s.chapter, body=f"段落{i}", by=s.secretariat)
        services.paragraph_questions_set(paragraph=p, questions=[s.q1], by=s.secretariat)
        services.paragraph_link_comment(
            paragraph=p,
            comment=s.c1 if i % 2 else s.c2,
            kind="partial",
            reasoning="一部",
            by=s.secretariat,
        )
        services.section_create(edition=s.edition, title=f"章{i}", by=s.secretariat)
    after = {name: _queries(client, url) for name, client in readers.items()}
    assert after == before
    assert max(after.values()) <= 12
    assert "段落29" in readers["anonymous"].get(url).content.decode()
