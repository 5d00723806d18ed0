from django.apps import AppConfig


class AudioConfig(AppConfig):
    name = "masthead.audio"
    label = "audio"
