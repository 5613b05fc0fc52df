"""Lighthouse (npm `lighthouse` 12.2.3, mobile profile, Debian's chromium) on the top, meeting,
question (with chart evidence), statistics and scheme-comparison pages, served as production
serves them (gunicorn, DEBUG off, WhiteNoise with hashed compressed static files), anonymously,
on the demo data. Prints each page's performance and accessibility scores, total blocking time,
largest contentful paint and the bytes transferred. Goal: performance >= 90, TBT < 200 ms,
accessibility 100 on every one.

    .venv/bin/python bench/bench_lighthouse.py [--pages top,statistics]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    ROOT,
    Gunicorn,
    app_env,
    manage,
    note,
    prepare_database,
    report,
    request,
    scratch_database,
)

LIGHTHOUSE = "lighthouse@12.2.3"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")


def _get(port: int, path: str) -> str:
    return request("127.0.0.1", port, "GET", path)[2].decode("utf-8", "replace")


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


def lighthouse(url: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [
                "npx", "--yes", LIGHTHOUSE, url,
                "--output=json", f"--output-path={out.name}",
                "--only-categories=performance,accessibility",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                "--quiet",
            ],
            env={**os.environ, "CHROME_PATH": CHROME},
            check=True,
            capture_output=True,
            timeout=240,
        )  # fmt: skip
        result = json.loads(Path(out.name).read_text())
    audits = result["audits"]
    return {
        "performance": round(result["categories"]["performance"]["score"] * 100),
        "accessibility": round(result["categories"]["accessibility"]["score"] * 100),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "kb": round(audits["total-byte-weight"]["numericValue"] / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="", help="comma-separated subset of the five")
    args = parser.parse_args()
    with scratch_database("lighthouse") as (url, _cluster):
        prepare_database(url, members=5, comments=60)
        env = app_env(url, DJANGO_STATIC_MANIFEST="1")
        manage(env, "collectstatic", "--noinput", "-v0")
        server = Gunicorn(url, workers=2)
        server.env["DJANGO_STATIC_MANIFEST"] = "1"
        with server:
            figures = {}
            for name, path in pages(server.port).items():
                if args.pages and name not in args.pages.split(","):
                    continue
                figures[name] = {"path": path, **lighthouse(server.base + path)}
                note(f"{name}: {figures[name]}")
    goals = all(
        f["performance"] >= 90 and f["tbt_ms"] < 200 and f["accessibility"] == 100
        for f in figures.values()
    )
    report("lighthouse", {**figures, "all_goals_met": goals})


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
