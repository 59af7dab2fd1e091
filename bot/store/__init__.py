"""Stored state: answers, votes and conversation turns, behind one module (adapters never write SQL)."""

from bot.store.db import AnswerRecord, HistoryMode, Store, VoteOutcome, utcnow

__all__ = ["AnswerRecord", "HistoryMode", "Store", "VoteOutcome", "utcnow"]
