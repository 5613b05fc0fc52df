"""Load: gunicorn with production settings on 127.0.0.1, a mixed workload, and the trivial view.

Creates a scratch database (on DATABASE_URL's server, or a throwaway embedded cluster), loads
the demo data scaled to 50 members and 2,000 comments, starts gunicorn, then drives from a
second process, for a bounded time: ~80% GETs of meeting and question pages, ~15% comment
posts through the normal form (CSRF token and all) by logged-in members, ~5% statistics page.
Then the same clients hammer /healthz/, anonymously and logged in as the same members, and the
throughput ratios are printed.

    .venv/bin/python bench/load.py [--duration 20] [--clients 4] [--workers 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    PY,
    Gunicorn,
    Session,
    comment_form,
    links,
    note,
    percentile,
    prepare_database,
    report,
    scratch_database,
)


def drive(port: int, mode: str, duration: float, clients: int, max_requests: int) -> dict:
    """Run the workload from this process's threads; returns the figures."""
    latencies: list[float] = []
    by_kind: dict[str, list[float]] = {}
    errors: Counter = Counter()
    kinds: Counter = Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + duration
    budget = [max_requests]

    def take() -> bool:
        with lock:
            if budget[0] <= 0 or time.monotonic() >= stop_at:
                return False
            budget[0] -= 1
            return True

    def timed(kind, fn, *args):
        started = time.perf_counter()
        try:
            status, resp, body = fn(*args)
        except Exception as exc:  # noqa: BLE001 - every failure counts as an error
            with lock:
                errors[f"{kind}:{type(exc).__name__}"] += 1
            return None, b""
        elapsed = time.perf_counter() - started
        with lock:
            latencies.append(elapsed)
            by_kind.setdefault(kind, []).append(elapsed)
            kinds[kind] += 1
            if status >= 400:
                errors[f"{kind}:{status}"] += 1
        return status, body

    def worker(index: int):
        rng = random.Random(index)
        session = Session(port)
        if mode == "trivial":
            while take():
                timed("healthz", session.get, "/healthz/")
            return
        if not session.login(f"bench{index:03d}"):
            with lock:
                errors["login"] += 1
            return
        if mode == "trivial-session":
            # The same logged-in members as the mixed load: session, user and role lookups
            # included, only the page itself is trivial.
            while take():
                timed("healthz", session.get, "/healthz/")
            return
        _, _, html = session.get("/meetings/")
        meetings = links(html.decode(), r"/meetings/\d+/") or ["/meetings/"]
        _, _, html = session.get("/questions/")
        questions = links(html.decode(), r"/questions/\d+/") or ["/questions/"]
        # (question path, page body) of the last question page read; parsed only when a post
        # needs it, so the client spends its share of the 2 cores on requests, not parsing.
        last_page = None
        n = 0
        while take():
            roll = rng.random()
            if roll < 0.80:
                if rng.random() < 0.5:
                    timed("meeting", session.get, rng.choice(meetings))
                else:
                    path = rng.choice(questions)
                    status, body = timed("question", session.get, path)
                    last_page = (path, body) if status == 200 else last_page
            elif roll < 0.95:
                if last_page is None:
                    path = rng.choice(questions)
                    status, body = timed("question", session.get, path)
                    last_page = (path, body) if status == 200 else None
                form = comment_form(last_page[1].decode(errors="replace")) if last_page else None
                if form is None:
                    # The comments feature is not there (yet): this share becomes reads.
                    with lock:
                        kinds["no-comment-form"] += 1
                    last_page = None
                    continue
                path = last_page[0]
                last_page = None  # each form carries its own idempotency token: use once
                n += 1
                text = f"負荷試験の投稿 {index}-{n}。派遣の裾野を広げる具体策について。"
                areas = {name for kind, name, _ in form.fields if kind == "textarea"}
                fields = [(k, text if k in areas else v) for k, v in form.values()]
                status, _ = timed("post", session.post, form.action or path, fields, path)
                if status is not None and status != 302:
                    with lock:
                        errors[f"post:{status}"] += 1
            else:
                timed("statistics", session.get, "/statistics/")
        session.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + 60)
    elapsed = time.monotonic() - started
    total = len(latencies)  # requests answered (no-comment-form is not a request)
    return {
        "requests": total,
        "seconds": round(elapsed, 1),
        "rps": round(total / elapsed, 1) if elapsed else 0,
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "mix": dict(kinds),
        "p99_ms_by_kind": {
            k: round(percentile(v, 99) * 1000, 1) for k, v in sorted(by_kind.items())
        },
    }


def run_driver(port: int, mode: str, args) -> dict:
    """The workload runs in a second process, as a client would."""
    out = subprocess.run(
        [
            PY,
            __file__,
            "drive",
            "--port",
            str(port),
            "--mode",
            mode,
            "--duration",
            str(args.duration),
            "--clients",
            str(args.clients),
            "--max-requests",
            str(args.max_requests),
        ],
        capture_output=True,
        text=True,
        timeout=args.duration + 120,
    )
    if out.returncode != 0:
        raise RuntimeError(f"driver failed: {out.stderr[-1500:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="run", choices=["run", "drive"])
    parser.add_argument("--port", type=int)
    parser.add_argument("--mode", default="mixed", choices=["mixed", "trivial", "trivial-session"])
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--max-requests", type=int, default=50_000)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--comments", type=int, default=2000)
    args = parser.parse_args()

    if args.command == "drive":
        print(
            json.dumps(drive(args.port, args.mode, args.duration, args.clients, args.max_requests))
        )
        return

    with scratch_database("load") as (url, _cluster):
        seeded = prepare_database(url, members=args.members, comments=args.comments)
        note(f"data: {seeded}")
        if seeded["comments"] is None:
            note("policies.Comment does not exist yet: comment posts will find no form")
        load_before = os.getloadavg()[0]
        with Gunicorn(url, workers=args.workers) as server:
            note(f"gunicorn on {server.base} with {args.workers} workers")
            mixed = run_driver(server.port, "mixed", args)
            note(f"mixed: {mixed}")
            if mixed["errors"]:
                note(f"server log (last lines):\n{server.tail(40)}")
            trivial = run_driver(server.port, "trivial", args)
            note(f"trivial: {trivial}")
            with_session = run_driver(server.port, "trivial-session", args)
            note(f"trivial, logged in: {with_session}")
    no_form = mixed["mix"].get("no-comment-form", 0) and not mixed["mix"].get("post")
    if no_form:
        note("no comment form found on question pages: the 15% comment share was reads")
    ratio = round(mixed["rps"] / trivial["rps"], 2) if trivial["rps"] else None
    report(
        "load",
        {
            "rps": mixed["rps"],
            "p50_ms": mixed["p50_ms"],
            "p99_ms": mixed["p99_ms"],
            "errors": mixed["errors"],
            "requests": mixed["requests"],
            "posts": mixed["mix"].get("post", 0),
            "p99_ms_by_kind": mixed["p99_ms_by_kind"],
            "healthz_rps": trivial["rps"],
            "healthz_p99_ms": trivial["p99_ms"],
            "ratio_to_healthz": ratio,
            "healthz_logged_in_rps": with_session["rps"],
            "ratio_to_healthz_logged_in": round(mixed["rps"] / with_session["rps"], 2)
            if with_session["rps"]
            else None,
            "workers": args.workers,
            "loadavg_1min_before": round(load_before, 1),
            "clients": args.clients,
            "comments_seeded": seeded["comments"],
            **({"error_kinds": mixed["error_kinds"]} if mixed["errors"] else {}),
            **({"note": "no comment form on question pages"} if no_form else {}),
        },
    )


if __name__ == "__main__":
    main()
