"""Import of 100,000 generated rows (dry run + confirm) against the plain floor of the same rows.

Usage: `.venv/bin/python bench/bench_import.py [--rows 100000]` with DATABASE_URL set as for the
app (unset: the embedded server). It creates its own throwaway database
(`test_bench_import_<pid>`), builds an .xlsx in the survey's long layout with Japanese headers
and wareki years, and measures:

- import: `services.import_preview` (read, normalise, validate, diff, store the pending rows)
  then `services.import_confirm` (re-validate, diff again, upsert in one transaction);
- floor: openpyxl read (read_only, values_only) of the same file + one `COPY` through psycopg's
  `cursor.copy` into a table of the same columns.

Prints rows/s and seconds for both and the ratio (timed without tracemalloc), then the peak
Python memory of each from a second pass under tracemalloc (skip with --no-memory).
Goal (issues 5 and 14): import under 30 s and within 2x of the floor measured in the same run.
"""

from __future__ import annotations

import io
import time
import tracemalloc

import common


def floor(data: bytes, trace: bool = False) -> tuple[float, int, int]:
    """openpyxl read + one COPY of the same rows; (seconds, rows, peak bytes)."""
    from django.db import connection
    from openpyxl import load_workbook

    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_floor (fiscal_year text, direction text, term text, "
            "researchers text, source text, note text)"
        )
        count = 0
        with cursor.cursor.copy(
            "COPY bench_floor (fiscal_year, direction, term, researchers, source, note) FROM STDIN"
        ) as copy:
            for row in workbook.active.iter_rows(min_row=4, values_only=True):
                if len(row) >= 4 and row[0] and row[3]:
                    copy.write_row(["" if c is None else c for c in row[:6]])
                    count += 1
        cursor.execute("DROP TABLE bench_floor")
    workbook.close()
    seconds = time.perf_counter() - started
    peak = 0
    if trace:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return seconds, count, peak


def run_import(data: bytes, trace: bool = False) -> tuple[float, float, int, object]:
    """Dry run + confirm; (dry-run seconds, total seconds, peak bytes, log)."""
    from dispatch_stats import services

    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    preview = services.import_preview(kind="yearly", user=None, file_name="bench.xlsx", data=data)
    preview_s = time.perf_counter() - started
    log = services.import_confirm(token=preview.token, user=None, sha256=preview.sha256)
    total_s = time.perf_counter() - started
    peak = 0
    if trace:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return preview_s, total_s, peak, log


def main() -> None:
    no_memory = common.option(False, "skip the tracemalloc pass", action="store_true")
    with common.in_process("import", __doc__, rows=100_000, no_memory=no_memory) as args:
        from dispatch_stats import services
        from dispatch_stats.models import YearlyFigure

        started = time.perf_counter()
        data = common.build_workbook(args.rows)
        build_s = time.perf_counter() - started
        print(
            f"workbook: {args.rows:,} rows, {len(data) / 1024 / 1024:.1f} MB, "
            f"built in {build_s:.1f} s"
        )

        # Timings without tracemalloc (it slows Python several times); memory in a second pass.
        floor_s, floor_rows, _ = floor(data)
        preview_s, total_s, _, log = run_import(data)
        written = YearlyFigure.objects.count()
        assert written == args.rows == log.rows_new == floor_rows, (
            written,
            log.rows_new,
            floor_rows,
        )

        # A second dry run of the same file: everything unchanged (the diff path at full size).
        started = time.perf_counter()
        again = services.import_preview(kind="yearly", user=None, file_name="bench.xlsx", data=data)
        again_s = time.perf_counter() - started
        assert again.unchanged_count == args.rows

        peak = floor_peak = 0
        if not args.no_memory:
            _, _, floor_peak = floor(data, trace=True)
            YearlyFigure.objects.all().delete()
            _, _, peak, _ = run_import(data, trace=True)

        figures = {
            "rows": args.rows,
            "import_s": round(total_s, 2),
            "dry_run_s": round(preview_s, 2),
            "confirm_s": round(total_s - preview_s, 2),
            "import_rows_per_s": round(args.rows / total_s),
            "import_peak_mb": round(peak / 1024 / 1024, 1),
            "floor_s": round(floor_s, 2),
            "floor_rows_per_s": round(floor_rows / floor_s),
            "floor_peak_mb": round(floor_peak / 1024 / 1024, 1),
            "ratio_to_floor": round(total_s / floor_s, 2),
            "unchanged_dry_run_s": round(again_s, 2),
            "goal": "import < 30 s and ratio <= 2",
        }
        common.report("import 100k rows", figures, echo=True)


if __name__ == "__main__":
    main()
