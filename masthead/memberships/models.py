"""Membership plans, each reader's membership state, one-off donations, and the Stripe events
already applied (so a replayed webhook changes nothing)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel

from . import conf


class Plan(models.Model):
    """A membership tier sold through Stripe Checkout (one recurring Stripe price)."""

    INTERVAL_CHOICES = [("month", gettext_lazy("Monthly")), ("year", gettext_lazy("Yearly"))]

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=40, unique=True)
    description = models.CharField(max_length=300, blank=True)
    interval = models.CharField(max_length=5, choices=INTERVAL_CHOICES, default="month")
    amount = models.DecimalField(
        max_digits=8, decimal_places=2, help_text="Price shown to readers, per interval."
    )
    currency = models.CharField(max_length=3, default="eur")
    stripe_price_id = models.CharField(
        "Stripe price id",
        max_length=100,
        blank=True,
        help_text="The recurring price in your Stripe dashboard (price_...). "
        "A plan without one is not offered.",
    )
    is_active = models.BooleanField(default=True, help_text="Offered on the Join page.")
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("interval"),
        FieldPanel("amount"),
        FieldPanel("currency"),
        FieldPanel("stripe_price_id"),
        FieldPanel("is_active"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "amount"]

    def __str__(self) -> str:
        return f"{self.name} ({self.amount} {self.currency.upper()}/{self.interval})"

    @property
    def offered(self) -> bool:
        return self.is_active and bool(self.stripe_price_id)


class MembershipQuerySet(models.QuerySet):
    def granting_access(self):
        """Memberships whose readers read premium articles in full (see grants_access)."""
        grace_start = timezone.now() - timedelta(days=conf.past_due_grace_days())
        return self.filter(
            Q(status=Membership.ACTIVE)
            | Q(status=Membership.PAST_DUE, past_due_since__gte=grace_start)
        )

    def totals(self) -> dict:
        return self.aggregate(
            total=Count("pk"),
            active=Count("pk", filter=Q(status=Membership.ACTIVE)),
            past_due=Count("pk", filter=Q(status=Membership.PAST_DUE)),
            cancelled=Count("pk", filter=Q(status=Membership.CANCELLED)),
        )


class Membership(models.Model):
    """One reader's membership, kept current by Stripe webhooks (webhooks.py).

    `state_as_of` is the Stripe time of the event that last set the state and
    `subscription_created` the creation time of the subscription it belongs to: an event
    older than either never overwrites what is stored."""

    INCOMPLETE = "incomplete"
    ACTIVE = "active"
    PAST_DUE = "past_due"
    CANCELLED = "cancelled"
    STATUS_CHOICES = [
        # Readers see these on their account page.
        (INCOMPLETE, gettext_lazy("Not started")),
        (ACTIVE, gettext_lazy("Active")),
        (PAST_DUE, gettext_lazy("Past due")),
        (CANCELLED, gettext_lazy("Cancelled")),
    ]

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=INCOMPLETE)
    stripe_customer_id = models.CharField(max_length=100, blank=True, db_index=True)
    stripe_subscription_id = models.CharField(max_length=100, blank=True, db_index=True)
    subscription_created = models.DateTimeField(null=True, blank=True)
    current_period_end = models.DateTimeField(null=True, blank=True)
    cancel_at_period_end = models.BooleanField(default=False)
    past_due_since = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    state_as_of = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_status_display()})"

    @property
    def grants_access(self) -> bool:
        """Active members read in full; a past-due member keeps access for the grace period
        while Stripe retries the card; cancelled or never-paid memberships do not."""
        if self.status == self.ACTIVE:
            return True
        if self.status == self.PAST_DUE:
            since = self.past_due_since or self.state_as_of
            if since is None:
                return False
            return timezone.now() - since <= timedelta(days=conf.past_due_grace_days())
        return False

    @property
    def is_current(self) -> bool:
        return self.status in (self.ACTIVE, self.PAST_DUE)


class DonationQuerySet(models.QuerySet):
    def paid(self):
        return self.filter(status=Donation.PAID)

    def totals_by_currency(self) -> list[dict]:
        return list(
            self.paid()
            .values("currency")
            .annotate(count=Count("pk"), total=Sum("amount"))
            .order_by("currency")
        )


class Donation(models.Model):
    """A one-off gift through Stripe Checkout. Created when the reader starts Checkout;
    marked paid (or expired) by the webhook."""

    PENDING = "pending"
    PAID = "paid"
    EXPIRED = "expired"
    STATUS_CHOICES = [(PENDING, "Pending"), (PAID, "Paid"), (EXPIRED, "Expired")]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="donations",
    )
    email = models.EmailField(blank=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=8, choices=STATUS_CHOICES, default=PENDING)
    stripe_session_id = models.CharField(max_length=200, blank=True, db_index=True)
    stripe_payment_intent_id = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    objects = DonationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency.upper()} ({self.get_status_display()})"

    @property
    def amount_minor_units(self) -> int:
        return int((self.amount * 100).quantize(Decimal("1")))


class StripeEvent(models.Model):
    """A Stripe event already applied. The unique id makes a replay a no-op."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    created = models.DateTimeField(help_text="When Stripe created the event.")
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
