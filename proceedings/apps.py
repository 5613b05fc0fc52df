"""The meeting record: attendance and quorum, minutes by speaker, and 書面審議."""

from django.apps import AppConfig


class ProceedingsConfig(AppConfig):
    name = "proceedings"
    verbose_name = "Proceedings"
