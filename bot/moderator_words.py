"""Who moderates for a given asker, and how they become one, in words a chat user knows.

The help and the "only moderators can" refusal both name who may change the articles. Fixed words per platform
("the workspace's admins and owners") told a Slack Connect guest, or the admin of a workspace the operator did
not name, of a right the core then refused. Both are read from the ``ModeratorPolicy`` for this asker instead:
admins only where ``trusts_admins_of`` holds for them, listed users and roles only where some are listed. No
setting's name appears (chat users can't set one; the operator reads the README), and nobody is mentioned by
name, so a refusal pings no one.
"""

from __future__ import annotations

from bot.actors import Actor, ModeratorPolicy

# The platform's admins, as its users call them; another platform's (the terminal's local user) are "admins".
_ADMINS = {"discord": "members with Manage Server", "slack": "this workspace's admins and owners"}
# What the platform's listed roles are called.
_ROLES = {"slack": "user groups"}
OPERATOR = "the bot's operator"
# Who moderates, for an asker not known to be of the workspace whose admins count (``Actor.admin_unknown``).
UNKNOWN_STANDING = f"who they are is decided by {OPERATOR}'s settings for your workspace"


def who_moderates(policy: ModeratorPolicy, actor: Actor) -> str:
    """Who counts as a moderator for ``actor`` where they ask, e.g. "members with Manage Server and the users
    the bot's operator listed"; empty when nobody on their platform can be one there."""
    platform = actor.platform
    roles = _ROLES.get(platform, "roles")
    users, grouped = policy.lists_users(platform), policy.lists_roles(platform)
    listed = (f"the users and {roles}" if users and grouped else "the users" if users
              else f"members of the {roles}" if grouped else "")
    admins = _ADMINS.get(platform, "admins") if policy.trusts_admins_of(actor) else ""
    return " and ".join(w for w in (admins, f"{listed} {OPERATOR} listed" if listed else "") if w)


def how_to_become(policy: ModeratorPolicy, actor: Actor) -> str:
    """One sentence for a refused ``actor``: who moderates here, and whom to ask to become one. An asker whose
    admin standing was never read (``Actor.admin_unknown``: Slack's lookup failed) may be a Slack Connect guest,
    for whom this workspace's admins don't count: they are told where it is decided, not that the admins are."""
    ask = f"ask {OPERATOR} to list you"
    if actor.admin_unknown and policy.trusts_admins_of(actor) and actor.platform in _ADMINS:
        return f"Who moderates here is decided by {OPERATOR}'s settings for your workspace: to become one, {ask}."
    who = who_moderates(policy, actor)
    if actor.platform == "discord" and policy.trusts_admins_of(actor):
        ask += ", or a member with Manage Server " + (
            "for one of those roles" if policy.lists_roles("discord") else "here")
    elif actor.platform == "slack" and policy.lists_roles("slack"):
        ask += ", or ask to join one of those user groups"
    return f"Here that is {who}: to become one, {ask}." if who else f"To become one, {ask}."
