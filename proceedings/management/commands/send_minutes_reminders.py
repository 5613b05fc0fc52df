"""Remind the speakers who have not confirmed a 議事録 out for confirmation (at most one mail a
day per member and record: the NotificationLog keys of policies.notifications dedupe them)."""

from django.core.management.base import BaseCommand

from proceedings.models import Record
from proceedings.services.confirm import reminders_send


class Command(BaseCommand):
    help = "Send due minutes-confirmation reminders (idempotent: safe to run every few minutes)."

    def handle(self, *args, **options):
        sent = 0
        for record in Record.objects.filter(status=Record.Status.CONFIRMING):
            sent += reminders_send(record=record)
        if options["verbosity"] >= 1:
            self.stdout.write(f"minutes-confirm={sent}")
