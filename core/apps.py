"""Shared pieces every app uses: HTTP helpers, the public page cache, background tasks."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.contrib import admin

        from core.admin_guard import guard_registered
        from core.generation import install_triggers

        # django.contrib.admin is first in INSTALLED_APPS, so its ready() (autodiscover) has
        # imported every admin module by now: whatever a package or an app registered, or
        # re-registered, is guarded against control characters from here on.
        guard_registered(admin.site)

        # After every migrate: tables added since (any app's) get the content-change trigger.
        post_migrate.connect(install_triggers, dispatch_uid="core.generation.install_triggers")
