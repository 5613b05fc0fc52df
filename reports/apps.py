"""The committee's report (とりまとめ): editions, paragraphs, dispositions and outputs."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Reports"
