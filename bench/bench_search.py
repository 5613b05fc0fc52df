"""Site search over 100,000 comments: median and p95 of 2–4 character Japanese words.

Usage: `.venv/bin/python bench/bench_search.py [--comments 100000] [--searches 50]` with
DATABASE_URL set as for the app (unset: the embedded server). Like the tests, it creates its own
throwaway database (`test_bench_search_<pid>`) on that server, loads realistic Japanese comment
bodies built from a word list with one COPY, times the search selector (comments only, and every
kind as the search page runs it) and the search view through django.test.Client, runs
EXPLAIN ANALYZE once to check that the GIN index is used, and drops the database at the end.

Goal (issue 7): under 50 ms median over 100,000 comments.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import statistics
import time
import uuid

import common

# The committee's vocabulary: bodies are sentences built from these, so words recur with the
# skewed frequencies of real comments (some in most bodies, some rare).
SUBJECTS = [
    "若手研究者",
    "博士課程学生",
    "ポスドク",
    "大学",
    "研究機関",
    "企業の研究者",
    "女性研究者",
    "中堅研究者",
    "留学生",
    "事務職員",
]
TOPICS = [
    "海外派遣",
    "長期派遣",
    "短期の海外経験",
    "国際共同研究",
    "頭脳循環",
    "渡航費",
    "生活費の支援",
    "帰国後のポスト",
    "研究費",
    "家族の帯同",
    "語学研修",
    "任期付きの雇用",
    "円安",
    "物価高",
    "評価制度",
    "キャリアパス",
    "国際ネットワーク",
    "受入れ機関",
    "サバティカル",
    "留守中の業務",
]
PREDICATES = [
    "を拡充すべきだと考えます",
    "について検討が必要です",
    "が大きな課題になっています",
    "の支援を手厚くしてほしい",
    "を評価に反映させるべきです",
    "の仕組みを見直す必要があります",
    "は会議で議論すべき論点です",
    "の実態を調査してはどうでしょうか",
    "に関する情報が不足しています",
    "を組織として後押しすべきです",
]
OPENERS = ["", "私見ですが、", "現場の声として、", "前回の会議を踏まえ、", "資料3について、"]

# 2–4 characters, common and rare, as members would type them.
WORDS = [
    "派遣",
    "会議",
    "研究者",
    "支援",
    "若手",
    "渡航費",
    "円安",
    "帰国",
    "評価",
    "頭脳循環",
    "家族",
    "語学",
    "大学",
    "任期",
    "国際共同",
    "留学生",
    "物価",
    "資料",
    "ポスト",
    "調査",
]


# A rare word (about 1 body in 500), for the plan of a selective search.
RARE = "ホライズン・ヨーロッパへの参加も検討すべきです。"


def body(rng: random.Random) -> str:
    sentences = [RARE] if rng.random() < 0.002 else []
    for _ in range(rng.randint(2, 5)):
        sentences.append(
            rng.choice(OPENERS)
            + rng.choice(SUBJECTS)
            + "の"
            + rng.choice(TOPICS)
            + rng.choice(PREDICATES)
            + "。"
        )
    return "".join(sentences)


COPIED = {
    "question_id",
    "author_id",
    "body",
    "body_html",
    "stance",
    "visibility",
    "created_at",
    "activity_at",
    "idempotency_token",
}


def _cell(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _copy_rows(fields, questions, authors, n: int, seed: int) -> str:
    """The COPY text of n comments; columns not given use the model's defaults."""
    from policies.markdown import render_markdown
    from policies.models import Comment

    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    stances = Comment.Stance.values
    buffer = io.StringIO()
    for i in range(n):
        text = body(rng)
        at = now - dt.timedelta(minutes=n - i)
        values = {
            "question_id": questions[i % len(questions)].pk,
            "author_id": authors[i % len(authors)].pk,
            "body": text,
            "body_html": render_markdown(text) if i < 50 else f"<p>{text}</p>",
            "stance": stances[i % len(stances)],
            "visibility": "public" if i % 3 == 0 else "members",
            "created_at": at.isoformat(),
            "activity_at": at.isoformat(),
            "idempotency_token": uuid.uuid4(),
        }
        row = [_cell(values[f.attname] if f.attname in values else f.get_default()) for f in fields]
        buffer.write("\t".join(row) + "\n")
    return buffer.getvalue()


def load_comments(questions, authors, n: int, seed: int = 7) -> float:
    """n comments in one COPY; returns seconds."""
    from django.db import connection

    from policies.models import Comment

    fields = [
        f
        for f in Comment._meta.concrete_fields
        if not f.primary_key
        and not f.generated
        and (f.attname in COPIED or not (f.null or f.attname.endswith("_id")))
    ]
    columns = [f.column for f in fields]
    data = _copy_rows(fields, questions, authors, n, seed)
    start = time.perf_counter()
    table = Comment._meta.db_table
    with connection.cursor() as cursor:
        # As for any bulk load: the GIN index is built once after the COPY, not row by row.
        cursor.execute("DROP INDEX comment_search_idx")
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"  # noqa: S608 - our own names
        with cursor.cursor.copy(sql) as copy:
            copy.write(data)
        copied = time.perf_counter()
        cursor.execute(f"CREATE INDEX comment_search_idx ON {table} USING gin (search_vector)")
        indexed = time.perf_counter()
        cursor.execute(f"VACUUM ANALYZE {table}")  # noqa: S608
    print(
        f"COPY {copied - start:.1f} s, GIN index {indexed - copied:.1f} s, "
        f"VACUUM ANALYZE {time.perf_counter() - indexed:.1f} s"
    )
    return time.perf_counter() - start


def timed(fn, runs: int) -> list[float]:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _questions(item) -> list:
    """Three perspectives of four questions each, in an open comment period."""
    from policies.models import Perspective, Question

    now = dt.datetime.now(dt.UTC)
    questions = []
    for p in range(1, 4):
        perspective = Perspective.objects.create(
            position=p,
            label="観点",
            title=f"観点{p}",
            comment_opens_at=now - dt.timedelta(days=7),
            comment_closes_at=now + dt.timedelta(days=7),
        )
        for q in range(1, 5):
            questions.append(
                Question.objects.create(
                    perspective=perspective,
                    position=q,
                    title=f"論点{p}-{q}",
                    body="海外派遣の裾野を広げるには何が必要か。",
                    agenda_item=item,
                    comments_published=(q == 1),
                )
            )
    return questions


def _plans(member) -> dict:
    """EXPLAIN ANALYZE of the comments query exactly as the search page runs it: a rare word
    should go through the GIN index; a word in a third of all comments is found faster by
    reading rows until 500 match, which the planner may prefer."""
    from search.selectors import search_queryset

    plans = {}
    for label, word in (("rare", "ホライズン"), ("common", "派遣")):
        plan = search_queryset(member, word, "comments")[:5].explain(analyze=True)
        plans[label] = "comment_search_idx" in plan
        print(f"--- EXPLAIN ANALYZE, {label} word {word}:\n{plan}")
        print(f"GIN index comment_search_idx used for {word} ({label}): {plans[label]}")
    return plans


def _view_timings(member, words, runs: int):
    """(queries of one search page, full-page times, HTMX partial times)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(member)
    client.get("/search/", {"q": "派遣"})
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/search/", {"q": "派遣"})
    assert response.status_code == 200, response.status_code
    view_ms = timed(lambda i: client.get("/search/", {"q": words[i]}), runs)
    htmx_ms = timed(lambda i: client.get("/search/", {"q": words[i]}, HTTP_HX_REQUEST="true"), runs)
    return len(ctx.captured_queries), view_ms, htmx_ms


def _figures(values):
    return round(statistics.median(values), 1), round(common.percentile(values, 95), 1)


def _print_table(rows) -> None:
    print(f"{'':<26} {'median ms':>10} {'p95 ms':>8}")
    for label, values in rows:
        median, p95 = _figures(values)
        print(f"{label:<26} {median:>10} {p95:>8}")


def main() -> None:
    with common.in_process("search", __doc__, comments=100_000, searches=50) as args:
        from search.selectors import search_kind, search_site

        authors, item = common.members_and_agenda_item(50)
        load_s = load_comments(_questions(item), authors, args.comments)
        print(f"loaded {args.comments:,} comments in {load_s:.1f} s (COPY + VACUUM ANALYZE)")

        member = authors[0]
        words = [WORDS[i % len(WORDS)] for i in range(args.searches)]
        plans = _plans(member)
        for w in WORDS[:5]:  # warm caches once
            search_kind(member, w, "comments")
        print(
            "matching comments per word:", {w: search_kind(member, w, "comments")[1] for w in WORDS}
        )

        selector_ms = timed(lambda i: search_kind(member, words[i], "comments"), args.searches)
        site_ms = timed(lambda i: search_site(member, words[i]), args.searches)
        slowest = sorted(zip(selector_ms, words, strict=True), reverse=True)[:5]
        print("slowest comment searches:", ", ".join(f"{w} {ms:.0f} ms" for ms, w in slowest))
        view_queries, view_ms, htmx_ms = _view_timings(member, words, args.searches)

        rows = [
            ("selector, comments only", selector_ms),
            ("selector, all kinds", site_ms),
            ("view, full page", view_ms),
            ("view, HTMX partial", htmx_ms),
        ]
        _print_table(rows)
        sel, site, view, htmx = (_figures(v) for _, v in rows)
        common.report(
            "search",
            {
                "comments": args.comments,
                "searches": args.searches,
                "selector_median_ms": sel[0],
                "selector_p95_ms": sel[1],
                "all_kinds_median_ms": site[0],
                "all_kinds_p95_ms": site[1],
                "view_median_ms": view[0],
                "view_p95_ms": view[1],
                "htmx_median_ms": htmx[0],
                "htmx_p95_ms": htmx[1],
                "view_queries": view_queries,
                "gin_index_used_rare_word": plans["rare"],
                "gin_index_used_common_word": plans["common"],
                "load_s": round(load_s, 1),
            },
        )


if __name__ == "__main__":
    main()
