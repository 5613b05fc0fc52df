"""The meeting record: a 議事録 of 600 statements (published page, secretariat's page, print)
and a transcript of 600 statements split and matched.

Usage: `.venv/bin/python bench/bench_proceedings.py [--runs 15]` with DATABASE_URL set as for
the app. It creates its own throwaway database, seeds it, measures through django.test.Client
with CaptureQueriesContext, and drops the database at the end.

Goal (issue 17): the page under 150 ms with the same number of queries at 60 and 600
statements; the 600-statement transcript split and matched under 1 s.
"""

from __future__ import annotations

import statistics
import time

import common

SIZES = [60, 600]


def transcript_text(members, n: int) -> str:
    """n statements in the usual form, alternating 【A委員】 and 「○A委員　」 lines, with the
    secretariat every fifth statement and a continuation line every third."""
    lines = []
    for i in range(n):
        if i % 5 == 4:
            lines.append(f"事務局（国際研究開発政策課長）　ご指摘の点は{i}番目の論点です。")
            continue
        name = members[i % len(members)].display_name
        opener = f"【{name}】" if i % 2 else f"○{name}　"
        lines.append(f"{opener}海外派遣の裾野拡大について{i}番目の発言です。")
        if i % 3 == 0:
            lines.append("若手研究者の長期派遣を支援すべきと考えます。")
    return "\n".join(lines)


def measure(client, url: str, runs: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        client.get(url)
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(ctx.captured_queries)
    return statistics.median(times), queries


def measure_size(n, *, meeting, item, members, staff, runs) -> tuple[dict, tuple]:
    """Import a transcript of n statements, publish it and time its pages."""
    from django.test import Client
    from django.utils import timezone

    from proceedings import transcript
    from proceedings.models import Record, Statement
    from proceedings.services import records as services

    Record.objects.filter(meeting=meeting).delete()
    record = Record.objects.create(meeting=meeting, kind="full")
    text = transcript_text(members, n)
    start = time.perf_counter()
    parsed = transcript.split(text)
    directory = services._directory(meeting)
    unmatched = transcript.unmatched_names(parsed.statements, directory)
    split_ms = (time.perf_counter() - start) * 1000
    assert len(parsed.statements) == n and not unmatched, unmatched
    start = time.perf_counter()
    services.transcript_import(record=record, text=text, agenda_item=item, resolutions={}, by=staff)
    import_ms = (time.perf_counter() - start) * 1000
    assert Statement.objects.filter(record=record).count() == n
    Record.objects.filter(pk=record.pk).update(status="published", published_at=timezone.now())
    reader, secretariat = Client(), Client()
    secretariat.force_login(staff)
    page_ms, page_q = measure(reader, f"/proceedings/records/{record.pk}/", runs)
    manage_ms, manage_q = measure(secretariat, f"/proceedings/records/{record.pk}/manage/", runs)
    print(
        f"{n:>4} statements: split+match {split_ms:.1f} ms, import {import_ms:.1f} ms, "
        f"page {page_ms:.1f} ms ({page_q} queries), "
        f"manage {manage_ms:.1f} ms ({manage_q} queries)"
    )
    figures = {
        f"split_match_ms_{n}": round(split_ms, 1),
        f"import_ms_{n}": round(import_ms, 1),
        f"page_ms_{n}": round(page_ms, 1),
        f"manage_ms_{n}": round(manage_ms, 1),
    }
    return figures, (page_q, manage_q)


def main() -> None:
    with common.in_process("proceedings", __doc__, runs=15) as args:
        from proceedings.models import Attendance

        members, item = common.members_and_agenda_item(20)
        for i, m in enumerate(members):  # transcripts name members 「田中3委員」
            m.display_name = f"田中{i}委員"
            m.save(update_fields=["display_name"])
        meeting = item.meeting
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, member=m, name=m.display_name, status="venue")
            for m in members
        )
        staff = common.secretariat("bench_secretariat", display_name="")
        figures = {}
        queries = {}
        for n in SIZES:
            sized, queries[n] = measure_size(
                n, meeting=meeting, item=item, members=members, staff=staff, runs=args.runs
            )
            figures.update(sized)
        figures["queries_constant"] = len(set(queries.values())) == 1
        figures["queries"] = str(queries[SIZES[-1]])
        common.report("proceedings", figures)


if __name__ == "__main__":
    main()
