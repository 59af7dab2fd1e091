"""Slack adapter: one Bolt ``AsyncApp`` serving slash commands, mentions and DMs over Socket Mode or HTTP.

The adapter only translates: Slack payloads become ``CommandCore`` calls, results become Block Kit
(``render``). Permissions, validation and CPU work stay in the core.
"""
