from django.urls import path

from . import views

urlpatterns = [
    path(
        "organisation/pitches/<int:pk>/attachment/",
        views.pitch_attachment,
        name="opinion_pitch_attachment",
    ),
]
