from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "masthead.search"
    label = "site_search"
