from django.urls import path

from . import views, webhooks

app_name = "newsletters"

urlpatterns = [
    path("newsletters/", views.newsletter_list, name="list"),
    path("newsletters/subscribe/", views.subscribe, name="subscribe"),
    path("newsletters/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletters/preferences/<str:token>/", views.preferences, name="preferences"),
    path("newsletters/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    *webhooks.urlpatterns,
]
