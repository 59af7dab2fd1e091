"""Help that depends on who asks and where: how articles are added, and the moderator commands.

The small-talk reader (``bot.smalltalk``) knows only the words: "help" got the same introduction for everyone,
which never said how an article gets in, and "how do i add an article?" was searched and declined. What a
moderator types differs by platform (Discord's /add-article, a file or link sent to the bot's Slack DM, the
command line for the terminal), and whether the asker is one is the core's to say: both are facts of the
``Actor``, so the core fills them in here (``for_asker``) and every renderer shows the text as it is.

Some of those facts cost the adapter a call to learn (Slack's admin flags: ``users.info``), which an ordinary
question must not pay: the adapter then hands the core a way to learn them (``Identify``), and the core asks for
them only for help (``asker``), so a workspace admin's help names their commands as their App Home does.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.actors import Actor, ModeratorPolicy
from bot.cli_name import cli_command
from bot.moderator_words import OPERATOR, UNKNOWN_STANDING, who_moderates
from bot.results import Reply
from bot.smalltalk import ADDING_TOPIC, HELP_TOPIC

log = logging.getLogger(__name__)

Identify = Callable[[], Awaitable[Actor]]

FILE_TYPES = ".txt, .md, .pdf or saved .html"

# How a moderator adds, removes and rebuilds, per ``Actor.platform``; a platform not named gets the command line.
_HOW = {
    "discord": (f"use /add-article with a {FILE_TYPES} file attached, or up to 5 news page addresses in its url option",
                "use /remove-article (Discord offers the ids as you type; /restore-article brings one back)",
                "/reindex"),
    "slack": (f"share a {FILE_TYPES} file with me in a direct message with the message “add”, or send “add” "
              "followed by up to 5 news page addresses", "use /remove-article with the id /sources lists "
              "(/restore-article brings one back)", "/reindex"),
}


def _cli() -> tuple[str, str, str]:
    """The command line's, as it runs from the bot's folder (``bot.cli_name``)."""
    cli = cli_command()
    return (f"run {cli} index add FILE-or-URL in the bot's folder",
            f"run {cli} index remove ID ({cli} index restore ID brings it back)",
            f"{cli} index build")

# A moderator's commands, per platform; the terminal has no /remove-article (the command line removes).
_COMMANDS = {
    "discord": "/add-article, /remove-article, /restore-article, /reindex [full], /status, /report, /index-history",
    "slack": "/remove-article, /restore-article, /reindex [full], /status, /report, /index-history",
}
_TERMINAL_COMMANDS = "/reindex [full], /status, /report, /index-history"


def adding_help(actor: Actor | None, policy: ModeratorPolicy) -> str:
    """How an article is added, who may (for this asker, as ``policy`` has it), what happens next, and how one is
    removed or the index rebuilt. An asker whose admin standing is unknown (``Actor.admin_unknown``: Slack's
    lookup failed) is told who moderates in general words, not that this workspace's admins do: they may be a
    Slack Connect guest, for whom those admins don't."""
    platform = actor.platform if actor is not None else ""
    add, remove, rebuild = _HOW.get(platform) or _cli()
    who = who_moderates(policy, actor) if actor is not None and platform in _HOW else ""
    if actor is not None and policy.allows(actor):
        whose = "You are a moderator here. To add an article"
    elif actor is not None and actor.admin_unknown and platform in _HOW and policy.trusts_admins_of(actor):
        # Whether they are a guest is unknown, so whether the admins named would count for them (``Actor``).
        whose = (f"Only moderators add articles ({UNKNOWN_STANDING}); if you aren't one, send one the article or its "
                 "link. To add one")
    elif who:
        whose = (f"Only moderators add articles ({who}); if you aren't one, send one the article or its link. "
                 "To add one")
    elif platform in _HOW:
        whose = (f"Only moderators add articles, and only {OPERATOR} can make you one; if you aren't one, send one "
                 "the article or its link. To add one")
    else:
        whose = "Moderators add articles. To add one"
    return (f"{whose}, {add}. I check it is no copy of an article already indexed, rebuild the index (questions "
            "are answered from the old one meanwhile) and reply with what was added or refused and its id; a "
            f"file named as an indexed article replaces it. To take one out, {remove}; {rebuild} rebuilds the "
            "index after the articles changed on disk.")  # never sentence-cased: a command is typed as written


def for_asker(reply: Reply, actor: Actor | None, policy: ModeratorPolicy) -> Reply:
    """``reply`` (small talk's) as the asker should read it: the adding help in their platform's words, and
    the general help with a moderator's commands for a moderator, a pointer to the adding help for others."""
    if reply.about == ADDING_TOPIC:
        return Reply(adding_help(actor, policy), about=ADDING_TOPIC, private=True)
    if reply.about != HELP_TOPIC:
        return reply
    if actor is not None and policy.allows(actor):
        commands = _COMMANDS.get(actor.platform if actor is not None else "", _TERMINAL_COMMANDS)
        more = f" As a moderator you also have {commands}; ask me “how do I add an article?” for adding."
    else:
        more = " Moderators add the articles: ask me “how do I add an article?” to see how."
    return Reply(reply.text + more, about=HELP_TOPIC, private=True)


async def asker(reply: Reply, actor: Actor | None, identify: Identify | None) -> Actor | None:
    """Who asked, as ``for_asker`` needs them for ``reply``: looked up in full (``identify``) only for help, which
    differs for a moderator; any other reply needs nobody looked up. A lookup that fails leaves the actor as
    the adapter gave it (no moderator's part, the general help still said)."""
    if identify is None or reply.about not in (HELP_TOPIC, ADDING_TOPIC):
        return actor
    try:
        return await identify()
    except Exception:
        log.warning("could not look up who asked for help; answering as for anyone", exc_info=True)
        return actor
