from django.urls import path

from accounts import oidc

app_name = "oidc"

urlpatterns = [
    path("authenticate/", oidc.login, name="login"),
    path("callback/", oidc.callback, name="callback"),
    path("logout/", oidc.logout, name="logout"),
    path("refused/", oidc.refused, name="refused"),
]
