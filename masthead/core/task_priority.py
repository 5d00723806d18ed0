"""How urgent each kind of background task is, for a worker with a backlog.

The database queue hands out the highest priority first, then the earliest `run_after`. On
SQLite a task without `run_after` sorts before every deferred one, so without priorities a
scheduled publish that came due waited behind the whole backlog of image renditions a seed
or an import leaves (3 minutes late on a fresh `make run`). Narration and newsletters have
queues of their own.
"""

# An embargo lifting or a page expiring: readers and editors watch the clock.
SCHEDULED_PUBLISHING = 50
# A reader waiting for a sign-in link; an owner told their account is under attack.
READER_WAITING = 40
# Mail to staff and readers that nobody is waiting on at the screen.
NOTIFICATION = 10
# Work that only makes pages faster or numbers fresher when it is done.
BACKGROUND = -20
