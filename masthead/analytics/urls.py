from django.urls import path

from . import views

app_name = "analytics"

urlpatterns = [
    path("popular/hit/", views.view_beacon, name="view_hit"),
    path("listen/hit/", views.listen_beacon, name="listen_hit"),
    path("n/c/<str:token>/", views.newsletter_click, name="newsletter_click"),
    path("n/o/<str:token>/", views.newsletter_open, name="newsletter_open"),
]
