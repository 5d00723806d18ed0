"""Reader analytics as aggregates only: counts per hour (and per day, rolled up at the same
time) keyed by article, metric and one dimension value. No row says anything about a reader:
there is no client id, address, cookie or user agent here, only how many.

`article_id` 0 holds the newsroom-wide totals, written alongside each article's own rows so
the dashboards read a few hundred rows instead of summing every article's."""

from django.db import models

NEWSROOM = 0

# metric -> what `key` holds
VIEWS = "views"  # key "" (a counted view; one per article per client per day)
REFERRER = "ref"  # key: search, social, newsletter, internal, direct, other
REFERRER_HOST = "host"  # key: the referring host name, nothing more of the address
DEVICE = "device"  # key: phone, tablet, desktop
SECTION = "section"  # key: section page id (newsroom rows only)
AUTHOR = "author"  # key: author id (newsroom rows only)
PLAYS = "plays"  # key "" (narration started)
LISTENED = "listened"  # key: 25, 50, 75, 100 (narration reached that share)


class CountRow(models.Model):
    article_id = models.PositiveIntegerField()
    metric = models.CharField(max_length=12)
    key = models.CharField(max_length=100, blank=True, default="")
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        abstract = True


class HourlyCount(CountRow):
    """How many of `metric` for one article (or the newsroom) in one hour (UTC)."""

    hour = models.DateTimeField()

    class Meta:
        # Window first: "top articles in the last hour" reads only that hour's rows. One
        # article's (or the newsroom's) rows come from the second index.
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "hour", "article_id", "key"], name="analytics_hourly_one_w"
            )
        ]
        indexes = [
            models.Index(fields=["article_id", "metric", "hour"], name="analytics_hourly_article")
        ]

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H:00} {self.article_id} {self.metric}:{self.key}={self.count}"


class DailyCount(CountRow):
    """The same counts per day (UTC), for windows of a week and more."""

    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "day", "article_id", "key"], name="analytics_daily_one_w"
            )
        ]
        indexes = [
            models.Index(fields=["article_id", "metric", "day"], name="analytics_daily_article")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.article_id} {self.metric}:{self.key}={self.count}"


class IssueLink(models.Model):
    """One link in one sent newsletter issue, and how often it was followed. The click
    redirect forwards only to links listed here for the issue in its token."""

    issue = models.ForeignKey(
        "newsletters.Issue", on_delete=models.CASCADE, related_name="tracked_links"
    )
    url = models.URLField(max_length=2000)
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "url"], name="analytics_issue_link_once")
        ]

    def __str__(self) -> str:
        return f"{self.issue_id}: {self.url} ({self.clicks})"


class IssueOpens(models.Model):
    """Pixel loads of one issue, only for newsletters that turned open tracking on."""

    issue = models.OneToOneField(
        "newsletters.Issue", on_delete=models.CASCADE, related_name="tracked_opens"
    )
    opens = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.issue_id}: {self.opens} opens"


class SubscriberClick(models.Model):
    """Who followed a link: written only for newsletters whose settings ask for it."""

    link = models.ForeignKey(IssueLink, on_delete=models.CASCADE, related_name="subscriber_clicks")
    subscriber = models.ForeignKey(
        "newsletters.Subscriber", on_delete=models.CASCADE, related_name="+"
    )
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.link_id} by {self.subscriber_id}"


class Dashboard(models.Model):
    """No table: carries the permission to see the newsroom dashboards."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_dashboards", "Can see the newsroom's analytics dashboards")]

    def __str__(self) -> str:
        return "Analytics dashboards"
