"""Lighthouse (npm `lighthouse` 12.2.3, mobile profile, Debian's chromium) on the top, meeting,
question (with chart evidence), statistics and scheme-comparison pages, served as production
serves them (gunicorn, DEBUG off, WhiteNoise with hashed compressed static files), anonymously,
on the demo data. Prints each page's performance and accessibility scores, total blocking time,
largest contentful paint, the bytes transferred and whether plotly.js was fetched (it should not
be: charts are the server's SVG until the reader asks), each the median of --runs runs (the
pages taken in turn, so a busy moment of the machine spreads over all of them), then the same
as a markdown table (run_all.py prints it under its summary). Goal: performance >= 90,
TBT < 200 ms, accessibility 100 on every one.

    .venv/bin/python bench/bench_lighthouse.py [--pages top,statistics] [--runs 3]
    .venv/bin/python bench/bench_lighthouse.py --pages schemes --save-reports var/lighthouse

--save-reports keeps each run's Lighthouse JSON (DIR/<page>-<run>.json): its "long-tasks",
"mainthread-work-breakdown" and "bootup-time" audits say which task made the blocking time.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import common

LIGHTHOUSE = "lighthouse@12.2.3"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")


def _get(port: int, path: str) -> str:
    return common.request("127.0.0.1", port, "GET", path)[2].decode("utf-8", "replace")


def pages(port: int) -> dict[str, str]:
    """The five pages, found on the served site as a reader would."""
    meetings = re.findall(r'href="(/meetings/\d+/)"', _get(port, "/meetings/"))
    chart_question = None
    for path in dict.fromkeys(re.findall(r'href="(/questions/\d+/)"', _get(port, "/questions/"))):
        if 'data-figure="' in _get(port, path):
            chart_question = path
            break
    found = {
        "top": "/",
        "meeting": meetings[0] if meetings else None,
        "question": chart_question,
        "statistics": "/statistics/",
        "schemes": "/schemes/compare/",
    }
    return {name: path for name, path in found.items() if path}


# Lighthouse's runtime errors that say chromium's trace of the load went wrong (worth a rerun);
# any other one (a 500 document, say) is the page's and stops the bench.
TRACE_ERRORS = ("NO_NAVSTART", "NO_FCP")


def _run_lighthouse(url: str) -> str:
    """Lighthouse's JSON for `url`. Its own runtime errors (NO_NAVSTART, NO_FCP: the trace of
    chromium's load went wrong) are retried twice; anything else stops the bench with its words."""
    for attempt in range(3):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            done = subprocess.run(
                [
                    "npx", "--yes", LIGHTHOUSE, url,
                    "--output=json", f"--output-path={out.name}",
                    "--only-categories=performance,accessibility",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                    "--quiet",
                ],
                env={**os.environ, "CHROME_PATH": CHROME},
                capture_output=True,
                text=True,
                timeout=240,
            )  # fmt: skip
            if not done.returncode:
                return Path(out.name).read_text()
        broken_trace = any(code in done.stderr for code in TRACE_ERRORS)
        if not broken_trace or attempt == 2:
            sys.exit(f"lighthouse failed on {url}:\n{done.stderr[-3000:]}")
        common.note(f"lighthouse: a broken trace on {url}, run again")
    raise AssertionError("unreachable")


def lighthouse(url: str, save_as: Path | None = None) -> dict:
    text = _run_lighthouse(url)
    if save_as:
        save_as.write_text(text)
    result = json.loads(text)
    audits = result["audits"]
    return {
        "performance": round(result["categories"]["performance"]["score"] * 100),
        "accessibility": round(result["categories"]["accessibility"]["score"] * 100),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "kb": round(audits["total-byte-weight"]["numericValue"] / 1024),
        "plotly": any(
            "plotly" in item.get("url", "")
            for item in audits["network-requests"]["details"]["items"]
        ),
    }


def median_of(runs: list[dict]) -> dict:
    """Each figure's median over the runs (plotly: fetched in any run)."""
    out = {"runs": len(runs)}
    for key in runs[0]:
        values = [run[key] for run in runs]
        out[key] = any(values) if key == "plotly" else round(statistics.median(values))
    return out


def markdown(figures: dict) -> str:
    rows = [
        "| page | path | performance | TBT ms | LCP ms | accessibility | KB | plotly fetched |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, f in figures.items():
        rows.append(
            f"| {name} | {f['path']} | {f['performance']} | {f['tbt_ms']:,} | {f['lcp_ms']:,} "
            f"| {f['accessibility']} | {f['kb']} | {'yes' if f['plotly'] else 'no'} |"
        )
    return "\n".join(rows)


def measure(base: str, chosen: dict[str, str], runs: int, save_dir: Path | None = None) -> dict:
    results: dict[str, list[dict]] = {name: [] for name in chosen}
    for run in range(runs):
        for name, path in chosen.items():
            save_as = save_dir / f"{name}-{run + 1}.json" if save_dir else None
            results[name].append(lighthouse(base + path, save_as))
            common.note(f"{name} run {run + 1}: {results[name][-1]}")
    return {name: {"path": chosen[name], **median_of(r)} for name, r in results.items()}


def main() -> None:
    args = common.options(
        __doc__,
        pages=common.option("", "comma-separated subset of the five"),
        runs=common.option(3, "runs per page (median reported)", type=int),
        save_reports=common.option(None, "directory for each run's JSON report", type=Path),
    )
    if args.save_reports:
        args.save_reports.mkdir(parents=True, exist_ok=True)
    with common.served_database("lighthouse", members=5, comments=60) as db:
        env = common.app_env(db.url, DJANGO_STATIC_MANIFEST="1")
        common.manage(env, "collectstatic", "--noinput", "-v0")
        server = common.Gunicorn(db.url, workers=2)
        server.env["DJANGO_STATIC_MANIFEST"] = "1"
        with server:
            chosen = {
                name: path
                for name, path in pages(server.port).items()
                if not args.pages or name in args.pages.split(",")
            }
            figures = measure(server.base, chosen, max(1, args.runs), args.save_reports)
    goals = all(
        f["performance"] >= 90 and f["tbt_ms"] < 200 and f["accessibility"] == 100
        for f in figures.values()
    )
    common.report("lighthouse", {**figures, "all_goals_met": goals}, table=markdown(figures))


if __name__ == "__main__":
    os.chdir(common.ROOT)
    main()
