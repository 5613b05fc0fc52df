"""Durability: post comments while gunicorn workers are SIGKILLed and PostgreSQL restarts.

Starts its own throwaway PostgreSQL cluster (pgserver, in a temporary directory) so that it
may restart it mid-run, loads the demo data, starts gunicorn (production settings, loopback)
and lets a few logged-in members post comments through the normal form for a bounded time.
Meanwhile it kills a worker every few seconds (the master respawns it) and restarts the
server once. Afterwards: every comment the client saw acknowledged (302 after the POST)
must be in the database. Prints acknowledged, stored and lost.

    .venv/bin/python bench/durability.py [--duration 20] [--use-database-url]

With --use-database-url the scratch database is made on DATABASE_URL's server, which this
script did not start: the PostgreSQL restart is then skipped (printed).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import threading
import time
import uuid

import common

STORED = """
import json
from django.apps import apps
Comment = apps.get_model("policies", "Comment")
print(json.dumps(list(Comment.objects.filter(body__startswith={prefix!r})
      .values_list("body", flat=True))))
"""


def _open_questions(port: int) -> list[str]:
    """The question pages that show a member the comment form."""
    probe = common.Session(port)
    probe.login("bench000")
    _, _, html = probe.get("/questions/")
    found = []
    for path in common.links(html.decode(), r"/questions/\d+/"):
        status, _, body = probe.get(path)
        if status == 200 and common.comment_form(body.decode(errors="replace")):
            found.append(path)
    probe.close()
    return found


class Posters:
    """Members posting comments until stop_at; acked holds the bodies answered with 302."""

    def __init__(self, port: int, questions: list[str], prefix: str, stop_at: float):
        self.port, self.questions, self.prefix, self.stop_at = port, questions, prefix, stop_at
        self.acked: list[str] = []
        self.attempts = 0
        self.failures: dict[str, int] = {}
        self.lock = threading.Lock()

    def fail(self, kind: str) -> None:
        with self.lock:
            self.failures[kind] = self.failures.get(kind, 0) + 1

    def post_once(self, session, rng, label: str) -> None:
        path = rng.choice(self.questions)
        status, _, body = session.get(path)
        form = common.comment_form(body.decode(errors="replace")) if status == 200 else None
        if form is None:
            self.fail(f"get:{status}")
            time.sleep(0.1)
            return
        text = f"{self.prefix}{label}"
        areas = {name for kind, name, _ in form.fields if kind == "textarea"}
        fields = [(k, text if k in areas else v) for k, v in form.values()]
        with self.lock:
            self.attempts += 1
        status, _, _ = session.post(form.action or path, fields, path)
        if status == 302:
            with self.lock:
                self.acked.append(text)
        else:
            self.fail(f"post:{status}")

    def poster(self, index: int) -> None:
        rng = random.Random(index)
        session = common.Session(self.port, timeout=15)
        n = 0
        while time.monotonic() < self.stop_at:
            try:
                if "sessionid" not in session.cookies and not session.login(f"bench{index:03d}"):
                    self.fail("login")
                    time.sleep(0.2)
                    continue
                n += 1
                self.post_once(session, rng, f"{index}-{n}")
            except Exception as exc:  # noqa: BLE001 - faults are the point of this run
                self.fail(type(exc).__name__)
                session.close()
                session.conn = None
                time.sleep(0.1)
        session.close()


def _faults(server, cluster, *, stop_at: float, duration: float, kill_every: float):
    """SIGKILL a worker every kill_every seconds and restart our own PostgreSQL once."""
    kills = 0
    restarted = "skipped (server not ours)" if cluster is None else "no"
    restart_at = time.monotonic() + duration / 2
    next_kill = time.monotonic() + kill_every
    while time.monotonic() < stop_at:
        now = time.monotonic()
        if now >= next_kill:
            pids = server.worker_pids()
            if pids:
                os.kill(random.choice(pids), signal.SIGKILL)
                kills += 1
            next_kill = now + kill_every
        if cluster is not None and restarted == "no" and now >= restart_at:
            common.note("restarting PostgreSQL")
            cluster.restart()
            restarted = "yes"
        time.sleep(0.1)
    return kills, restarted


def _run(args, url, cluster, prefix):
    """Post under faults; returns (posters, kills, restarted) or None when there is nothing to
    post to."""
    with common.Gunicorn(url, workers=args.workers) as server:
        open_questions = _open_questions(server.port)
        if not open_questions:
            return None
        common.note(f"posting to {len(open_questions)} questions on {server.base}")
        stop_at = time.monotonic() + args.duration
        posters = Posters(server.port, open_questions, prefix, stop_at)
        threads = [threading.Thread(target=posters.poster, args=(i,)) for i in range(args.clients)]
        for t in threads:
            t.start()
        kills, restarted = _faults(
            server, cluster, stop_at=stop_at, duration=args.duration, kill_every=args.kill_every
        )
        for t in threads:
            t.join(timeout=60)
        if cluster is None:
            common.note("PostgreSQL restart skipped: DATABASE_URL's server was not started by us")
    return posters, kills, restarted


def main() -> None:
    args = common.options(
        __doc__, duration=20.0, clients=3, workers=3, kill_every=3.0, use_database_url=False
    )
    own = not (args.use_database_url and os.environ.get("DATABASE_URL"))
    prefix = f"durability-{uuid.uuid4().hex[:8]}-"
    served = common.served_database("durability", members=args.clients, comments=0, own_cluster=own)
    with served as (url, cluster, seeded):
        if seeded["comments"] is None:
            common.note("skipped: policies.Comment does not exist yet")
            common.report("durability", {"skipped": "no Comment model yet"})
            return
        ran = _run(args, url, cluster, prefix)
        if ran is None:
            common.note("skipped: no question page shows a comment form to a member")
            common.report("durability", {"skipped": "no comment form on question pages"})
            return
        posters, kills, restarted = ran
        out = common.manage(common.app_env(url), "shell", "-c", STORED.format(prefix=prefix))
        stored = set(json.loads(out.strip().splitlines()[-1]))
    lost = sorted(set(posters.acked) - stored)
    figures = {
        "attempted": posters.attempts,
        "acknowledged": len(posters.acked),
        "stored": len(stored),
        "lost": len(lost),
        "worker_kills": kills,
        "pg_restart": restarted,
        "failed_requests": sum(posters.failures.values()),
    }
    if posters.failures:
        figures["failure_kinds"] = posters.failures
    if lost:
        figures["lost_sample"] = lost[:5]
    common.note(f"acknowledged {len(posters.acked)}, stored {len(stored)}, lost {len(lost)}")
    common.report("durability", figures)
    if lost:
        sys.exit(1)


if __name__ == "__main__":
    main()
