from django.urls import path

from . import views

app_name = "contact"

urlpatterns = [
    path("", views.status, name="status"),
    path("answer/", views.answer, name="answer"),
    path("choice/", views.choose, name="choice"),
    path("<str:token>/", views.link_open, name="open"),
]
