from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class LoginForm(AuthenticationForm):
    """One message for every failure: never say which of name or password was wrong."""

    error_messages = {
        "invalid_login": _("The user name or password is incorrect."),
        "inactive": _("The user name or password is incorrect."),
    }


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "affiliation", "email", "digest_preference"]
