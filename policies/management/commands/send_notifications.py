"""Send the e-mail that is due: periods opening, 48-hour reminders, daily reply digests."""

from django.core.management.base import BaseCommand

from policies.notifications import send_due


class Command(BaseCommand):
    help = "Send due notifications (idempotent: safe to run every few minutes)."

    def handle(self, *args, **options):
        counts = send_due()
        if options["verbosity"] >= 1:
            self.stdout.write(" ".join(f"{kind}={n}" for kind, n in counts.items()))
        if counts["failed"]:
            self.stderr.write(f"{counts['failed']} mail(s) could not be sent (not retried).")
