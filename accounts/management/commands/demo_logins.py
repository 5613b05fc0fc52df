"""Print the demo logins (development only)."""

from django.core.management.base import BaseCommand

from accounts import demo


class Command(BaseCommand):
    help = "Print the demo accounts and their password."

    def handle(self, *args, **options):
        if not demo.enabled():
            self.stdout.write("Demo accounts exist only when DJANGO_DEBUG=1 or DJANGO_DEMO=1.")
            return
        import os

        port = os.environ.get("PORT", "8000")
        self.stdout.write("")
        self.stdout.write(f"Serving on http://127.0.0.1:{port}/")
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        for username, display_name, role_list, _affiliation in demo.DEMO_USERS:
            self.stdout.write(f"  {username:<12} {display_name}  [{', '.join(role_list)}]")
        self.stdout.write("")
