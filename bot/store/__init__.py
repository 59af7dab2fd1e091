"""Stored state: answers, votes and conversation turns, behind one module (adapters never write SQL)."""

from bot.store.db import Store, utcnow
from bot.store.records import AnswerRecord, HistoryMode, PartRecord, VoteOutcome

__all__ = ["AnswerRecord", "HistoryMode", "PartRecord", "Store", "VoteOutcome", "utcnow"]
