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

import argparse
import json
import os
import random
import signal
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    Gunicorn,
    Session,
    app_env,
    comment_form,
    links,
    manage,
    note,
    prepare_database,
    report,
    scratch_database,
)

STORED = """
import json
from django.apps import apps
Comment = apps.get_model("policies", "Comment")
print(json.dumps(list(Comment.objects.filter(body__startswith={prefix!r})
      .values_list("body", flat=True))))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--kill-every", type=float, default=3.0)
    parser.add_argument("--use-database-url", action="store_true")
    args = parser.parse_args()

    own = not (args.use_database_url and os.environ.get("DATABASE_URL"))
    run_id = uuid.uuid4().hex[:8]
    prefix = f"durability-{run_id}-"
    with scratch_database("durability", own_cluster=own) as (url, cluster):
        seeded = prepare_database(url, members=args.clients, comments=0)
        if seeded["comments"] is None:
            note("skipped: policies.Comment does not exist yet")
            report("durability", {"skipped": "no Comment model yet"})
            return
        with Gunicorn(url, workers=args.workers) as server:
            probe = Session(server.port)
            probe.login("bench000")
            _, _, html = probe.get("/questions/")
            questions = links(html.decode(), r"/questions/\d+/")
            open_questions = []
            for path in questions:
                status, _, body = probe.get(path)
                if status == 200 and comment_form(body.decode(errors="replace")):
                    open_questions.append(path)
            probe.close()
            if not open_questions:
                note("skipped: no question page shows a comment form to a member")
                report("durability", {"skipped": "no comment form on question pages"})
                return
            note(f"posting to {len(open_questions)} questions on {server.base}")

            acked: list[str] = []
            attempts = [0]
            failures: dict[str, int] = {}
            lock = threading.Lock()
            stop_at = time.monotonic() + args.duration

            def fail(kind: str) -> None:
                with lock:
                    failures[kind] = failures.get(kind, 0) + 1

            def poster(index: int) -> None:
                rng = random.Random(index)
                session = Session(server.port, timeout=15)
                n = 0
                while time.monotonic() < stop_at:
                    try:
                        if "sessionid" not in session.cookies and not session.login(
                            f"bench{index:03d}"
                        ):
                            fail("login")
                            time.sleep(0.2)
                            continue
                        path = rng.choice(open_questions)
                        status, _, body = session.get(path)
                        form = (
                            comment_form(body.decode(errors="replace")) if status == 200 else None
                        )
                        if form is None:
                            fail(f"get:{status}")
                            time.sleep(0.1)
                            continue
                        n += 1
                        text = f"{prefix}{index}-{n}"
                        areas = {name for kind, name, _ in form.fields if kind == "textarea"}
                        fields = [(k, text if k in areas else v) for k, v in form.values()]
                        with lock:
                            attempts[0] += 1
                        status, _, _ = session.post(form.action or path, fields, path)
                        if status == 302:
                            with lock:
                                acked.append(text)
                        else:
                            fail(f"post:{status}")
                    except Exception as exc:  # noqa: BLE001 - faults are the point of this run
                        fail(type(exc).__name__)
                        session.close()
                        session.conn = None
                        time.sleep(0.1)
                session.close()

            threads = [threading.Thread(target=poster, args=(i,)) for i in range(args.clients)]
            for t in threads:
                t.start()
            kills = 0
            restarted = "skipped (server not ours)" if cluster is None else "no"
            restart_at = time.monotonic() + args.duration / 2
            next_kill = time.monotonic() + args.kill_every
            while time.monotonic() < stop_at:
                now = time.monotonic()
                if now >= next_kill:
                    pids = server.worker_pids()
                    if pids:
                        os.kill(random.choice(pids), signal.SIGKILL)
                        kills += 1
                    next_kill = now + args.kill_every
                if cluster is not None and restarted == "no" and now >= restart_at:
                    note("restarting PostgreSQL")
                    cluster.restart()
                    restarted = "yes"
                time.sleep(0.1)
            for t in threads:
                t.join(timeout=60)
            if cluster is None:
                note("PostgreSQL restart skipped: DATABASE_URL's server was not started by us")

        out = manage(app_env(url), "shell", "-c", STORED.format(prefix=prefix))
        stored = set(json.loads(out.strip().splitlines()[-1]))
    lost = sorted(set(acked) - stored)
    figures = {
        "attempted": attempts[0],
        "acknowledged": len(acked),
        "stored": len(stored),
        "lost": len(lost),
        "worker_kills": kills,
        "pg_restart": restarted,
        "failed_requests": sum(failures.values()),
    }
    if failures:
        figures["failure_kinds"] = failures
    if lost:
        figures["lost_sample"] = lost[:5]
    note(f"acknowledged {len(acked)}, stored {len(stored)}, lost {len(lost)}")
    report("durability", figures)
    if lost:
        sys.exit(1)


if __name__ == "__main__":
    main()
