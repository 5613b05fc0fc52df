"""Login, logout, password change, profile and language switch."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language as django_set_language

from accounts import services
from accounts.decorators import login, public
from accounts.forms import LoginForm, PasswordChangeForm, ProfileForm

# Wrong current passwords typed in this session (password change and e-mail change together).
FAILED_REAUTH_KEY = "accounts_failed_reauth"

login_view = public(
    auth_views.LoginView.as_view(form_class=LoginForm, redirect_authenticated_user=True)
)
logout_view = public(auth_views.LogoutView.as_view())
password_change_done = login(auth_views.PasswordChangeDoneView.as_view())
set_language = public(django_set_language)


def _wrong_password_typed(request):
    """Count one more wrong current password; after PASSWORD_CHANGE_MAX_FAILURES the session
    ends (here and everywhere else the user is signed in): whoever holds it must sign in again."""
    count = request.session.get(FAILED_REAUTH_KEY, 0) + 1
    if count < settings.PASSWORD_CHANGE_MAX_FAILURES:
        request.session[FAILED_REAUTH_KEY] = count
        return None
    user = request.user
    logout(request)
    services.user_sessions_end(user=user)
    messages.error(
        request,
        _("The current password was wrong too many times, so you were signed out. Sign in again."),
    )
    return redirect(settings.LOGIN_URL)


class _PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:password-change-done")

    def form_invalid(self, form):
        if form.wrong_current_password():
            ended = _wrong_password_typed(self.request)
            if ended is not None:
                return ended
        return super().form_invalid(form)

    def form_valid(self, form):
        self.request.session.pop(FAILED_REAUTH_KEY, None)
        response = super().form_valid(form)
        services.password_changed(user=form.user, request=self.request)
        return response


password_change = login(_PasswordChangeView.as_view())


@login
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.profile_update(user=request.user, values=values, request=request)
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    typed = form.is_bound and request.POST.get("current_password")
    if typed and form.has_error("current_password", "password_needed"):
        ended = _wrong_password_typed(request)
        if ended is not None:
            return ended
    return render(request, "accounts/profile.html", {"form": form})
