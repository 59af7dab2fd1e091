"""The audit log (``dispute_bot.audit``): who changed the index or asked for a report, one line each.

Its lines quote file names, article ids, user names and refusal reasons, which are anyone's words: a filter on
the logger itself puts each message on one line (``bot.one_line``), so no value can add a made-up line, whatever
handler (the CLI's stderr, a host's, a service manager's journal) writes it.
"""

from __future__ import annotations

import logging

from bot.one_line import on_one_line

AUDIT_LOGGER = "dispute_bot.audit"


class OneLine(logging.Filter):
    """Each record's message, its values filled in, on one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        shown = on_one_line(message)
        if shown != message:
            record.msg, record.args = shown, ()
        return True


audit = logging.getLogger(AUDIT_LOGGER)
if not any(isinstance(f, OneLine) for f in audit.filters):
    audit.addFilter(OneLine())
