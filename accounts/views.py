"""Login, logout, password change, profile and language switch."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language as django_set_language

from accounts.decorators import login, public
from accounts.forms import LoginForm, ProfileForm

login_view = public(
    auth_views.LoginView.as_view(form_class=LoginForm, redirect_authenticated_user=True)
)
logout_view = public(auth_views.LogoutView.as_view())
password_change = login(
    auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:password-change-done"))
)
password_change_done = login(auth_views.PasswordChangeDoneView.as_view())
set_language = public(django_set_language)


@login
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})
