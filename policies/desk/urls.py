from django.urls import path

from policies.desk import views

app_name = "desk"

urlpatterns = [
    path("", views.index, name="index"),
    path("perspectives/new/", views.perspective_create, name="perspective-create"),
    path("perspectives/<int:pk>/edit/", views.perspective_edit, name="perspective-edit"),
    path(
        "perspectives/<int:pk>/move/<str:direction>/",
        views.perspective_move,
        name="perspective-move",
    ),
    path(
        "perspectives/<int:pk>/period/<str:action>/",
        views.perspective_period,
        name="perspective-period",
    ),
    path("perspectives/<int:pk>/questions/new/", views.question_create, name="question-create"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question-edit"),
    path("questions/<int:pk>/move/<str:direction>/", views.question_move, name="question-move"),
    path("questions/<int:pk>/publish/", views.question_publish, name="question-publish"),
    path("questions/<int:pk>/period/<str:action>/", views.question_period, name="question-period"),
    path(
        "questions/<int:pk>/comments/<str:action>/",
        views.comments_publication,
        name="comments-publication",
    ),
]
