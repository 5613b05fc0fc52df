"""The question page with 10, 100, 1,000 and 10,000 comments: median server time and SQL queries.

Usage: `.venv/bin/python bench/bench_question_page.py [--runs 15]` with DATABASE_URL set as
for the app (unset: the embedded server). Like the tests, it creates its own throwaway
database (`test_bench_questions_<pid>`) on that server, seeds it, measures through
django.test.Client with CaptureQueriesContext, and drops the database at the end.

Goal (issue 4): the same number of queries at every size (at most 10), and the page with
1,000 comments rendered in under 100 ms on this machine (threads are paginated, 50 a page).
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
import uuid

import common

SIZES = [10, 100, 1_000, 10_000]


def seed_comments(question, authors, n: int) -> None:
    """n comments: about 60% top-level threads, the rest replies spread over them."""
    from policies.markdown import render_markdown
    from policies.models import Comment

    Comment.objects.filter(question=question).delete()
    now = dt.datetime.now(dt.UTC)
    stances = Comment.Stance.values
    tops = max(1, int(n * 0.6))
    parents = Comment.objects.bulk_create(
        [
            Comment(
                question=question,
                author=authors[i % len(authors)],
                body=(
                    body := f"意見{i}：**短期**の海外経験を増やすべきです。\n\n- 費用\n- 期間\n\n"
                    "[資料](https://www.mext.go.jp/)"
                ),
                body_html=render_markdown(body),
                stance=stances[i % 4],
                created_at=now - dt.timedelta(minutes=n - i),
                activity_at=now - dt.timedelta(minutes=n - i),
                idempotency_token=uuid.uuid4(),
            )
            for i in range(tops)
        ],
        batch_size=2000,
    )
    replies = Comment.objects.bulk_create(
        [
            Comment(
                question=question,
                author=authors[(i + 1) % len(authors)],
                parent=parents[(i * 7) % len(parents)],
                body=f"返信{i}：賛成です。",
                body_html=render_markdown(f"返信{i}：賛成です。"),
                stance=stances[(i + 1) % 4],
                created_at=now - dt.timedelta(seconds=n - i),
                edited_at=now if i % 5 == 0 else None,
                idempotency_token=uuid.uuid4(),
            )
            for i in range(n - tops)
        ],
        batch_size=2000,
    )
    # What comment_create keeps up to date: each thread's latest activity.
    latest = {}
    for reply in replies:
        latest[reply.parent_id] = max(
            latest.get(reply.parent_id, reply.created_at), reply.created_at
        )
    touched = [p for p in parents if p.pk in latest]
    for p in touched:
        p.activity_at = max(p.activity_at, latest[p.pk])
    Comment.objects.bulk_update(touched, ["activity_at"], batch_size=2000)


def measure(
    client, url: str, runs: int, headers: dict, *, cold: bool = False
) -> tuple[float, int, int]:
    """(median milliseconds, queries of the last run, bytes) over `runs` requests after warm-up.

    cold: empty the cache before each request (other people's comments are cached as rendered,
    so the warm figure is what readers mostly get and the cold one is the first reader's)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        client.get(url, **headers)
    times, queries, size = [], 0, 0
    for _ in range(runs):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url, **headers)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
        queries, size = len(ctx.captured_queries), len(response.content)
    return statistics.median(times), queries, size


def _question(authors, item):
    """One question in an open comment period, and a client logged in as the first author."""
    from django.test import Client

    from policies.models import Perspective, Question

    now = dt.datetime.now(dt.UTC)
    perspective = Perspective.objects.create(
        position=1,
        label="個人の観点",
        title="海外派遣の裾野拡大",
        comment_opens_at=now - dt.timedelta(days=7),
        comment_closes_at=now + dt.timedelta(days=7),
    )
    question = Question.objects.create(
        perspective=perspective,
        position=1,
        title="潜在層の掘り起こし",
        body="…",
        agenda_item=item,
    )
    client = Client()
    client.force_login(authors[0])
    return client, question


def _print_rows(rows) -> None:
    header = ["comments", "page ms", "queries", "KiB", "poll ms", "queries"]
    print("{:>9} {:>9} {:>8} {:>6} {:>9} {:>8}".format(*header))
    for n, page_ms, page_q, page_bytes, poll_ms, poll_q in rows:
        print(
            f"{n:>9,} {page_ms:>9.1f} {page_q:>8} {page_bytes / 1024:>6.0f} "
            f"{poll_ms:>9.1f} {poll_q:>8}"
        )
    first, last = rows[0], rows[-1]
    query_counts = {r[2] for r in rows} | {r[5] for r in rows}
    print(
        f"query count at every size: {sorted(query_counts)} "
        f"(constant: {len({r[2] for r in rows}) == 1 and len({r[5] for r in rows}) == 1})"
    )
    print(
        f"time ratio {last[0]:,} / {first[0]:,} comments: page {last[1] / first[1]:.2f}x, "
        f"poll {last[4] / first[4]:.2f}x"
    )
    full = next((r for r in rows if r[0] >= 100), None)
    if full is not None and full is not last:
        # From 100 comments on, the page shows a full window of threads: only the data grows.
        print(
            f"time ratio {last[0]:,} / {full[0]:,} comments (both a full page): "
            f"page {last[1] / full[1]:.2f}x, poll {last[4] / full[4]:.2f}x"
        )


def main() -> None:
    with common.in_process("questions", __doc__, runs=15, sizes=SIZES) as args:
        authors, item = common.members_and_agenda_item(20)
        client, question = _question(authors, item)
        url = f"/questions/{question.pk}/"
        poll = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "comment-list"}

        rows = []
        cold = {}
        for n in args.sizes:
            seed_comments(question, authors, n)
            page_ms, page_q, page_bytes = measure(client, url, args.runs, {})
            poll_ms, poll_q, _ = measure(client, url, args.runs, poll)
            cold_ms, _, _ = measure(client, url, args.runs, {}, cold=True)
            rows.append((n, page_ms, page_q, page_bytes, poll_ms, poll_q))
            cold[n] = cold_ms
        _print_rows(rows)
        common.report(
            "question_page",
            {
                **{f"page_ms_{r[0]}": round(r[1], 1) for r in rows},
                **{f"queries_{r[0]}": r[2] for r in rows},
                **{f"poll_ms_{r[0]}": round(r[4], 1) for r in rows},
                **{f"cold_page_ms_{n}": round(ms, 1) for n, ms in cold.items()},
                "time_ratio": round(rows[-1][1] / rows[0][1], 2),
            },
        )


if __name__ == "__main__":
    main()
