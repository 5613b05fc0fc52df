"""Site search: the selector and the search page over the kinds every app declares."""

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        # Each app declares its searchable kinds in <app>/searchables.py (core.searchables).
        autodiscover_modules("searchables")
