"""What a post of files and no words is told, wherever it asks the bot (a mention, its DM, a thread it follows):
a clip recorded in the message box is a question the bot can't hear (``SPOKEN``), an article one to add by DM
(``ADD_HINT``). The mention (``bot.slack.handlers``' ``_mentioned``) and the DM's and a followed thread's
branches (``_on_message``) each made this choice in code of their own.
"""

from __future__ import annotations

from typing import Any

from bot.core import CommandCore
from bot.refusals import SPOKEN
from bot.slack.adding import ADD_HINT, addable
from bot.slack.events import event_files, shared_text, spoken


def files_told(files: list[Any], article: bool) -> str | None:
    """What a post of ``files`` and no words is told: ``SPOKEN`` for a recorded clip, else ``ADD_HINT`` when it is
    to be read as an article to add (``article``); None: nothing, it is asked or passed over as it is."""
    if spoken(files):
        return SPOKEN
    return ADD_HINT if article else None


def mention_files_told(core: CommandCore, event: dict[str, Any], pointing: bool) -> str | None:
    """What a mention with no words but its files is told, as the same post in the bot's DM is: a clip, or an
    article (sent alone, not pointing at a thread's post) of a type ``add`` takes. Asked as an empty question, both
    got "Please ask a question", as if nothing had come (the article's sender that and the add hint, two private
    messages). None: asked as it is (a picture alone, a shared post, which is what the mention asks about)."""
    files = event_files(event)
    if not files or shared_text(event):
        return None
    return files_told(files, not pointing and addable(core, files))
