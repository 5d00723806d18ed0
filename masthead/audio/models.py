"""One narration per article: the audio of the text it spoke, identified by that text's hash."""

from __future__ import annotations

from django.db import models
from django.urls import reverse


class NarrationQuerySet(models.QuerySet):
    def ready(self):
        return self.filter(state=Narration.State.READY).exclude(audio="")

    def backlog(self):
        """Narrations a worker still has to make: waiting for their audio, or for new audio
        of a changed text."""
        return self.filter(state__in=[Narration.State.PENDING, Narration.State.OUTDATED])

    def for_feed(self, section=None):
        """Current narrations of live, public articles, newest article first."""
        from masthead.news.models import ArticlePage

        # The edition being served: /uk/audio/podcast.xml narrates the Ukrainian stories.
        articles = ArticlePage.objects.live().public().in_edition()
        if section is not None:
            articles = articles.child_of(section)
        return (
            self.ready()
            .filter(page__in=articles.values("pk"))
            .select_related("page")
            .order_by("-page__first_published_at", "-pk")
        )


class Narration(models.Model):
    """The audio of an article. `text_hash` is the hash of the text the latest narration was
    asked to speak; the audio is current only in state READY. When a publish changes the
    spoken text, the row turns OUTDATED (its old file is kept but never offered) until the new
    audio replaces it. A narration whose article stops being live before its audio is made
    turns WAITING: no task works on it, and the next publish asks for it again."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"
        OUTDATED = "outdated", "Outdated"
        WAITING = "waiting", "Waiting for the article to be live"

    page = models.OneToOneField(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="narration"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    text_hash = models.CharField(max_length=64, help_text="SHA-256 of the text to speak.")
    audio_hash = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the text the stored audio speaks."
    )
    audio = models.FileField(upload_to="narrations/", blank=True, max_length=200)
    duration = models.FloatField(default=0, help_text="Seconds of audio.")
    byte_size = models.PositiveIntegerField(default=0)
    voice = models.CharField(max_length=120, blank=True)
    failure_reason = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_at = models.DateTimeField(auto_now_add=True)
    narrated_at = models.DateTimeField(null=True, blank=True)

    objects = NarrationQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["state"])]

    def __str__(self):
        return f"Narration of page {self.page_id} ({self.state})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._shown_when_loaded = self._shown()  # what readers see from now on

    def get_absolute_url(self) -> str:
        return reverse("audio:narration", args=[self.page_id, self.audio_hash[:16]])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # What readers saw as loaded (audio_cache_rules): a save that neither offers audio
        # nor takes it away (a request while the audio is made) changes no page.
        fields = instance.__dict__
        if {"state", "audio", "audio_hash", "text_hash", "duration"} <= fields.keys():
            instance._shown_when_loaded = instance._shown()
        return instance

    def _shown(self) -> tuple | None:
        """What the article's player shows of this narration (None: no player)."""
        if not self.is_current:
            return None
        return (self.audio.name, self.audio_hash, self.duration)

    @property
    def is_current(self) -> bool:
        return (
            self.state == self.State.READY
            and bool(self.audio)
            and self.audio_hash == self.text_hash
        )

    @property
    def duration_label(self) -> str:
        """ "3:07" or "1:02:05": the length shown by the player and the feed."""
        seconds = round(self.duration)
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
