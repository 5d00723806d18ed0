from django.urls import path

from . import views

app_name = "memberships"

urlpatterns = [
    path("membership/", views.join, name="join"),
    path("membership/checkout/", views.membership_checkout, name="checkout"),
    path("membership/donate/", views.donate, name="donate"),
    path("membership/billing/", views.billing_portal, name="billing_portal"),
    path("membership/thanks/", views.thanks, name="thanks"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
