"""Signals other apps may listen to (the newsletters app knows none of them)."""

from django.dispatch import Signal

# Sent once, when the last message of an issue is done and the issue is marked sent.
# Arguments: issue (the Issue, with status "sent").
issue_sent = Signal()
