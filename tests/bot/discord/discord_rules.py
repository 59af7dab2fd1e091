"""Discord's server-side rules, written independently of the bot's renderer so they check it.

discord.py checks only the 10-embed limit itself; Discord refuses everything else with HTTP 400 and code
50035 ("Invalid Form Body"), listing each problem under its path, which is what ``message_errors`` returns.
``pings`` says whom a message would notify, following Discord's ``allowed_mentions`` rules; ``withheld`` what an
app without the Message Content intent is sent of a message.
"""

from __future__ import annotations

import re
from typing import Any

EMBED_LIMITS = {"title": 256, "description": 4096}
# Slash command and option names: Discord's ``^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$``, lowercase where a
# letter has a lowercase form. USER and MESSAGE (context menu) commands may use any case and spaces.
COMMAND_NAME = re.compile(r"^[-_'\w\u0900-\u097f\u0e00-\u0e7f]{1,32}$")
CHAT_INPUT = 1


def _too_long(errors: dict[str, str], path: str, text: str | None, limit: int) -> int:
    text = text or ""
    if len(text) > limit:
        errors[path] = f"BASE_TYPE_MAX_LENGTH: Must be {limit} or fewer in length."
    return len(text)


def message_errors(body: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    content = body.get("content")
    embeds = body.get("embeds") or []
    _too_long(errors, "content", content, 2000)
    if len(embeds) > 10:
        errors["embeds"] = "BASE_TYPE_MAX_LENGTH: Must be 10 or fewer in length."
    total = 0
    for i, embed in enumerate(embeds):
        for key, limit in EMBED_LIMITS.items():
            total += _too_long(errors, f"embeds.{i}.{key}", embed.get(key), limit)
        total += _too_long(errors, f"embeds.{i}.footer.text", (embed.get("footer") or {}).get("text"), 2048)
        total += _too_long(errors, f"embeds.{i}.author.name", (embed.get("author") or {}).get("name"), 256)
        fields = embed.get("fields") or []
        if len(fields) > 25:
            errors[f"embeds.{i}.fields"] = "BASE_TYPE_MAX_LENGTH: Must be 25 or fewer in length."
        for j, field in enumerate(fields):
            for key, limit in (("name", 256), ("value", 1024)):
                if not field.get(key):
                    errors[f"embeds.{i}.fields.{j}.{key}"] = "BASE_TYPE_REQUIRED: This field is required"
                total += _too_long(errors, f"embeds.{i}.fields.{j}.{key}", field.get(key), limit)
    if total > 6000:
        errors["embeds"] = "MAX_EMBED_SIZE_EXCEEDED: Embed size exceeds maximum size of 6000"
    errors.update(component_errors(body.get("components") or []))
    errors.update(mention_errors(body.get("allowed_mentions")))
    return errors


def mention_errors(allowed: dict[str, Any] | None) -> dict[str, str]:
    """``allowed_mentions`` as Discord checks it: ``parse`` naming "users" (or "roles") and a ``users`` (``roles``)
    list too is refused, as is a list of more than 100."""
    errors: dict[str, str] = {}
    for kind in ("users", "roles"):
        listed = (allowed or {}).get(kind) or []
        if listed and kind in ((allowed or {}).get("parse") or []):
            errors[f"allowed_mentions.{kind}"] = "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE"
        if len(listed) > 100:
            errors[f"allowed_mentions.{kind}"] = "BASE_TYPE_MAX_LENGTH: Must be 100 or fewer in length."
    return errors


def component_errors(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Action rows of buttons, as Discord checks them: at most 5 rows of 5, custom ids unique and at most 100
    characters, labels at most 80, every non-link button with a custom id."""
    errors: dict[str, str] = {}
    if len(rows) > 5:
        errors["components"] = "BASE_TYPE_MAX_LENGTH: Must be 5 or fewer in length."
    seen: set[str] = set()
    for i, row in enumerate(rows):
        if row.get("type") != 1:
            errors[f"components.{i}.type"] = "UNION_TYPE_CHOICES: Value of field \"type\" must be one of (1,)."
        children = row.get("components") or []
        if not 1 <= len(children) <= 5:
            errors[f"components.{i}.components"] = "BASE_TYPE_BAD_LENGTH: Must be between 1 and 5 in length."
        for j, button in enumerate(children):
            where = f"components.{i}.components.{j}"
            custom_id = button.get("custom_id")
            if button.get("style") != 5 and not custom_id:
                errors[f"{where}.custom_id"] = "BASE_TYPE_REQUIRED: This field is required"
            if custom_id and (len(custom_id) > 100 or custom_id in seen):
                errors[f"{where}.custom_id"] = "COMPONENT_CUSTOM_ID_DUPLICATED or too long"
            seen.add(custom_id or "")
            if len(button.get("label") or "") > 80:
                errors[f"{where}.label"] = "BASE_TYPE_MAX_LENGTH: Must be 80 or fewer in length."
            if not button.get("label") and not button.get("emoji"):
                errors[f"{where}"] = "a button needs a label or an emoji"
    return errors


def is_empty(body: dict[str, Any]) -> bool:
    return not body.get("content") and not body.get("embeds") and not body.get("attachments")


def pings(body: dict[str, Any], replied_user_id: str | None = None) -> list[str]:
    """Who Discord would notify. Without ``allowed_mentions`` everything in the content pings. A body Discord
    refuses for its ``allowed_mentions`` notifies nobody, being never sent: asking is a mistake (ValueError)."""
    allowed = body.get("allowed_mentions")
    if mention_errors(allowed):
        raise ValueError(f"Discord refuses this allowed_mentions: {mention_errors(allowed)}")
    content = body.get("content") or ""
    parse = {"everyone", "users", "roles"} if allowed is None else set(allowed.get("parse", []))
    # Snowflakes, as strings or (as discord.py sends them) numbers: Discord takes both.
    users = {str(u) for u in allowed.get("users", [])} if allowed else set()
    roles = {str(r) for r in allowed.get("roles", [])} if allowed else set()
    found = [f"@{m}" for m in re.findall(r"@(everyone|here)", content) if "everyone" in parse]
    found += [f"user {u}" for u in re.findall(r"<@!?(\d+)>", content) if "users" in parse or u in users]
    found += [f"role {r}" for r in re.findall(r"<@&(\d+)>", content) if "roles" in parse or r in roles]
    if replied_user_id and (allowed is None or allowed.get("replied_user", False)):
        found.append(f"replied user {replied_user_id}")
    return found


def _longest(item: dict[str, Any], field: str) -> int:
    """A field's length as the 4000-character total counts it: its longest localization, if longer."""
    localized = item.get(f"{field}_localizations") or {}
    return max([len(str(item.get(field) or "")), *(len(str(v)) for v in localized.values())])


def command_size(item: dict[str, Any]) -> int:
    """Characters of names, descriptions and choice values in a command, its options (and theirs) and choices."""
    size = _longest(item, "name") + _longest(item, "description")
    size += sum(_longest(choice, "name") + len(str(choice.get("value", ""))) for choice in item.get("choices") or [])
    return size + sum(command_size(option) for option in item.get("options") or [])


def slash_name(name: str) -> bool:
    return bool(COMMAND_NAME.match(name)) and name == name.lower()


def command_errors(commands: list[dict[str, Any]]) -> dict[str, str]:
    """What Discord checks when commands are registered: names (unique per command type), descriptions, at most
    25 options (unique names, required ones first) and 25 choices, 4000 characters in all per command; context
    menu commands (USER, MESSAGE) with an empty description and no options."""
    errors: dict[str, str] = {}
    seen: set[tuple[int, str]] = set()
    for i, command in enumerate(commands):
        name, kind = command.get("name", ""), command.get("type", CHAT_INPUT)
        if not (slash_name(name) if kind == CHAT_INPUT else 1 <= len(name) <= 32):
            errors[f"{i}.name"] = "APPLICATION_COMMAND_INVALID_NAME"
        if (kind, name) in seen:
            errors[f"{i}.name"] = "APPLICATION_COMMANDS_DUPLICATE_NAME: Application command names must be unique"
        seen.add((kind, name))
        permissions = command.get("default_member_permissions")  # a permission bit set (digits; a number is taken)
        if permissions is not None and not str(permissions).isdigit():
            errors[f"{i}.default_member_permissions"] = "NUMBER_TYPE_COERCE"
        if kind != CHAT_INPUT:  # a context menu command: no description (an empty one), no options
            if command.get("description") or command.get("options"):
                errors[str(i)] = "a USER or MESSAGE command takes no description and no options"
            continue
        if command_size(command) > 4000:
            errors[str(i)] = "APPLICATION_COMMAND_TOO_LARGE: Command exceeds maximum size (4000)"
        options = command.get("options") or []
        if len(options) > 25:
            errors[f"{i}.options"] = "BASE_TYPE_MAX_LENGTH: Must be 25 or fewer in length."
        if len({option.get("name") for option in options}) < len(options):
            errors[f"{i}.options"] = "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS"
        if not 1 <= len(command.get("description") or "") <= 100:
            errors[f"{i}.description"] = "BASE_TYPE_BAD_LENGTH: Must be between 1 and 100 in length."
        seen_optional = False
        for j, option in enumerate(command.get("options") or []):
            if not slash_name(option.get("name", "")):
                errors[f"{i}.options.{j}.name"] = "APPLICATION_COMMAND_INVALID_NAME"
            if not 1 <= len(option.get("description") or "") <= 100:
                errors[f"{i}.options.{j}.description"] = "BASE_TYPE_BAD_LENGTH"
            if len(option.get("choices") or []) > 25:
                errors[f"{i}.options.{j}.choices"] = "BASE_TYPE_MAX_LENGTH: Must be 25 or fewer in length."
            if option.get("required") and seen_optional:
                errors[f"{i}.options.{j}.required"] = "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID"
            seen_optional = seen_optional or not option.get("required")
    return errors


# What Discord gives a global command registered without ``contexts``: servers and the bot's DM, not private
# channels (discord/discord-api-docs#7583). Without ``integration_types`` it gets the installation contexts
# enabled in the Developer Portal (discord/discord-api-docs#7396), for a new application both.
DEFAULT_CONTEXTS = (0, 1)
GUILD_INSTALL, USER_INSTALL = "0", "1"


def not_offered(synced: dict[str, list[dict[str, Any]]], interaction: dict[str, Any],
                installable: tuple[int, ...] = (0, 1)) -> str | None:
    """Why Discord would not offer the command of ``interaction`` (an INTERACTION_CREATE of a slash command)
    where it was run, or None when it would. ``synced``: the commands registered, by guild id or "global";
    ``installable``: the installation contexts enabled for the application in the Developer Portal.

    A server's command exists in that server alone, for its install. A global one is offered to the installs
    its ``integration_types`` name, in the places (``context``: 0 a server, 1 the bot's DM, 2 a private
    channel) its ``contexts`` name."""
    name = interaction["data"]["name"]
    owners = interaction.get("authorizing_integration_owners") or {}
    context = interaction.get("context", 0)
    guild_id = interaction.get("guild_id")
    if guild_id and any(c["name"] == name for c in synced.get(str(guild_id), [])):
        return None if owners.get(GUILD_INSTALL) == str(guild_id) else f"/{name} is this server's own command"
    command = next((c for c in synced.get("global", []) if c["name"] == name), None)
    if command is None:
        return f"/{name} is not registered where it was run"
    installs = command.get("integration_types") or list(installable)
    if not any(str(kind) in owners for kind in installs):
        return f"/{name} is not offered to a {sorted(owners)} install (integration_types {installs})"
    contexts = command.get("contexts") or list(DEFAULT_CONTEXTS)
    if context not in contexts:
        return f"/{name} is not offered in context {context} (contexts {contexts})"
    return None


def choices_allowed(choices: object) -> bool:
    """An autocomplete answer Discord takes: at most 25 choices, each named and valued in 1 to 100 characters."""
    return isinstance(choices, list) and len(choices) <= 25 and all(
        isinstance(c, dict) and 1 <= len(str(c.get("name", ""))) <= 100 and 1 <= len(str(c.get("value", ""))) <= 100
        for c in choices)


def withheld(message: dict[str, Any]) -> dict[str, Any]:
    """``message`` as Discord sends it to an app without the Message Content intent: content, embeds,
    attachments, components and polls empty, except in DMs, the app's own messages and messages that mention
    the app's *user* (a mention of its managed role is no exemption; ``FakeDiscord.reads_content``). A
    forward's snapshots are withheld alike."""
    data = {**message, "content": "", "embeds": [], "attachments": [], "components": []}
    data.pop("poll", None)
    if "message_snapshots" in data:
        data["message_snapshots"] = [{"message": {**s["message"], "content": "", "embeds": [], "attachments": []}}
                                     for s in data["message_snapshots"]]
    return data
