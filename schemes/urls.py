from django.urls import path

from schemes import views

app_name = "schemes"

urlpatterns = [
    path("", views.scheme_list, name="scheme-list"),
    # Before the slug pattern: "compare" is reserved (a check constraint keeps it off slugs).
    path("compare/", views.scheme_compare, name="compare"),
    path("<slug:slug>/", views.scheme_detail, name="scheme-detail"),
]
