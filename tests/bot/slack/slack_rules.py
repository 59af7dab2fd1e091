"""Slack's checks on a posted message, as Slack documents and enforces them (``invalid_blocks``, ``no_text``,
``msg_too_long``): written here independently of ``bot.slack.render``, so a renderer bug can't hide behind a
validator with the same bug. The stub Slack refuses what these refuse; render tests call them directly.
"""

from __future__ import annotations

import json
from typing import Any

MAX_BLOCKS = 50
MAX_VIEW_BLOCKS = 100  # a Home tab's (or modal's) view
SECTION_TEXT = 3000
SECTION_FIELD = 2000
HEADER_TEXT = 150
CONTEXT_ELEMENTS = 10
TEXT_OBJECT = 3000
MESSAGE_TEXT = 40000
BLOCK_TYPES = {"section", "context", "divider", "header", "actions", "image", "rich_text", "input", "file", "video"}


def _text_object(obj: Any, limit: int, where: str, plain_only: bool = False) -> list[str]:
    if not isinstance(obj, dict) or obj.get("type") not in (("plain_text",) if plain_only else ("plain_text",
                                                                                                  "mrkdwn")):
        return [f"invalid text object [json-pointer:{where}]"]
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        return [f"must be more than 0 characters [json-pointer:{where}/text]"]
    if len(text) > limit:
        return [f"must be less than {limit + 1} characters [json-pointer:{where}/text]"]
    return []


def block_errors(blocks: Any, max_blocks: int = MAX_BLOCKS) -> list[str]:
    """Slack's checks on a message's blocks (a view's, with ``max_blocks`` 100), as far as this bot can trip them."""
    if not isinstance(blocks, list):
        return ["must be an array [json-pointer:/blocks]"]
    errors = [f"no more than {max_blocks} items allowed [json-pointer:/blocks]"] if len(blocks) > max_blocks else []
    block_ids: set[str] = set()
    for i, block in enumerate(blocks):
        where = f"/blocks/{i}"
        kind = block.get("type") if isinstance(block, dict) else None
        if kind not in BLOCK_TYPES:
            errors.append(f"unsupported type [json-pointer:{where}/type]")
            continue
        if "block_id" in block:
            if block["block_id"] in block_ids or len(block["block_id"]) > 255:
                errors.append(f"invalid block_id [json-pointer:{where}/block_id]")
            block_ids.add(block["block_id"])
        if kind == "section":
            fields = block.get("fields")
            if "text" not in block and not fields:
                errors.append(f"must provide text or fields [json-pointer:{where}]")
            if "text" in block:
                errors += _text_object(block["text"], SECTION_TEXT, f"{where}/text")
            if fields:
                if len(fields) > 10:
                    errors.append(f"no more than 10 items allowed [json-pointer:{where}/fields]")
                for j, item in enumerate(fields):
                    errors += _text_object(item, SECTION_FIELD, f"{where}/fields/{j}")
        elif kind == "header":
            errors += _text_object(block.get("text"), HEADER_TEXT, f"{where}/text", plain_only=True)
        elif kind == "actions":
            elements = block.get("elements")
            if not isinstance(elements, list) or not 1 <= len(elements) <= 25:
                errors.append(f"must have 1 to 25 elements [json-pointer:{where}/elements]")
                continue
            action_ids: set[str] = set()
            for j, element in enumerate(elements):
                action_id = element.get("action_id")
                if element.get("type") != "button" or not isinstance(action_id, str) or len(action_id) > 255:
                    errors.append(f"invalid button [json-pointer:{where}/elements/{j}]")
                    continue
                if action_id in action_ids:
                    errors.append(f"duplicate action_id [json-pointer:{where}/elements/{j}/action_id]")
                action_ids.add(action_id)
                errors += _text_object(element.get("text"), 75, f"{where}/elements/{j}/text", plain_only=True)
                if len(str(element.get("value") or "")) > 2000:
                    errors.append(f"must be less than 2001 characters [json-pointer:{where}/elements/{j}/value]")
        elif kind == "context":
            elements = block.get("elements")
            if not isinstance(elements, list) or not 1 <= len(elements) <= CONTEXT_ELEMENTS:
                errors.append(f"must have 1 to {CONTEXT_ELEMENTS} elements [json-pointer:{where}/elements]")
            else:
                for j, element in enumerate(elements):
                    errors += _text_object(element, TEXT_OBJECT, f"{where}/elements/{j}")
    return errors


def texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [value["text"]] if isinstance(value.get("text"), str) else [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return []


def message_error(message: dict[str, Any]) -> tuple[str, list[str]] | None:
    """``(error, details)`` as Slack would refuse the message, or None."""
    blocks = message.get("blocks")
    if isinstance(blocks, str):  # form-encoded calls send blocks as JSON text
        blocks = json.loads(blocks)
    text = message.get("text")
    if not text and not blocks:
        return "no_text", []
    if text and len(text) > MESSAGE_TEXT:
        return "msg_too_long", []
    if blocks is not None:
        errors = block_errors(blocks)
        if errors:
            return "invalid_blocks", errors
    return None


def view_error(view: Any) -> list[str]:
    """Why ``views.publish`` would refuse ``view`` as a Home tab (``invalid_arguments``), or []."""
    if isinstance(view, str):  # form-encoded calls send the view as JSON text
        view = json.loads(view)
    if not isinstance(view, dict) or view.get("type") != "home":
        return ["must be a home view [json-pointer:/view/type]"]
    return block_errors(view.get("blocks"), MAX_VIEW_BLOCKS)
