from django.urls import path

from policies.desk import views

app_name = "desk"

# Perspectives and questions share their edit, move and period views; the URL names the kind.
PERSPECTIVE = {"kind": "perspective"}
QUESTION = {"kind": "question"}

urlpatterns = [
    path("", views.index, name="index"),
    path("perspectives/new/", views.perspective_create, name="perspective-create"),
    path("perspectives/<int:pk>/edit/", views.edit, PERSPECTIVE, name="perspective-edit"),
    path(
        "perspectives/<int:pk>/move/<str:direction>/",
        views.move,
        PERSPECTIVE,
        name="perspective-move",
    ),
    path(
        "perspectives/<int:pk>/period/<str:action>/",
        views.period,
        PERSPECTIVE,
        name="perspective-period",
    ),
    path("perspectives/<int:pk>/questions/new/", views.question_create, name="question-create"),
    path("questions/<int:pk>/edit/", views.edit, QUESTION, name="question-edit"),
    path("questions/<int:pk>/move/<str:direction>/", views.move, QUESTION, name="question-move"),
    path("questions/<int:pk>/publish/", views.question_publish, name="question-publish"),
    path("questions/<int:pk>/period/<str:action>/", views.period, QUESTION, name="question-period"),
    path(
        "questions/<int:pk>/comments/<str:action>/",
        views.comments_publication,
        name="comments-publication",
    ),
]
