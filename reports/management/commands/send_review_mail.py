"""Send the review mail due now (opening notices, 48-hour reminders); run it with
send_notifications, every few minutes."""

from django.core.management.base import BaseCommand

from reports.review.notifications import send_review_mail


class Command(BaseCommand):
    help = "Send the draft report review mail that is due (each mail once)."

    def handle(self, *args, **options):
        counts = send_review_mail()
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))
