from django.urls import path

from schemes import views

app_name = "schemes"

urlpatterns = [
    path("", views.scheme_list, name="scheme-list"),
    path("<slug:slug>/", views.scheme_detail, name="scheme-detail"),
]
