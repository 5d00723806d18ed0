from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("comments/<id:article_id>/", views.comments_page, name="page"),
    path("comments/<id:article_id>/fragment/", views.comments_fragment, name="fragment"),
    path("comments/<id:article_id>/post/", views.post_comment, name="post"),
    path("comments/edit/<id:pk>/", views.edit_comment, name="edit"),
    path("comments/delete/<id:pk>/", views.delete_comment, name="delete"),
    path("comments/report/<id:pk>/", views.report_comment, name="report"),
    path("comments/preferences/", views.update_preferences, name="preferences"),
    path("comments/replies-off/<str:token>/", views.opt_out, name="opt_out"),
]
