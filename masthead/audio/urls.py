from django.urls import path

from . import feeds, views

app_name = "audio"

urlpatterns = [
    path(
        "audio/<id:page_id>/<str:audio_hash>.mp3",
        views.narration_audio,
        name="narration",
    ),
    path("audio/podcast.xml", feeds.NarrationFeed(), name="podcast"),
    path("audio/<slug:section>/podcast.xml", feeds.SectionNarrationFeed(), name="section_podcast"),
]
