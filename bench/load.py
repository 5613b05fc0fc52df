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

import json
import os
import random
import subprocess
import threading
import time
from collections import Counter

import common


class Workload:
    """The clients' shared counters; each worker thread runs one member's session."""

    def __init__(self, port: int, mode: str, duration: float, max_requests: int):
        self.port, self.mode = port, mode
        self.latencies: list[float] = []
        self.by_kind: dict[str, list[float]] = {}
        self.errors: Counter = Counter()
        self.kinds: Counter = Counter()
        self.lock = threading.Lock()
        self.stop_at = time.monotonic() + duration
        self.budget = max_requests

    def take(self) -> bool:
        with self.lock:
            if self.budget <= 0 or time.monotonic() >= self.stop_at:
                return False
            self.budget -= 1
            return True

    def count(self, key: str, counter: str = "errors") -> None:
        with self.lock:
            getattr(self, counter)[key] += 1

    def timed(self, kind, fn, *args):
        started = time.perf_counter()
        try:
            status, _resp, body = fn(*args)
        except Exception as exc:  # noqa: BLE001 - every failure counts as an error
            self.count(f"{kind}:{type(exc).__name__}")
            return None, b""
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latencies.append(elapsed)
            self.by_kind.setdefault(kind, []).append(elapsed)
            self.kinds[kind] += 1
            if status >= 400:
                self.errors[f"{kind}:{status}"] += 1
        return status, body

    def worker(self, index: int) -> None:
        session = common.Session(self.port)
        if self.mode == "trivial":
            while self.take():
                self.timed("healthz", session.get, "/healthz/")
            return
        if not session.login(f"bench{index:03d}"):
            self.count("login")
            return
        if self.mode == "trivial-session":
            # The same logged-in members as the mixed load: session, user and role lookups
            # included, only the page itself is trivial.
            while self.take():
                self.timed("healthz", session.get, "/healthz/")
            return
        self.mixed(session, index)
        session.close()

    def read_question(self, session, questions, rng, last_page):
        path = rng.choice(questions)
        status, body = self.timed("question", session.get, path)
        return (path, body) if status == 200 else last_page

    def mixed(self, session, index: int) -> None:
        rng = random.Random(index)
        _, _, html = session.get("/meetings/")
        meetings = common.links(html.decode(), r"/meetings/\d+/") or ["/meetings/"]
        _, _, html = session.get("/questions/")
        questions = common.links(html.decode(), r"/questions/\d+/") or ["/questions/"]
        # (question path, page body) of the last question page read; parsed only when a post
        # needs it, so the client spends its share of the 2 cores on requests, not parsing.
        last_page = None
        n = 0
        while self.take():
            roll = rng.random()
            if roll < 0.80:
                if rng.random() < 0.5:
                    self.timed("meeting", session.get, rng.choice(meetings))
                else:
                    last_page = self.read_question(session, questions, rng, last_page)
            elif roll < 0.95:
                if last_page is None:
                    last_page = self.read_question(session, questions, rng, None)
                n += 1
                self.post(session, last_page, f"{index}-{n}")
                last_page = None  # each form carries its own idempotency token: use once
            else:
                self.timed("statistics", session.get, "/statistics/")

    def post(self, session, last_page, label: str) -> None:
        form = common.comment_form(last_page[1].decode(errors="replace")) if last_page else None
        if form is None:
            # The comments feature is not there (yet): this share becomes reads.
            self.count("no-comment-form", "kinds")
            return
        path = last_page[0]
        text = f"負荷試験の投稿 {label}。派遣の裾野を広げる具体策について。"
        areas = {name for kind, name, _ in form.fields if kind == "textarea"}
        fields = [(k, text if k in areas else v) for k, v in form.values()]
        status, _ = self.timed("post", session.post, form.action or path, fields, path)
        if status is not None and status != 302:
            self.count(f"post:{status}")

    def figures(self, elapsed: float) -> dict:
        total = len(self.latencies)  # requests answered (no-comment-form is not a request)
        return {
            "requests": total,
            "seconds": round(elapsed, 1),
            "rps": round(total / elapsed, 1) if elapsed else 0,
            "p50_ms": round(common.percentile(self.latencies, 50) * 1000, 1),
            "p99_ms": round(common.percentile(self.latencies, 99) * 1000, 1),
            "errors": sum(self.errors.values()),
            "error_kinds": dict(self.errors),
            "mix": dict(self.kinds),
            "p99_ms_by_kind": {
                k: round(common.percentile(v, 99) * 1000, 1)
                for k, v in sorted(self.by_kind.items())
            },
        }


def drive(port: int, mode: str, duration: float, clients: int, max_requests: int) -> dict:
    """Run the workload from this process's threads; returns the figures."""
    workload = Workload(port, mode, duration, max_requests)
    started = time.monotonic()
    threads = [threading.Thread(target=workload.worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + 60)
    return workload.figures(time.monotonic() - started)


def run_driver(port: int, mode: str, args) -> dict:
    """The workload runs in a second process, as a client would."""
    out = subprocess.run(
        [
            common.PY,
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


def _arguments():
    return common.options(
        __doc__,
        command=common.option("run", positional=True, nargs="?", choices=["run", "drive"]),
        port=common.option(type=int),
        mode=common.option("mixed", choices=["mixed", "trivial", "trivial-session"]),
        duration=20.0,
        clients=4,
        workers=3,
        max_requests=50_000,
        members=50,
        comments=2000,
    )


def _figures(mixed, trivial, with_session, *, args, seeded, load_before, no_form) -> dict:
    ratio = round(mixed["rps"] / trivial["rps"], 2) if trivial["rps"] else None
    logged_in = with_session["rps"]
    return {
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
        "healthz_logged_in_rps": logged_in,
        "ratio_to_healthz_logged_in": round(mixed["rps"] / logged_in, 2) if logged_in else None,
        "workers": args.workers,
        "loadavg_1min_before": round(load_before, 1),
        "clients": args.clients,
        "comments_seeded": seeded["comments"],
        **({"error_kinds": mixed["error_kinds"]} if mixed["errors"] else {}),
        **({"note": "no comment form on question pages"} if no_form else {}),
    }


def main() -> None:
    args = _arguments()
    if args.command == "drive":
        print(
            json.dumps(drive(args.port, args.mode, args.duration, args.clients, args.max_requests))
        )
        return

    served = common.served_database("load", members=args.members, comments=args.comments)
    with served as (url, _cluster, seeded):
        common.note(f"data: {seeded}")
        if seeded["comments"] is None:
            common.note("policies.Comment does not exist yet: comment posts will find no form")
        load_before = os.getloadavg()[0]
        with common.Gunicorn(url, workers=args.workers) as server:
            common.note(f"gunicorn on {server.base} with {args.workers} workers")
            mixed = run_driver(server.port, "mixed", args)
            common.note(f"mixed: {mixed}")
            if mixed["errors"]:
                common.note(f"server log (last lines):\n{server.tail(40)}")
            trivial = run_driver(server.port, "trivial", args)
            common.note(f"trivial: {trivial}")
            with_session = run_driver(server.port, "trivial-session", args)
            common.note(f"trivial, logged in: {with_session}")
    no_form = mixed["mix"].get("no-comment-form", 0) and not mixed["mix"].get("post")
    if no_form:
        common.note("no comment form found on question pages: the 15% comment share was reads")
    figures = _figures(
        mixed,
        trivial,
        with_session,
        args=args,
        seeded=seeded,
        load_before=load_before,
        no_form=no_form,
    )
    common.report("load", figures)


if __name__ == "__main__":
    main()
