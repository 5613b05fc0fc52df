"""Check the audit trail's hash chain; exit 1 and name the first broken entry."""

from django.core.management.base import BaseCommand, CommandError

from audit.chain import verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain, oldest entry first."

    def handle(self, *args, **options):
        checked, broken = verify()
        if broken is not None:
            raise CommandError(
                f"Audit chain BROKEN at entry #{broken.entry_id}: {broken.reason} "
                f"({checked} entries before it are intact).",
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {checked} entries."))
