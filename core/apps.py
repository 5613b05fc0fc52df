"""Shared pieces every app uses: HTTP helpers, the public page cache, background tasks."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core.generation import install_triggers

        # After every migrate: tables added since (any app's) get the content-change trigger.
        post_migrate.connect(install_triggers, dispatch_uid="core.generation.install_triggers")
