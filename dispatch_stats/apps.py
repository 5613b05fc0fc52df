from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DispatchStatsConfig(AppConfig):
    name = "dispatch_stats"
    verbose_name = _("Dispatch statistics")
