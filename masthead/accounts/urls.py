from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/sign-in/", views.sign_in, name="sign_in"),
    path("account/sign-in/sent/", views.link_sent, name="link_sent"),
    path("account/sign-in/link/<str:token>/", views.follow_link, name="link"),
    path("account/sign-out/", views.sign_out, name="sign_out"),
    path("account/sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("account/name/", views.update_profile, name="profile"),
    path("account/password/", views.set_password, name="password"),
    path("account/my-data/", views.export_data, name="export"),
    path("account/delete/", views.delete_account, name="delete"),
]
