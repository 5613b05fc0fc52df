"""Authorisation matrix of the reports app. Editions: draft (secretariat only), shared (members
and the secretariat), published (everyone). Every drafting URL is the secretariat's (403 for
signed-in others), and a published edition is not edited in place (404 even for the staff).

The report objects are added to the module's matrix world; their texts reuse the world's
markers, so a leak of the draft edition (DRAFT), of the shared one to observers (INTERNAL) or
of a hidden source comment (HIDDEN) is caught by the runner's marker check."""

import pytest

from committee.models import Material
from reports import services
from reports.models import Disposition, Edition, Paragraph, ParagraphComment, Report, Section
from tests.security.matrix import (
    LOGIN,
    OK,
    Row,
    cases,
    everyone,
    expect,
    run_case,
    staff_only,
    staff_see,
)
from tests.security.world import DRAFT, INTERNAL, MISSING

pytestmark = pytest.mark.django_db

GET_ON_POST_ONLY = expect(LOGIN, 403, 403, 403, 405, 405)
WRITE = staff_only(OK)
STAFF_404 = staff_only(404)
MEMBERS = expect(404, 404, 200, 200, 200, 200)


def _status(w, edition, status):
    Edition.objects.filter(pk=edition.pk).update(status=status)
    edition.refresh_from_db()


def _add_reports(w) -> None:
    """A published 骨子案, a shared 案 copied from it, a draft 最終 copied from that."""
    sec = w.secretariat
    w.report = services.report_create(title="公開とりまとめ", by=sec)
    w.empty_report = services.report_create(title="版のないとりまとめ", by=sec)
    w.published = services.edition_create(
        report=w.report, kind="outline", meeting=w.meeting, by=sec
    )
    chapter = services.section_create(edition=w.published, title="公開の章", by=sec)
    p = services.paragraph_create(section=chapter, body="公開された段落", by=sec)
    services.paragraph_questions_set(paragraph=p, questions=[w.question], by=sec)
    services.paragraph_link_comment(paragraph=p, comment=w.public_comment, kind="reflected", by=sec)
    _status(w, w.published, "published")
    w.shared = services.edition_create(report=w.report, kind="draft", meeting=w.meeting, by=sec)
    sp = w.shared.paragraphs.get()
    services.paragraph_update(paragraph=sp, version=sp.version, body=INTERNAL["comment"], by=sec)
    services.paragraph_link_comment(
        paragraph=sp, comment=w.internal_comment, kind="not_reflected", reasoning="理由", by=sec
    )
    # Hidden after it was linked: its text must reach nobody but the staff.
    ParagraphComment.objects.create(paragraph=sp, comment=w.hidden_comment)
    _status(w, w.shared, "shared")
    w.draft = services.edition_create(report=w.report, kind="final", meeting=w.meeting, by=sec)
    dp = w.draft.paragraphs.get()
    services.paragraph_update(paragraph=dp, version=dp.version, body=DRAFT["item"], by=sec)
    services.section_create(edition=w.draft, title=DRAFT["item"] + " 章", by=sec)
    for name in ("published", "shared", "draft"):
        edition = getattr(w, name)
        setattr(w, f"{name}_section", edition.sections.order_by("position").first())
        setattr(w, f"{name}_paragraph", edition.paragraphs.get())


@pytest.fixture(scope="module")
def rworld(world, django_db_blocker):
    with django_db_blocker.unblock():
        _add_reports(world)
    return world


EDITIONS = {
    "draft": lambda w: w.draft.pk,
    "shared": lambda w: w.shared.pk,
    "published": lambda w: w.published.pk,
    "missing": lambda w: MISSING,
}


def _read(scope: str) -> dict:
    return {
        "draft": staff_see(200),
        "shared": MEMBERS,
        "published": everyone(200),
        "missing": everyone(404),
    }[scope]


def _staff_read(scope: str) -> dict:
    return STAFF_404 if scope == "missing" else staff_only(200)


def _drafting(scope: str, status: int | str = 200) -> dict:
    """Drafting views: the staff only, and never on a published (or missing) edition."""
    return STAFF_404 if scope in ("missing", "published") else staff_only(status)


def _of(kind: str, scope: str):
    return lambda w: MISSING if scope == "missing" else getattr(w, f"{scope}_{kind}").pk


def _count(model, **filters):
    return lambda w: model.objects.filter(**filters).count()


def _versions(model):
    return lambda w: sorted(model.objects.values_list("pk", "version"))


ROWS = [
    Row("reports:report-list", "none", lambda w: "/reports/", everyone(200)),
    Row(
        "reports:report-create",
        "none",
        lambda w: "/reports/new/",
        WRITE,
        method="POST",
        data={"title": "新しいとりまとめ"},
        state=_count(Report),
        changes=True,
    ),
    Row("reports:report-create", "GET", lambda w: "/reports/new/", GET_ON_POST_ONLY),
    Row(
        "reports:edition-create",
        "report",
        lambda w: f"/reports/{w.empty_report.pk}/editions/new/",
        staff_only(200),
    ),
    Row(
        "reports:edition-create",
        "missing",
        lambda w: f"/reports/{MISSING}/editions/new/",
        STAFF_404,
    ),
    Row(
        "reports:edition-create",
        "report",
        lambda w: f"/reports/{w.empty_report.pk}/editions/new/",
        WRITE,
        method="POST",
        data=lambda w: {"kind": "outline", "meeting": w.meeting.pk},
        state=_count(Edition),
        changes=True,
    ),
    Row(
        "reports:compare",
        "published with shared",
        lambda w: f"/reports/editions/{w.published.pk}/compare/?with={w.shared.pk}",
        MEMBERS,
    ),
    Row(
        "reports:compare",
        "published with draft",
        lambda w: f"/reports/editions/{w.published.pk}/compare/?with={w.draft.pk}",
        staff_see(200),
    ),
    Row(
        "reports:compare",
        "with itself",
        lambda w: f"/reports/editions/{w.published.pk}/compare/?with={w.published.pk}",
        everyone(404),
    ),
    Row(
        "reports:disposition-edit",
        "hidden comment",
        lambda w: f"/reports/editions/{w.draft.pk}/comments/{w.hidden_comment.pk}/disposition/",
        WRITE,
        method="POST",
        data={"kind": "not_reflected", "reasoning": "理由", "version": "0"},
        state=_count(Disposition),
        keeps=True,
    ),
    Row(
        "reports:paragraph-link",
        "comment of another question",
        lambda w: f"/reports/paragraphs/{w.draft_paragraph.pk}/links/add/",
        WRITE,
        method="POST",
        data=lambda w: {"comment": w.closed_own_comment.pk, "kind": "reflected"},
        state=_count(ParagraphComment),
        keeps=True,
    ),
    Row(
        "reports:paragraph-link",
        "hidden comment",
        lambda w: f"/reports/paragraphs/{w.draft_paragraph.pk}/links/add/",
        WRITE,
        method="POST",
        data=lambda w: {"comment": w.published_hidden_comment.pk, "kind": "reflected"},
        state=_count(ParagraphComment),
        keeps=True,
    ),
]

OUTPUTS = [
    ("reports:edition-detail", "/"),
    ("reports:edition-print", "/print/"),
    ("reports:edition-docx", "/edition.docx"),
    ("reports:responses", "/responses/"),
    ("reports:responses-xlsx", "/responses.xlsx"),
    ("reports:responses-csv", "/responses.csv"),
]

for scope, pk in EDITIONS.items():
    base = lambda w, pk=pk: f"/reports/editions/{pk(w)}"  # noqa: E731
    for name, tail in OUTPUTS:
        ROWS.append(Row(name, scope, lambda w, base=base, tail=tail: base(w) + tail, _read(scope)))
    # The comparison with the previous edition: the published 骨子案 has none.
    compare = _read(scope) if scope in ("draft", "shared") else everyone(404)
    ROWS += [
        Row("reports:compare", scope, lambda w, base=base: base(w) + "/compare/", compare),
        Row("reports:compare-docx", scope, lambda w, base=base: base(w) + "/compare.docx", compare),
        Row(
            "reports:edition-coverage",
            scope,
            lambda w, base=base: base(w) + "/coverage/",
            _staff_read(scope),
        ),
        Row(
            "reports:edition-history",
            scope,
            lambda w, base=base: base(w) + "/history/",
            _staff_read(scope),
        ),
        Row(
            "reports:edition-status",
            scope,
            lambda w, base=base: base(w) + "/status/",
            STAFF_404 if scope == "missing" else WRITE,
            method="POST",
            data=lambda w, pk=pk: {
                "status": "shared",
                "version": str(
                    Edition.objects.filter(pk=pk(w)).values_list("version", flat=True).first() or 1
                ),
                "confirm": "on",
            },
            state=lambda w: sorted(Edition.objects.values_list("pk", "status")),
            changes=scope in ("draft", "published"),
        ),
        Row(
            "reports:edition-attach",
            scope,
            lambda w, base=base: base(w) + "/attach/",
            STAFF_404 if scope == "missing" else WRITE,
            method="POST",
            data={"what": "edition", "number": "資料9", "title": "とりまとめ"},
            state=_count(Material),
            changes=scope != "missing",
        ),
        Row(
            "reports:section-create",
            scope,
            lambda w, base=base: base(w) + "/sections/new/",
            _drafting(scope, OK),
            method="POST",
            data={"title": "新しい章", "level": "1"},
            state=_count(Section),
            changes=scope in ("draft", "shared"),
        ),
        Row(
            "reports:disposition-edit",
            scope,
            lambda w, base=base: base(w) + f"/comments/{w.own_comment.pk}/disposition/",
            _drafting(scope),
        ),
        Row(
            "reports:disposition-edit",
            scope,
            lambda w, base=base: base(w) + f"/comments/{w.own_comment.pk}/disposition/",
            _drafting(scope, OK),
            method="POST",
            data=lambda w, pk=pk: {
                "kind": "not_reflected",
                "reasoning": "今回は反映しない理由",
                "version": str(
                    Disposition.objects.filter(edition_id=pk(w), comment=w.own_comment)
                    .values_list("version", flat=True)
                    .first()
                    or 0
                ),
            },
            state=lambda w: sorted(Disposition.objects.values_list("pk", "kind", "version")),
            changes=scope in ("draft", "shared"),
        ),
    ]

for scope in EDITIONS:
    section, paragraph = _of("section", scope), _of("paragraph", scope)
    ROWS += [
        Row(
            "reports:section-edit",
            scope,
            lambda w, s=section: f"/reports/sections/{s(w)}/edit/",
            _drafting(scope),
        ),
        Row(
            "reports:section-edit",
            scope,
            lambda w, s=section: f"/reports/sections/{s(w)}/edit/",
            _drafting(scope, OK),
            method="POST",
            data=lambda w, s=section: {
                "title": "改めた見出し",
                "level": "1",
                "version": str(
                    Section.objects.filter(pk=s(w)).values_list("version", flat=True).first() or 1
                ),
            },
            state=_versions(Section),
            changes=scope in ("draft", "shared"),
        ),
        Row(
            "reports:section-move",
            scope,
            lambda w, s=section: f"/reports/sections/{s(w)}/move/down/",
            _drafting(scope, OK),
            method="POST",
            state=lambda w: sorted(Section.objects.values_list("pk", "position")),
            changes=scope == "draft",  # the only edition with two sections
        ),
        Row(
            "reports:section-move",
            f"{scope}, GET",
            lambda w, s=section: f"/reports/sections/{s(w)}/move/down/",
            GET_ON_POST_ONLY,
        ),
        Row(
            "reports:section-delete",
            scope,
            lambda w, s=section: f"/reports/sections/{s(w)}/delete/",
            _drafting(scope, OK),
            method="POST",
            state=_count(Section),
            changes=scope in ("draft", "shared"),
        ),
        Row(
            "reports:paragraph-create",
            scope,
            lambda w, s=section: f"/reports/sections/{s(w)}/paragraphs/new/",
            _drafting(scope, OK),
            method="POST",
            data={"body": "新しい段落"},
            state=_count(Paragraph),
            changes=scope in ("draft", "shared"),
        ),
        Row(
            "reports:paragraph-edit",
            scope,
            lambda w, p=paragraph: f"/reports/paragraphs/{p(w)}/edit/",
            _drafting(scope),
        ),
        Row(
            "reports:paragraph-edit",
            scope,
            lambda w, p=paragraph: f"/reports/paragraphs/{p(w)}/edit/",
            _drafting(scope, OK),
            method="POST",
            data=lambda w, p=paragraph: {
                "body": "改めた段落",
                "version": str(
                    Paragraph.objects.filter(pk=p(w)).values_list("version", flat=True).first() or 1
                ),
            },
            state=_versions(Paragraph),
            changes=scope in ("draft", "shared"),
        ),
        Row(
            "reports:paragraph-move",
            scope,
            lambda w, p=paragraph: f"/reports/paragraphs/{p(w)}/move/down/",
            _drafting(scope, OK),
            method="POST",
            state=lambda w: sorted(Paragraph.objects.values_list("pk", "section_id", "position")),
            changes=scope == "draft",  # moves into the draft's second section
        ),
        Row(
            "reports:paragraph-delete",
            scope,
            lambda w, p=paragraph: f"/reports/paragraphs/{p(w)}/delete/",
            _drafting(scope, OK),
            method="POST",
            state=_count(Paragraph),
            changes=scope in ("draft", "shared"),
        ),
        Row(
            "reports:paragraph-links",
            scope,
            lambda w, p=paragraph: f"/reports/paragraphs/{p(w)}/links/",
            _drafting(scope),
        ),
        Row(
            "reports:paragraph-questions",
            scope,
            lambda w, p=paragraph: f"/reports/paragraphs/{p(w)}/questions/",
            _drafting(scope, OK),
            method="POST",
            data=lambda w: {"questions": [w.question.pk, w.closed_question.pk]},
            state=lambda w: sorted(
                Paragraph.questions.through.objects.values_list("paragraph_id", "question_id")
            ),
            changes=scope in ("draft", "shared"),
        ),
        Row(
            "reports:paragraph-link",
            scope,
            lambda w, p=paragraph: f"/reports/paragraphs/{p(w)}/links/add/",
            _drafting(scope, OK),
            method="POST",
            data=lambda w: {"comment": w.other_comment.pk, "kind": "reflected"},
            state=_count(ParagraphComment),
            changes=scope in ("draft", "shared"),
        ),
        Row(
            "reports:paragraph-unlink",
            scope,
            lambda w, p=paragraph: (
                f"/reports/paragraphs/{p(w)}/links/{w.internal_comment.pk}/delete/"
            ),
            _drafting(scope, OK),
            method="POST",
            state=_count(ParagraphComment),
            changes=scope in ("draft", "shared"),
        ),
    ]


@pytest.mark.parametrize(("row", "role"), cases(ROWS))
def test_reports_matrix(rworld, row, role):
    problems = run_case(rworld, row, role)
    assert not problems, "\n".join(problems)
