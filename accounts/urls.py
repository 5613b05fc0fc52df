from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_change, name="password-change"),
    path("password/done/", views.password_change_done, name="password-change-done"),
    path("profile/", views.profile, name="profile"),
    path("language/", views.set_language, name="set-language"),
]
