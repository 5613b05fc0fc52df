from django.urls import path

from policies import evidence_views, moderation_views, views

app_name = "policies"

urlpatterns = [
    path("", views.question_list, name="question-list"),
    path("mine/", views.dashboard, name="dashboard"),
    path("<int:pk>/", views.question_detail, name="question-detail"),
    path("<int:pk>/comments/", views.comment_create, name="comment-create"),
    path("comments/<int:pk>/edit/", views.comment_update, name="comment-update"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment-delete"),
    path("comments/<int:pk>/history/", moderation_views.comment_history, name="comment-history"),
    path("comments/<int:pk>/moderate/", moderation_views.comment_moderate, name="comment-moderate"),
    path("<int:pk>/evidence/", evidence_views.evidence_manage, name="evidence-manage"),
    path("evidence/<int:pk>/", evidence_views.evidence_detail, name="evidence-detail"),
    path("evidence/<int:pk>/unlink/", evidence_views.evidence_unlink, name="evidence-unlink"),
]
