from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import session_timeout_start

        # The session's clocks start at sign-in, so no request has to write them later.
        user_logged_in.connect(session_timeout_start, dispatch_uid="accounts-session-timeout")
