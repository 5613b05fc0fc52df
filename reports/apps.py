"""The committee's report (とりまとめ): editions, paragraphs, dispositions and outputs."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        # A paragraph's reviews on the moderation page, next to question comments.
        from reports.review import moderatables  # noqa: F401
