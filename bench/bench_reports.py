"""The report (とりまとめ): the edition page with 200 paragraphs and 1,000 linked comments
(queries and median time: as the secretariat, on the published edition and on a draft with its
drafting tools; as an anonymous reader of the published edition, from the whole-page cache and
rendered), the 対応 table of 1,000 comments as XLSX, the DOCX of 200 paragraphs, and the
新旧対照表 of two 200-paragraph editions.

Usage: `.venv/bin/python bench/bench_reports.py [--runs 10]` with DATABASE_URL set as for the
app. It creates its own throwaway database (`test_bench_reports_<pid>`) and drops it after.

Goals (issue 15): a constant number of queries (at most 12) and under 150 ms for the page;
XLSX under 1 s; DOCX under 2 s; comparison under 300 ms.
"""

from __future__ import annotations

import datetime as dt
import uuid

import common

PARAGRAPHS = 200
COMMENTS = 1_000
CHAPTERS = 10


def _people_and_comments(comments: int):
    """20 members, the secretariat, 3 questions and `comments` comments spread over them."""
    from policies.markdown import render_markdown
    from policies.models import Comment, Perspective, Question

    now = dt.datetime.now(dt.UTC)
    authors, item = common.members_and_agenda_item(20)
    secretariat = common.secretariat()
    perspective = Perspective.objects.create(
        position=1, label="個人の観点", title="海外派遣の裾野拡大", comment_opens_at=now
    )
    questions = [
        Question.objects.create(
            perspective=perspective, position=i + 1, title=f"論点{i}", body="…", agenda_item=item
        )
        for i in range(3)
    ]
    body = "短期の**海外経験**を増やすべきです。\n\n- 費用\n- 期間"
    made = Comment.objects.bulk_create(
        [
            Comment(
                question=questions[i % 3],
                author=authors[i % len(authors)],
                body=body,
                body_html=render_markdown(body),
                stance=Comment.Stance.values[i % 4],
                idempotency_token=uuid.uuid4(),
            )
            for i in range(comments)
        ]
    )
    return secretariat, item.meeting, questions, made


def build(paragraphs: int, comments: int):
    """A published edition: chapters of paragraphs, each answering one of 3 questions, the
    comments spread over the paragraphs as sources, every comment with a disposition."""
    from policies.markdown import render_markdown
    from reports import services
    from reports.models import Disposition, Edition, Paragraph, ParagraphComment, Section

    secretariat, meeting, questions, made = _people_and_comments(comments)
    report_ = services.report_create(title="とりまとめ", by=secretariat)
    edition = services.edition_create(
        report=report_, kind="outline", meeting=meeting, by=secretariat
    )
    sections = Section.objects.bulk_create(
        [Section(edition=edition, position=i + 1, title=f"章{i + 1}") for i in range(CHAPTERS)]
    )
    per = paragraphs // CHAPTERS
    text = "研究者の海外派遣を強化するため、支援の充実・多様化について検討する。" * 3
    paras = Paragraph.objects.bulk_create(
        [
            Paragraph(
                edition=edition,
                section=sections[i // per],
                position=i % per + 1,
                number=i + 1,
                body=text,
                body_html=render_markdown(text),
            )
            for i in range(paragraphs)
        ]
    )
    through = Paragraph.questions.through
    through.objects.bulk_create(
        [through(paragraph=p, question=questions[i % 3]) for i, p in enumerate(paras)]
    )
    ParagraphComment.objects.bulk_create(
        [ParagraphComment(paragraph=paras[i % paragraphs], comment=c) for i, c in enumerate(made)]
    )
    Disposition.objects.bulk_create(
        [
            Disposition(
                edition=edition,
                comment=c,
                kind="reflected" if i % 2 else "not_reflected",
                paragraph=paras[i % paragraphs],
                reasoning="" if i % 2 else "今回は反映しない理由。",
            )
            for i, c in enumerate(made)
        ]
    )
    Edition.objects.filter(pk=edition.pk).update(status="published")
    edition.refresh_from_db()
    return secretariat, edition


def pages(secretariat, published, draft, runs: int) -> dict:
    """The edition page as the secretariat (the published edition, and the draft with its
    drafting tools) and anonymously: served from the whole-page cache (core.public_cache), and
    rendered with that cache off (the first reader after any change)."""
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    def url(edition):
        return reverse("reports:edition-detail", args=[edition.pk])

    staff = Client()
    staff.force_login(secretariat)
    figures = {}
    for name, client, edition in (
        ("staff", staff, published),
        ("drafting", staff, draft),
        ("anonymous", Client(), published),
    ):
        ms, queries, best = common.page(client, url(edition), runs)
        figures.update({f"page_ms_{name}": round(ms, 1), f"queries_{name}": queries})
        figures[f"page_best_ms_{name}"] = round(best, 1)
    with override_settings(PUBLIC_CACHE_SECONDS=0):
        ms, queries, best = common.page(Client(), url(published), runs)
    figures.update(
        {"page_ms_anonymous_rendered": round(ms, 1), "queries_anonymous_rendered": queries}
    )
    figures["page_best_ms_anonymous_rendered"] = round(best, 1)
    return figures


def main() -> None:
    with common.in_process("reports", __doc__, runs=10) as args:
        from reports import services
        from reports.outputs.compare import compare_editions
        from reports.outputs.responses import response_rows, responses_xlsx
        from reports.outputs.word import edition_docx
        from reports.selectors import edition_outline

        secretariat, edition = build(PARAGRAPHS, COMMENTS)
        common.analyze()
        xlsx = common.timed(lambda: responses_xlsx(edition, response_rows(secretariat, edition)), 5)
        docx_ms, _, _ = common.timed(lambda: edition_docx(edition, edition_outline(edition)), 3)
        second = services.edition_create(
            report=edition.report, kind="draft", meeting=edition.meeting, by=secretariat
        )
        for p in second.paragraphs.order_by("number")[:: PARAGRAPHS // 20]:
            services.paragraph_update(
                paragraph=p, version=p.version, body=p.body + "改めて追記した。", by=secretariat
            )
        compare_ms, comparison, _ = common.timed(lambda: compare_editions(edition, second), 5)
        changed = sum(1 for r in comparison.rows if r.state == "changed")
        figures = pages(secretariat, edition, second, args.runs)
        print(
            f"edition page: staff {figures['page_ms_staff']} ms / {figures['queries_staff']} "
            f"queries; drafting {figures['page_ms_drafting']} ms; anonymous "
            f"{figures['page_ms_anonymous']} ms (rendered {figures['page_ms_anonymous_rendered']})"
        )
        print(
            f"responses XLSX {xlsx[0]:.0f} ms (best {xlsx[2]:.0f}); DOCX {docx_ms:.0f} ms; "
            f"comparison {compare_ms:.0f} ms ({changed} changed)"
        )
        figures.update(
            {
                "responses_xlsx_ms_1000": round(xlsx[0]),
                "responses_xlsx_best_ms_1000": round(xlsx[2]),
                "docx_ms_200": round(docx_ms),
                "compare_ms_200": round(compare_ms),
            }
        )
        common.report("reports", figures)


if __name__ == "__main__":
    main()
