from django.urls import path

from . import views

urlpatterns = [
    path(
        "organisation/pitches/<id:pk>/attachment/",
        views.pitch_attachment,
        name="opinion_pitch_attachment",
    ),
]
