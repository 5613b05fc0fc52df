from django.urls import path

from dispatch_stats import views

app_name = "dispatch_stats"

urlpatterns = [
    path("", views.index, name="index"),
]
