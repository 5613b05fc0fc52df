"""Site search: the bigram index, the selector and the search pages."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"
