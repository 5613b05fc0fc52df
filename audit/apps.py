from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        # Sign-ins happen inside django.contrib.auth (and axes): its signals are the only
        # hook that sees every one, so these receivers are the accepted exception.
        from django.contrib.auth import signals

        from audit import receivers

        signals.user_logged_in.connect(receivers.on_login, dispatch_uid="audit-login")
        signals.user_logged_out.connect(receivers.on_logout, dispatch_uid="audit-logout")
        signals.user_login_failed.connect(
            receivers.on_login_failed, dispatch_uid="audit-login-failed"
        )
