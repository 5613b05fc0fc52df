from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.models import User
from core.text import TextGuardMixin


class LoginForm(TextGuardMixin, auth_forms.AuthenticationForm):
    """One message for every failure: never say which of name or password was wrong."""

    error_messages = {
        "invalid_login": _("The user name or password is incorrect."),
        "inactive": _("The user name or password is incorrect."),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            # django-axes has logged the failure by now; a burst of them mails the owner.
            if self.cleaned_data.get("username"):
                services.login_failures_notify(username=self.cleaned_data["username"])
            raise


class PasswordChangeForm(TextGuardMixin, auth_forms.PasswordChangeForm):
    """Django's form; the view counts wrong current passwords (see views.password_change)."""

    def wrong_current_password(self) -> bool:
        return any(
            e.code == "password_incorrect" for e in self.errors.as_data().get("old_password", [])
        )


class ProfileForm(TextGuardMixin, forms.ModelForm):
    """Name, affiliation, e-mail and digest choice; a new e-mail address needs the password."""

    current_password = forms.CharField(
        label=_("Current password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Needed only when you change your e-mail address."),
    )

    class Meta:
        model = User
        fields = ["display_name", "affiliation", "email", "digest_preference"]

    def clean(self):
        cleaned = super().clean()
        if "email" in self.changed_data and "email" not in self.errors:
            password = cleaned.get("current_password") or ""
            if not self.instance.check_password(password):
                self.add_error(
                    "current_password",
                    forms.ValidationError(
                        _("Enter your current password to change your e-mail address."),
                        code="password_needed",
                    ),
                )
        return cleaned
