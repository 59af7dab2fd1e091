"""Lines that point to other stories: a label ("Also Read:", "Related stories |") before another story's
headline, or such a label alone over a list of links or the page's tags. ``index.furniture`` leaves them out of
the story; ``retrieval.headings`` knows a copied one asks about another story, not the lines under it.
"""

from __future__ import annotations

import re

LINK_LINE = re.compile(
    r"\s*(?:also\s+read|read\s+(?:more|also)|related(?:\s+(?:stor(?:y|ies)|news|articles?))?|see\s+also|"
    r"must\s+read|recommended|trending|watch(?:\s+video)?)\s*[:|–—-]",
    re.IGNORECASE,
)
# A heading over links to other stories, on its own line ("Also Read", "More from India", "You may also like"), or
# over the page's tags ("Tags", "Topics"), one a line.
LINK_HEADING = re.compile(
    r"\s*(?:also\s+read|read\s+(?:more|also)|related(?:\s+(?:stor(?:y|ies)|news|articles?|links?))?|see\s+also"
    r"|must\s+read|recommended(?:\s+for\s+you)?|trending(?:\s+(?:now|news|stories))?|top\s+stories"
    r"|latest(?:\s+(?:news|stories))|more\s+stories|more\s+(?:from|in|on)\s+[\w&' -]{1,30}"
    r"|you\s+(?:may|might)\s+also\s+(?:like|read)|most\s+(?:read|popular|viewed|shared)|editor'?s\s+picks"
    r"|don'?t\s+miss|(?:(?:trending|related)\s+)?(?:tags|topics))\s*:?\s*",
    re.IGNORECASE,
)


def links_another_story(line: str) -> bool:
    """Whether a line points to another story under a label ("Also Read: …", "Don't Miss | …"): the headline
    after the label is that story's, so the article's next lines are not about it (the index keeps such a
    line when no separator rule names it furniture; a question copying it asks about the other story)."""
    if LINK_LINE.match(line) is not None:
        return True
    label = LINK_HEADING.match(line)
    rest = line[label.end():] if label is not None else ""
    return label is not None and bool(rest) and (":" in label.group() or rest[0] in "|–—-")
