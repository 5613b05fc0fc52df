from django.urls import path

from policies import views

app_name = "policies"

urlpatterns = [
    path("", views.question_list, name="question-list"),
    path("<int:pk>/", views.question_detail, name="question-detail"),
]
