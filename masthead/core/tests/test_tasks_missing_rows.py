"""A task that takes an id finds the row gone (deleted after it was queued): it is done,
quietly, instead of failing in the worker with a traceback."""

import logging

import pytest

from masthead.audio.tasks import narrate_article
from masthead.comments.tasks import send_reply_notification
from masthead.images.tasks import generate_renditions
from masthead.newsletters.tasks import (
    send_confirmation,
    send_issue_batches,
    send_scheduled_issue,
    start_issue,
    watch_issue,
)
from masthead.organisation.tasks import notify_editors_of_pitch

pytestmark = pytest.mark.django_db

GONE = 987654


@pytest.mark.parametrize(
    ("task", "args"),
    [
        (narrate_article, (GONE, "0" * 64)),
        (generate_renditions, (GONE,)),
        (send_reply_notification, (GONE,)),
        (notify_editors_of_pitch, (GONE,)),
        (send_confirmation, (GONE, GONE)),
        (start_issue, (GONE,)),
        (send_issue_batches, (GONE,)),
        (watch_issue, (GONE,)),
        (send_scheduled_issue, (GONE,)),
    ],
    ids=lambda value: getattr(value, "name", ""),
)
def test_a_task_for_a_deleted_row_ends_without_an_error(task, args, caplog):
    with caplog.at_level(logging.WARNING):
        result = task.enqueue(*args)  # the immediate backend runs it now
    assert result.status == "SUCCESSFUL"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
