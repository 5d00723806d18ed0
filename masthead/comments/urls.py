from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("comments/<int:article_id>/", views.comments_page, name="page"),
    path("comments/<int:article_id>/fragment/", views.comments_fragment, name="fragment"),
    path("comments/<int:article_id>/post/", views.post_comment, name="post"),
    path("comments/edit/<int:pk>/", views.edit_comment, name="edit"),
    path("comments/delete/<int:pk>/", views.delete_comment, name="delete"),
    path("comments/report/<int:pk>/", views.report_comment, name="report"),
    path("comments/preferences/", views.update_preferences, name="preferences"),
    path("comments/replies-off/<str:token>/", views.opt_out, name="opt_out"),
]
