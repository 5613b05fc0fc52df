"""Load the demo committee: meetings 第5回〜第8回, questions, strategy, schemes, statistics.

Idempotent: run it as often as you like; it updates what is there and adds what is not.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: questions hang on agenda items; their evidence cites schemes and series.
SEEDERS = ["accounts", "committee", "schemes", "dispatch_stats", "policies", "reports"]


class Command(BaseCommand):
    help = "Create or refresh the demo data from the 2026-03-30 deck."

    def handle(self, *args, **options):
        for app in SEEDERS:
            module = import_module(f"{app}.demo")
            with transaction.atomic():
                result = module.seed()
            self.stdout.write(
                f"seeded {app}" + (f": {len(result)}" if hasattr(result, "__len__") else "")
            )
