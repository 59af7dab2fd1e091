"""The stub Slack with ``chat.update``, as Slack answers it: only a message the bot posted, in its own
conversation, can be edited ("message_not_found", "cant_update_message" otherwise), and the new text is held to
a posted message's rules. Each edit is kept, in order, in ``edits`` (ts -> texts)."""

from __future__ import annotations

from typing import Any

from tests.bot.slack.slack_rules import message_error
from tests.bot.slack.stub_slack import BOT_TOKEN, StubSlack


class EditableStubSlack(StubSlack):
    def __init__(self) -> None:
        super().__init__()
        self.bot_posts: dict[str, str] = {}  # ts -> channel of each chat.postMessage
        self.edits: dict[str, list[str]] = {}  # ts -> each text it was updated to

    def _answer(self, method: str, params: dict[str, Any], token: str | None) -> dict[str, Any]:
        if method != "chat.update":
            answer = super()._answer(method, params, token)
            if method == "chat.postMessage" and answer.get("ok"):
                self.bot_posts[str(answer["ts"])] = str(params.get("channel"))
            return answer
        if token != BOT_TOKEN:
            return {"ok": False, "error": "invalid_auth"}
        ts, channel = str(params.get("ts")), str(params.get("channel"))
        if ts not in self.bot_posts:
            return {"ok": False, "error": "message_not_found"}
        if self.bot_posts[ts] != channel:
            return {"ok": False, "error": "cant_update_message"}
        refusal = message_error(params)
        if refusal:
            self.rejected.append((method, *refusal))
            return {"ok": False, "error": refusal[0], "errors": refusal[1]}
        self.edits.setdefault(ts, []).append(str(params.get("text")))
        return {"ok": True, "channel": channel, "ts": ts, "text": params.get("text")}
