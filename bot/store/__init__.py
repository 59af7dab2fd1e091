"""Stored state: answers, votes and conversation turns, behind one module (adapters never write SQL)."""

from bot.store.db import AnswerRecord, HistoryMode, PartRecord, Store, VoteOutcome, utcnow

__all__ = ["AnswerRecord", "HistoryMode", "PartRecord", "Store", "VoteOutcome", "utcnow"]
