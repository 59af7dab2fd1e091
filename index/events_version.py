"""The events extractor's version and what each version changed: a built index whose events were extracted by an
older version is extracted again (``index.extractors``). Kept apart from ``index.events`` so the history, which
only grows, doesn't crowd the rules.
"""

EVENTS_VERSION = 44  # 14: a yearless date in an undated article takes the year of its group of dated articles;
# 15: a day or weekday right after "for" ("called a sit-in for Monday") is one set for, ahead;
# 16: "last month", "this month", "next month": the month before, of or after the article's;
# 17: "the past week", "in the last week": the seven days before the article's date, not the calendar week before;
# 18: a day of a month set for ("called a sit-in for February 8") may be up to a month before the article;
# 19: "Two days earlier, …", "The next morning …": a day from the one day the sentence before dates
# (``index.relative_days``); ``context_start``/``context_end``: the sentence a "The talks …"/"It …" one points at;
# 20: "are expected later this week", "is due on Friday": still ahead, as "are expected to" was;
# 21: groups of dated articles as large leave a yearless day's year to the article's own days (``article_window``);
# 22: a day counted from a date of the sentence's own ("two days after the January 26 violence"; ``_count_here``)
# 23: "today", "yesterday", "tomorrow" from the article's date; the present progressive with a time of its own
# ("is meeting officials this week", "is hearing the case on Friday") and a clause a date opens told in the future
# ("On Friday, officials will meet …") are ahead; a correction note dates no event (``index.corrections``)
# 24: the day of a plan called off or moved ("had been scheduled for Tuesday but was postponed") is no event, and
# the day it was moved to ("moved to Thursday") is ahead (``index.called_off``); 25: the day of a lead paragraph's
# dateline ("MAREN, Friday 14 November 2025 - …") dates the article, and is no event (``index.lead_dateline``);
# 26: a sentence opening with its day ("On Thursday, 11 February 2021: …") is no dateline, and its day an event
# 27: a weekday that is no one day ("every Friday", "the first Friday in October") is not the one before the article
# 28: a dateline naming its country after the city ("VESKA, Norvania, Tuesday 9 March 2021 – …") is no event, nor an
# editor's note on the story ("This story was updated on February 13 to add …") (``index.corrections``)
# 29: a live blog's or chronology's entry head ("Feb 9, 21:15") is no event; its entry's first sentence is one of its
# day, and the entry's relative days ("tonight") count from it (``index.entry_heads``)
# 30: "between 4 and 6 February" is one range, not 6 February (``index.date_ranges``); a date before a preposition
# ("last week under the load") dates its sentence (``index.date_roles``); an update paragraph's relative days
# ("Update, February 14: … said on Sunday") count from its label's day (``index.update_days``)
# 31: a wire dateline's day without its year ("PORT ALDEN, Feb 23 (Tidewire) - …") is no event either: it is the
# undated story's estimated date (``index.lead_dateline.dateline_end``)
# 32: an undated article's yearless days take the years of the dated articles most like it (``index.kin_dates``)
# 33: a dateline of its weekday alone ("KARSK, Friday — …") is no event; "The day before the filing, …" counts from
# the day of the filing where the article dates it, not from the sentence before (``index.named_anchor``)
# 34: a day in figures in the text ("On 10/02/2022 the regulator …") dates its sentence when it reads one way, by
# itself, the article's other days or its date (``index.figure_days``)
# 35: "over the weekend", "last weekend": its Saturday and Sunday (``index.date_resolution.resolve_weekend``); "a week
# after the order", "two weeks later": 7 and 14 days on, an estimate; "the previous Friday", "the following Monday":
# that weekday from the day told before, not the article's (``index.relative_days``); "The day after the hearing"
# finds "heard" by index.lexical's stems (``index.named_anchor``)
# 36: "the previous week", "the following week", "The week before, …": the calendar week before or after the one of
# the day the sentence before dates, not the week before the article's (``index.relative_days``); an update's label
# with its time ("Update, June 8, 17:10: …") names its day, and its first sentence dating nothing is an event of it;
# "in the week of April 4" is that week, not April 4 (``index.date_ranges.week_of``)
# 37: a year ("in 2019"), a part of a month or a year ("late January", "the first week of June", "mid-2020", "by the
# end of the month"), "last March" and "last year" are dates of their own, of no day (``index.coarse_dates``,
# written as ``index.date_values`` says); "late January" was the whole month, the others dated nothing
# 38: a question ("How many orders has the company received this year?", a heading "What happens on April 2?") is
# no event of the day it names (``index.date_tense.asks``)
# 39: an entry head with its time first or an update's word ("11:20 AM, Feb 9", "Update (Feb 9, 11:20):") and an
# update's label alone on its line are no events, their entries' first sentences are; "by 2025" is a deadline year;
# a year's count ("In 2023 the platform received 4,100 requests") dates nothing (``index.period_figures``); "from 3
# to 5 March" and "from March 3 to 5" are ranges (``index.date_ranges``); "two days ago", "three weeks ago", "a month
# ago", "ten years ago" are counted back from the day written (``index.coarse_dates``); "on 3 and 5 March" two days
# 40: a source list's entry ("Harbour Board, press statement, 12 March 2024.") is no event of its day
# (``index.reference_entries``); a fact box's date is an event of the box's line naming it (``index.box_lines``)
# 41: a date a state holds since ("blocked since 3 March", "43 arrested since Saturday night") is no event of its
# day (``index.date_roles.held_since``); an endnote of one source and its day ("[1] Order of …, 7 September 2023.") is
# no event either (``index.reference_entries``)
# 42: "3 hours ago", "40 minutes ago" are the day written (``index.coarse_dates``)
# 43: a date inside a clause or phrase hung on its sentence ("before the election on September 14", "since the panel
# was set up in June", "a claim that caused a crush last Friday") dates no event when another date of the sentence
# is its main clause's (``index.clause_dates``)
# 44: "this week" in the past tense is the week's days up to the article's date, ahead from it
# (``index.date_resolution.resolve_week``)
