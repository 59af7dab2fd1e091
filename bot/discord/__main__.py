"""``python -m bot.discord <application id> [guild id]``: print the invite URL without starting the bot.

Server admins need the URL before the bot ever runs; this computes it offline, with the same scopes and
permissions the bot logs at start-up.
"""

from __future__ import annotations

import argparse

from bot.discord.app import invite_url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.discord", description="Print the bot's invite URL.")
    parser.add_argument("application_id", type=int, help="from the Developer Portal's General Information page")
    parser.add_argument("guild_id", type=int, nargs="?", help="preselect this server in the invite dialog")
    args = parser.parse_args(argv)
    print(invite_url(args.application_id, args.guild_id))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
