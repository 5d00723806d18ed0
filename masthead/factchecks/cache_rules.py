"""What a change to the verdict scale purges (masthead/caching): every fact check."""

from masthead.caching import registry

from .models import Verdict
from .structured_data import VERDICTS_TAG

registry.on_change(
    Verdict,
    events=["save", "delete"],
    tags=[VERDICTS_TAG],
    affects="every fact check (its verdict label and ClaimReview rating)",
)
