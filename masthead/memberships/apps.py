from django.apps import AppConfig


class MembershipsConfig(AppConfig):
    name = "masthead.memberships"
    label = "memberships"
