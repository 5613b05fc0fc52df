"""The review (issue 16): a paragraph with 100 comments and suggestions, as a member sees it
(its review page) and as the secretariat does (the edition's review, and the paragraph's page
with a disposition form on each suggestion): queries and median time, the same query count
with 10 reviews, and each page's ratio to the floor (/healthz/ through the secretariat's
client, measured in the same run); and where the committee stands for 30 members × 9
questions × 4 meetings from 10,000 comments (the summary across questions and one question's
grid page: queries and median time).

Usage: `.venv/bin/python bench/bench_review.py [--runs 10]` with DATABASE_URL set as for the
app. It creates its own throwaway database (`test_bench_review_<pid>`) and drops it after.

Goals (issue 16): constant queries and under 100 ms for every page.
"""

from __future__ import annotations

import datetime as dt
import uuid

import common

MEMBERS, QUESTIONS, COMMENTS, REVIEWS = 30, 9, 10_000, 100


def _meetings_and_questions():
    from committee.models import Meeting
    from policies.models import Perspective, Question

    members, item = common.members_and_agenda_item(MEMBERS)
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=200)
    meetings = []
    for i, n in enumerate((5, 6, 7, 8)):
        at = start + dt.timedelta(days=40 * (i + 1))
        m = Meeting.objects.filter(number=n).first() or Meeting(number=n, title=f"第{n}回")
        m.starts_at, m.is_published = at, True
        m.save()
        meetings.append(m)
    perspective = Perspective.objects.create(
        position=1, label="個人の観点", title="海外派遣", comment_opens_at=start
    )
    questions = [
        Question.objects.create(
            perspective=perspective, position=i + 1, title=f"論点{i}", body="…", agenda_item=item
        )
        for i in range(QUESTIONS)
    ]
    return members, meetings, questions, start


def _comments(members, questions, start):
    from policies.models import Comment

    stances = Comment.Stance.values
    Comment.objects.bulk_create(
        [
            Comment(
                question=questions[i % QUESTIONS],
                author=members[(i // QUESTIONS) % MEMBERS],
                body="意見です。",
                body_html="<p>意見です。</p>",
                stance=stances[(i * 7) % 4],
                created_at=start + dt.timedelta(minutes=23 * i),
                activity_at=start + dt.timedelta(minutes=23 * i),
                idempotency_token=uuid.uuid4(),
                deleted_at=start if i % 97 == 0 else None,
            )
            for i in range(COMMENTS)
        ],
        batch_size=2000,
    )


def _reviewed_paragraph(members, meeting, question, secretariat):
    from reports import services
    from reports.models import Edition, ParagraphReview, ReviewPeriod

    report_ = services.report_create(title="とりまとめ", by=secretariat)
    edition = services.edition_create(report=report_, kind="draft", meeting=meeting, by=secretariat)
    chapter = services.section_create(edition=edition, title="章", by=secretariat)
    body = "研究者の海外派遣を強化するため、支援の充実・多様化について検討する。"
    paragraph = services.paragraph_create(section=chapter, body=body, by=secretariat)
    services.paragraph_questions_set(paragraph=paragraph, questions=[question], by=secretariat)
    Edition.objects.filter(pk=edition.pk).update(status="shared")
    now = dt.datetime.now(dt.UTC)
    ReviewPeriod.objects.create(
        edition=edition, opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=7)
    )

    def add(n):
        ParagraphReview.objects.bulk_create(
            [
                ParagraphReview(
                    paragraph=paragraph,
                    author=members[i % MEMBERS],
                    kind="suggestion" if i % 2 else "comment",
                    stance="proposal" if i % 2 else "concern",
                    body="理由です。",
                    body_html="<p>理由です。</p>",
                    suggested_text=body.replace("検討する", f"早急に検討する（案{i}）")
                    if i % 2
                    else "",
                    base_text=body if i % 2 else "",
                    idempotency_token=uuid.uuid4(),
                )
                for i in range(n)
            ]
        )

    return paragraph, add


def _paragraph_pages(member, staff, paragraph, add, runs: int) -> dict:
    """With 10 reviews, then REVIEWS: the member's paragraph page, and what the secretariat
    sees: the edition's review (every paragraph with its reviews' summary) and the paragraph's
    page with a disposition form on each suggestion. The floor: /healthz/ through the
    secretariat's client in the same run (session, user, middleware and one query)."""
    from django.urls import reverse

    pages = {
        "paragraph": (member, reverse("reports:review-paragraph", args=[paragraph.pk])),
        "edition_review": (staff, reverse("reports:review-edition", args=[paragraph.edition_id])),
        "staff_paragraph": (staff, reverse("reports:review-paragraph", args=[paragraph.pk])),
    }
    add(10)
    at_10 = {name: common.page(client, url, 1)[1] for name, (client, url) in pages.items()}
    add(REVIEWS - 10)
    floor_ms, floor_q, floor_best = common.page(staff, "/healthz/", runs)
    figures = {}
    for name, (client, url) in pages.items():
        ms, queries, best = common.page(client, url, runs)
        figures[f"{name}_ms_{REVIEWS}"] = round(ms, 1)
        figures[f"{name}_queries_{REVIEWS}"] = queries
        figures[f"{name}_queries_10"] = at_10[name]
        figures[f"{name}_best_ms_{REVIEWS}"] = round(best, 1)
        figures[f"{name}_ratio_to_floor"] = round(ms / floor_ms, 1)
        print(
            f"{name} page ({REVIEWS} reviews): {ms:.1f} ms (best {best:.1f}) / {queries} "
            f"queries ({at_10[name]} with 10); {ms / floor_ms:.1f}x the floor"
        )
    print(
        f"floor, /healthz/ as the secretariat: {floor_ms:.2f} ms (best {floor_best:.2f}) / "
        f"{floor_q} queries"
    )
    figures["floor_ms"] = round(floor_ms, 2)
    return figures


def main() -> None:
    with common.in_process("review", __doc__, runs=10) as args:
        from django.test import Client
        from django.urls import reverse

        from reports.review.stances import standing

        members, meetings, questions, start = _meetings_and_questions()
        secretariat = common.secretariat()
        _comments(members, questions, start)
        paragraph, add = _reviewed_paragraph(members, meetings[-1], questions[0], secretariat)
        common.analyze()
        member, staff = Client(), Client()
        member.force_login(members[0])
        staff.force_login(secretariat)
        reviews = _paragraph_pages(member, staff, paragraph, add, args.runs)
        grid_ms, grids, grid_best = common.timed(lambda: standing(secretariat), args.runs)
        grid_page_ms, grid_q, grid_page_best = common.page(
            staff, reverse("reports:stance-grid", args=[questions[0].pk]), args.runs
        )
        summary_ms, summary_q, summary_best = common.page(
            staff, reverse("reports:stance-summary"), args.runs
        )
        cells = sum(len(r.cells) for g in grids.grids for r in g.rows)
        print(
            f"stances ({cells} cells from {COMMENTS} comments): "
            f"selector {grid_ms:.1f} ms (best {grid_best:.1f}); "
            f"summary page {summary_ms:.1f} ms (best {summary_best:.1f}) / {summary_q} queries; "
            f"question page {grid_page_ms:.1f} ms (best {grid_page_best:.1f}) / {grid_q} queries"
        )
        common.report(
            "review",
            {
                **reviews,
                "stances_selector_ms_10000": round(grid_ms, 1),
                "stances_summary_ms": round(summary_ms, 1),
                "stances_summary_queries": summary_q,
                "stances_question_ms": round(grid_page_ms, 1),
                "stances_question_queries": grid_q,
            },
        )


if __name__ == "__main__":
    main()
