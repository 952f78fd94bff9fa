"""What users ask Parley to read. Reading is slow (a fetch, spaCy), so a web request
only records the submission; a worker reads it and records what became of it."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class SubmissionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A user's own submissions; staff see everyone's. Without the stored text and file."""
        mine = self.select_related("article").defer("text", "upload")
        return mine if user.is_staff else mine.filter(user_id=user.pk)

    def waiting(self):
        return self.filter(state__in=[Submission.State.QUEUED, Submission.State.RUNNING])


class Submission(models.Model):
    """An article submitted through the API or the add page: text, a URL or a file."""

    class State(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    text = models.TextField(blank=True)
    url = models.URLField(
        max_length=1000, blank=True, help_text="Fetched when there is no text; with text, the source it claims."
    )
    upload_name = models.CharField(max_length=255, blank=True)
    upload = models.BinaryField(null=True, blank=True, help_text="An uploaded file's bytes, read by the worker.")
    title = models.CharField(max_length=500, blank=True)
    published = models.DateField(null=True, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    article = models.ForeignKey(
        "meetings.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="submissions"
    )
    article_created = models.BooleanField(null=True, help_text="False when the article was already known.")

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [
            # the queue: the oldest waiting submission first
            models.Index(fields=["id"], condition=models.Q(state="queued"), name="submission_queued_idx"),
            models.Index(fields=["user", "-id"], name="submission_user_idx"),
        ]

    def __str__(self):
        return f"Submission {self.pk} ({self.state})"

    def get_absolute_url(self):
        return reverse("meetings:submission", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
