from django.urls import path

from policies import moderation_views

app_name = "moderation"

urlpatterns = [
    path("", moderation_views.moderation_list, name="list"),
    path("<int:pk>/", moderation_views.moderate, name="moderate"),
    path("<slug:kind>/<int:pk>/", moderation_views.moderate, name="moderate-kind"),
]
