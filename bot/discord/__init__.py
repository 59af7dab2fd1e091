"""The Discord adapter: slash commands, mentions, DMs and bot threads on discord.py.

It translates Discord events into ``bot.core.CommandCore`` calls and renders the results as embeds that
always fit Discord's limits; it decides nothing about permissions or answers itself.
"""
