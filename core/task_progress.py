"""Progress of the task run this thread executes, reported from inside the work.

The work runs in one transaction (an import is all or nothing), so its progress is written on a
connection of its own, in autocommit: the page that polls sees it at once, and the answer says
whether the person asked to cancel, in which case TaskCancelled rolls the work back.
"""

import contextvars
import time

import psycopg
from procrastinate.contrib.django.utils import connector_params

_current: contextvars.ContextVar["Reporter | None"] = contextvars.ContextVar(
    "task_run_reporter", default=None
)
EVERY_SECONDS = 0.5  # at most two progress writes a second, however fast the loop
# Loops over rows call report_progress every this many rows: often enough for a smooth bar,
# rare enough that the call costs nothing next to the row's work.
PROGRESS_EVERY = 1000


class TaskCancelled(Exception):
    """The person cancelled the run; raised inside the work so its transaction rolls back."""


class Reporter:
    def __init__(self, task_run_id):
        self.task_run_id = task_run_id
        self._connection = None
        self._last = 0.0

    def report(self, done: int, total: int, stage: str = "", *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < EVERY_SECONDS:
            return
        self._last = now
        if self._connection is None:
            self._connection = psycopg.connect(**connector_params(), autocommit=True)
        row = self._connection.execute(
            "UPDATE core_taskrun SET done = %s, total = %s, stage = %s, updated_at = now() "
            "WHERE id = %s RETURNING cancel_requested",
            # total 0: not known yet (a workbook without dimensions); done counts on its own.
            [min(done, total) if total else done, total, stage[:200], self.task_run_id],
        ).fetchone()
        if row is not None and row[0]:
            raise TaskCancelled

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def report_progress(done: int, total: int, stage: str = "", *, force: bool = False) -> None:
    """Say how far the work has come; a no-op outside a task run (a small import in a request).
    stage is an English msgid (gettext_noop): the page translates it for its reader. force
    writes at once (a new stage). Raises TaskCancelled when the person cancelled the run."""
    reporter = _current.get()
    if reporter is not None:
        reporter.report(done, total, stage, force=force)


def reporting(reporter: Reporter):
    """Make reporter the current one; returns the token to reset."""
    return _current.set(reporter)


def stop_reporting(token) -> None:
    reporter = _current.get()
    _current.reset(token)
    if reporter is not None:
        reporter.close()
