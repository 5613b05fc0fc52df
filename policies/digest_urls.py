from django.urls import path

from policies import digest_views, moderation_views

app_name = "digest"

urlpatterns = [
    path("meetings/<int:pk>/", digest_views.meeting_digest, name="meeting"),
    path("meetings/<int:pk>/digest.xlsx", digest_views.meeting_digest_xlsx, name="meeting-xlsx"),
    path("meetings/<int:pk>/digest.csv", digest_views.meeting_digest_csv, name="meeting-csv"),
    path("meetings/<int:pk>/attach/", digest_views.meeting_digest_attach, name="meeting-attach"),
    path("questions/<int:pk>/", digest_views.question_columns, name="question"),
    # Moderation moved to /moderation/ (moderation:*); the old addresses redirect there.
    path("moderation/", moderation_views.moved, name="moderation-moved"),
    path("moderation/<int:pk>/", moderation_views.moved, name="moderate-moved"),
]
