"""A 100,000-row import as a background task, through the site as an admin does it, while members
keep reading pages: gunicorn as `make run` serves (config/gunicorn.conf.py, production settings)
and one procrastinate worker, on the demo data.

The admin uploads the generated survey workbook: the upload answers at once with a redirect to
the dry run's progress page (the worker reads and checks the file); the admin polls that page
as its progress bar does until it is finished, follows its link to the preview, confirms (a
redirect to the confirm's progress page) and polls again until the import is finished.
Meanwhile --readers logged-in members read the top, meeting, question and statistics pages in
turn (a short pause between pages); the same readers run for the same time before the import as
the baseline. Prints, for the dry run and the confirm: the time to the first progress shown,
to finish, and the progress values and stages the page showed; the upload request's time; the
rows written; p50/p99 of the readers' pages before, during the dry run and during the confirm,
and the worse p99's ratio to before. Goal (issue 18): the admin sees the progress and the site
stays responsive (p99 during the import under 250 ms and no errors).

    .venv/bin/python bench/bench_import_task.py [--rows 100000] [--readers 2] [--baseline 15]
"""

from __future__ import annotations

import re
import threading
import time

import common

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The bar's value, or (while the end is not known yet) "これまでに 3000 行" in the text; the stage
# follows the text's last ": ", or is the whole text when a stage has just begun.
PROGRESS = re.compile(r'<progress id="task-progress-bar" max="\d+" value="(\d+)"')
STAGE_ONLY = re.compile(r'<p id="task-progress-text">([^<\d:]+)</p>')
SO_FAR = re.compile(r'<p id="task-progress-text">[^<\d]*(\d+)')
STAGE = re.compile(r'<p id="task-progress-text">[^<]*?: ([^<:]+)</p>')
CONTINUE = re.compile(r'<p><a href="(/statistics/import/checks/[^"]+/|/statistics/import/log/)"')
MAKE_ADMIN = (
    "from django.contrib.auth.models import Group; from accounts import roles; "
    "from accounts.models import User; "
    "u, _ = User.objects.get_or_create(username='benchadmin', "
    "defaults={'display_name': '管理者'}); "
    f"u.set_password('{common.BENCH_PASSWORD}'); u.save(); "
    "u.groups.add(Group.objects.get_or_create(name=roles.ADMIN)[0])"
)
COUNT_ROWS = (
    "from dispatch_stats.models import YearlyFigure; "
    "print(YearlyFigure.objects.filter(source__name__startswith='ベンチ出典').count())"
)


class Readers:
    """Members reading pages in turn from start() to stop(); every page's (start time, ms, ok)."""

    def __init__(self, port: int, paths: list[str], count: int):
        self.paths = paths
        self.sessions = [common.Session(port, timeout=60) for _ in range(count)]
        for index, session in enumerate(self.sessions):  # signed in before any timing
            assert session.login(f"bench{index:03d}"), f"bench{index:03d} could not sign in"
        self.pages: list[tuple[float, float, bool]] = []
        self.lock = threading.Lock()
        self.halt = threading.Event()
        self.threads: list[threading.Thread] = []

    def _read(self, index: int) -> None:
        session = self.sessions[index]
        n = index
        while not self.halt.is_set():
            at = time.monotonic()
            try:
                status, _, _ = session.get(self.paths[n % len(self.paths)])
            except OSError:
                status = 0
            with self.lock:
                self.pages.append((at, (time.monotonic() - at) * 1000, status == 200))
            n += 1
            self.halt.wait(0.2)  # a reader's pause between pages

    def start(self) -> None:
        self.pages = []
        self.halt.clear()
        self.threads = [
            threading.Thread(target=self._read, args=(i,)) for i in range(len(self.sessions))
        ]
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.halt.set()
        for thread in self.threads:
            thread.join(timeout=90)

    def figures(self, since: float = 0, until: float = float("inf")) -> dict:
        """Pages started in [since, until)."""
        chosen = [(ms, ok) for at, ms, ok in self.pages if since <= at < until]
        ms = [m for m, _ in chosen]
        return {
            "requests": len(ms),
            "p50_ms": round(common.percentile(ms, 50), 1),
            "p99_ms": round(common.percentile(ms, 99), 1),
            "errors": sum(not ok for _, ok in chosen),
        }


def reader_paths(port: int) -> list[str]:
    session = common.Session(port)
    meetings = re.findall(r'href="(/meetings/\d+/)"', session.get("/meetings/")[2].decode())
    questions = re.findall(r'href="(/questions/\d+/)"', session.get("/questions/")[2].decode())
    session.close()
    return ["/", *meetings[:1], *questions[:1], "/statistics/"]


def upload(admin: common.Session, data: bytes) -> tuple[float, str]:
    """(upload request seconds, the dry run's progress page path)."""
    page = admin.get("/statistics/import/")[2].decode()
    form = common.find_form(page, lambda f: "kind" in f.names() and f.method == "post")
    fields = [(k, v) for k, v in form.values() if k != "kind"] + [("kind", "yearly")]
    started = time.perf_counter()
    status, resp, _ = admin.post_multipart(
        "/statistics/import/", fields, [("file", "bench.xlsx", XLSX, data)]
    )
    upload_s = time.perf_counter() - started
    location = resp.getheader("Location", "")
    assert status == 302 and "/tasks/" in location, f"dry run not a task ({status} {location})"
    return upload_s, location.replace(f"http://127.0.0.1:{admin.port}", "")


def confirm(admin: common.Session, preview_path: str) -> str:
    """Post the preview's confirm form; the confirm's progress page path."""
    status, _, body = admin.get(preview_path)
    form = common.find_form(body.decode(), lambda f: "token" in f.names())
    assert status == 200 and form is not None, f"no preview ({status})"
    status, resp, _ = admin.post(form.action, form.values(), preview_path)
    location = resp.getheader("Location", "")
    assert status == 302 and "/tasks/" in location, f"not run as a task ({status} {location})"
    return location.replace(f"http://127.0.0.1:{admin.port}", "")


def follow_progress(admin: common.Session, path: str, since: float) -> dict:
    """Poll the progress page once a second (as its HTMX trigger does) until it is finished;
    times from `since` (the upload or confirm was sent)."""
    seen, stages, first_at, html = [], [], None, ""
    while time.monotonic() - since < 900:
        html = admin.get(path)[2].decode()
        if "task-done" in html or "errorlist" in html or "task-cancelled" in html:
            break
        done = PROGRESS.search(html) or (
            SO_FAR.search(html) if 'task-progress-bar" aria' in html else None
        )
        if done and (not seen or seen[-1] != done.group(1)):
            seen.append(done.group(1))
            first_at = first_at or time.monotonic()
        stage = STAGE.search(html) or STAGE_ONLY.search(html)
        if stage and stage.group(1) not in stages:
            stages.append(stage.group(1))
            first_at = first_at or time.monotonic()  # a stage begun is progress shown too
        time.sleep(1)
    finished = time.monotonic()
    link = CONTINUE.search(html)
    return {
        "s": round(finished - since, 1),
        "first_progress_s": round(first_at - since, 1) if first_at else None,
        "progress_updates_seen": len(seen),
        "progress_values": ", ".join(seen if len(seen) <= 8 else [*seen[:6], "…", seen[-1]]),
        "stages": " / ".join(stages),
        "state": ("done" if "task-done" in html else "failed or cancelled") if link else "?",
        "next": link.group(1) if link else "",
    }


def admin_import(port: int, data: bytes) -> tuple[dict, float, float]:
    """The admin's whole import: (figures, when the confirm was sent, when it finished)."""
    admin = common.Session(port, timeout=300)
    assert admin.login("benchadmin"), "the admin could not sign in"
    sent = time.monotonic()
    upload_s, dry_path = upload(admin, data)
    dry = follow_progress(admin, dry_path, sent)
    assert dry["state"] == "done" and dry["next"], f"dry run ended {dry}"
    confirm_path = confirm(admin, dry["next"])
    confirmed_at = time.monotonic()
    task = follow_progress(admin, confirm_path, confirmed_at)
    admin.close()
    figures = {"upload_request_s": round(upload_s, 2)}
    figures.update({f"dry_run_{k}": v for k, v in dry.items() if k not in ("next", "state")})
    figures.update({f"confirm_{k}": v for k, v in task.items() if k != "next"})
    return figures, confirmed_at, time.monotonic()


def run(url: str, args) -> dict:
    env = common.app_env(url)
    common.manage(env, "shell", "-c", MAKE_ADMIN)
    data = common.build_workbook(args.rows)
    with (
        common.Gunicorn(url, workers=2, production_config=True) as server,
        common.TaskWorker(env) as worker,
    ):
        readers = Readers(server.port, reader_paths(server.port), args.readers)
        readers.start()
        time.sleep(args.baseline)
        readers.stop()
        baseline = readers.figures()
        common.note(f"baseline: {baseline}")
        readers.start()  # the same readers through the upload, the dry run and the confirm
        upload_at = time.monotonic()
        progress, confirmed_at, finished_at = admin_import(server.port, data)
        readers.stop()
        dry_run = readers.figures(upload_at, confirmed_at)
        during = readers.figures(confirmed_at, finished_at)
        common.note(f"dry run: {dry_run}; confirm: {during}; progress: {progress}")
        if progress.get("confirm_state") != "done":
            common.note(worker.tail())
    # The last line: the shell may print how many objects it imported first.
    written = int(common.manage(env, "shell", "-c", COUNT_ROWS).strip().splitlines()[-1])
    return {
        "rows": args.rows,
        "rows_written": written,
        **progress,
        "readers": args.readers,
        **{f"before_{k}": v for k, v in baseline.items()},
        **{f"readers_dry_run_{k}": v for k, v in dry_run.items()},
        **{f"readers_confirm_{k}": v for k, v in during.items()},
        "p99_ratio": round(max(during["p99_ms"], dry_run["p99_ms"]) / baseline["p99_ms"], 2)
        if baseline["p99_ms"]
        else None,
    }


def main() -> None:
    baseline = common.option(15.0, "seconds of reading before", type=float)
    args = common.options(__doc__, rows=100_000, readers=2, baseline=baseline)
    members = max(2, args.readers)
    with common.served_database("importtask", members=members, comments=60) as db:
        figures = run(db.url, args)
    figures["goal"] = "progress shown; p99 during the import < 250 ms, 0 errors"
    common.report("import as a task", figures, echo=True)


if __name__ == "__main__":
    main()
