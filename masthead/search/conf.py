"""Search settings, overridable in Django settings."""

from django.conf import settings

# Longer queries are cut to this many characters before they reach the search backend.
SEARCH_MAX_QUERY_LENGTH = getattr(settings, "SEARCH_MAX_QUERY_LENGTH", 200)
# At most this many words of a query are highlighted in snippets.
SEARCH_MAX_HIGHLIGHT_TERMS = getattr(settings, "SEARCH_MAX_HIGHLIGHT_TERMS", 12)
SEARCH_RESULTS_PER_PAGE = getattr(settings, "SEARCH_RESULTS_PER_PAGE", 10)
SEARCH_SNIPPET_CHARS = getattr(settings, "SEARCH_SNIPPET_CHARS", 240)
# Results beyond this many are not listed (a reader refines the query long before).
SEARCH_MAX_RESULTS = getattr(settings, "SEARCH_MAX_RESULTS", 500)
# A word found in more articles than this is ranked among its most recently indexed this-many
# matches only, so that searching a huge archive for a common word costs no more than a small
# one. Rarer words are ranked over all their matches. As many as the results listed: each
# listed result is then a recent match, in relevance order.
SEARCH_MAX_CANDIDATES = getattr(settings, "SEARCH_MAX_CANDIDATES", SEARCH_MAX_RESULTS)
