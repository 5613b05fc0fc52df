from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = _("Policies and consultation")

    def ready(self) -> None:
        # The question comments' kind on the moderation page (core.moderation).
        from policies import moderatables  # noqa: F401
