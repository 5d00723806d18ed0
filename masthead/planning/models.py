"""Story planning: assignments (the desk's plan of stories), their notes, links and history."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class AssignmentQuerySet(models.QuerySet):
    def open(self):
        """Still to be done: neither published nor spiked."""
        return self.exclude(status__in=[Assignment.Status.PUBLISHED, Assignment.Status.SPIKED])

    def for_listing(self):
        return self.select_related("section", "editor", "draft").prefetch_related("assignees")


class Assignment(models.Model):
    """One planned story: who writes it, for which section, by when, and how far it got."""

    class Status(models.TextChoices):
        IDEA = "idea", "Idea"
        ASSIGNED = "assigned", "Assigned"
        DRAFTING = "drafting", "Drafting"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        SPIKED = "spiked", "Spiked"

    class Priority(models.IntegerChoices):
        LOW = 1, "Low"
        NORMAL = 2, "Normal"
        HIGH = 3, "High"
        URGENT = 4, "Urgent"

    headline = models.CharField("working headline", max_length=255)
    section = models.ForeignKey(
        "news.SectionPage",
        null=True,
        on_delete=models.SET_NULL,  # a deleted section must not take the plan with it
        related_name="planning_assignments",
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="planning_assignments"
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planning_edited_assignments",
        help_text="The editor who edits this story.",
    )
    due_at = models.DateTimeField("due", null=True, blank=True, db_index=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.IDEA, db_index=True
    )
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)
    draft = models.ForeignKey(
        "news.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planning_assignments",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The due time a reminder went out for: moving the due time arms a new reminder, and a
    # worker that runs the reminder task twice sends it once.
    reminded_for = models.DateTimeField(null=True, blank=True, editable=False)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "-priority", "pk"]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reverse("planning:detail", args=[self.pk])


class AssignmentNote(models.Model):
    """A note on an assignment. A private one is shown only to editors and the assignees."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=5000)
    private = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class AssignmentLink(models.Model):
    """A source, document or reference for the story."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(max_length=1000)
    label = models.CharField(max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.label or self.url


class AssignmentChange(models.Model):
    """One line of an assignment's history: who changed which field from what to what.
    Values are kept as text as shown then, so history outlives renamed people and sections."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    field = models.CharField(max_length=40)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)
    # Why it changed when nobody edited it by hand ("the draft was published").
    via = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.field}: {self.old} → {self.new}"


class DeskMember(models.Model):
    """A reporter's place on a section's desk: they see that section's board. (A reporter
    also sees the board of every section in which they hold an assignment.)"""

    section = models.ForeignKey(
        "news.SectionPage", on_delete=models.CASCADE, related_name="planning_desk"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="planning_desks"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["section", "user"], name="planning_desk_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.section}"
