"""The note an article added with an unusable front-matter ``url`` gets: why its quotes will show no link.

"url: https://news.example/a b c" was told it was "no web address (one starting http:// or https://)", which it
plainly starts with: the moderator was left to guess that the spaces were the trouble."""

from __future__ import annotations

import re

from index.stamps import web_address

_SPACES = re.compile(r"\s+")


def unlinked_url_note(url: str) -> str:
    """What is wrong with ``url`` (``index.front_matter.unlinked_url``), each reason with its fix."""
    spaced = _SPACES.search(url) is not None
    reasons = ["has a space in it, which no web address has (write each space as %20)"] if spaced else []
    if web_address(_SPACES.sub("%20", url)) is None:
        reasons.append("does not start with http:// or https://" if spaced
                       else "is no web address (one starting http:// or https://)")
    return f"added, but its front matter's url “{url[:200]}” {' and '.join(reasons)}, so its quotes show no link"
