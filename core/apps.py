"""Shared pieces every app uses: HTTP helpers, the public page cache, background tasks."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"
