"""Background work the site tracks for a person: one row per task run (a large import), with
its progress, outcome and a cancel request. The queue itself is procrastinate's (core.tasks)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.bases import Stamped


class TaskRun(Stamped):
    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    FINISHED = (State.DONE, State.FAILED, State.CANCELLED)

    # Random ids: a run's URL says nothing about how many there are.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    label = models.CharField(_("task"), max_length=200)
    target = models.CharField(max_length=200)  # dotted path, one of BACKGROUND_TASK_TARGETS
    arguments = models.JSONField(default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="task_runs"
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    outcome = models.TextField(blank=True)  # what the person reads when it ends
    done_url = models.CharField(max_length=300, blank=True)
    cancel_requested = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background task")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done__lte=models.F("total")) | models.Q(total=0),
                name="taskrun_done_within_total",
            )
        ]

    def __str__(self):
        return f"{self.label} ({self.get_state_display()})"

    @property
    def is_finished(self) -> bool:
        return self.state in self.FINISHED

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


class ContentChange(models.Model):
    """One row per committed transaction that wrote content (PostgreSQL statement triggers,
    core.generation): their count is the content generation the public page cache keys on."""

    txid = models.BigIntegerField(primary_key=True)
    at = models.DateTimeField()

    def __str__(self):
        return f"{self.txid} at {self.at}"


class ContentGenerationBase(models.Model):
    """Changes already compacted out of ContentChange (generation = compacted + rows left)."""

    compacted = models.BigIntegerField(default=0)
    at = models.DateTimeField(null=True)

    def __str__(self):
        return f"{self.compacted} changes until {self.at}"
