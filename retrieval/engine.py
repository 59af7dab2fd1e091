"""The query side in one object: the loaded index, the query encoder, and the answer pipeline.

Every method is synchronous and CPU-bound; the chat layer calls them from worker threads. The index can be
replaced underneath (after a rebuild) without a reader ever seeing half of one: a question captures the
current ``LoadedIndex`` reference once and uses only that.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from index.embedding import Encoder, EncoderProvider
from retrieval import ranker
from retrieval.alternatives import next_best
from retrieval.answer import compose
from retrieval.answer_like import is_answer_like
from retrieval.answer_nearby import nearby
from retrieval.choices import decided
from retrieval.comparisons import answered_apart, sides
from retrieval.declined_roles import role_checked
from retrieval.definitions import spelled_out
from retrieval.features import FEATURES, Candidates, candidates, reread
from retrieval.followup import expand
from retrieval.followup_search import FollowUp, best_sentence, follow_up
from retrieval.list_followups import follow_up_searched, list_follow_up
from retrieval.list_questions import list_question
from retrieval.loaded import LoadedIndex
from retrieval.meanings import explained
from retrieval.mentions import MAX_NAMES, list_answer
from retrieval.question import Kind, Question, analyse, has_subject
from retrieval.rambling import scene_and_ask, without_own_reason
from retrieval.reading import plain_reading, searched_as
from retrieval.reloads import Reloads, ReloadState
from retrieval.role_holders import holder_answer
from retrieval.same_question import as_what_about
from retrieval.scene_reading import in_scene, trusted
from retrieval.search import hybrid_search
from retrieval.several import MAX_QUESTIONS, context_and_ask, joined, questions_in
from retrieval.spelling import mend_typos
from retrieval.timeline import DEFAULT_LIMIT, build_timeline
from retrieval.turns import FollowupContext, Turn, turn_of
from retrieval.types import Answer, Passage, SourceInfo, Timeline
from retrieval.wording import in_another_script, nothing_named

PASSAGES = 16


class Engine:
    def __init__(self, index_dir: Path, encoder_provider: EncoderProvider,
                 model: ranker.AnswerModel | None = None) -> None:
        self.index_dir = index_dir
        self._encoder_provider = encoder_provider
        self._reloads = Reloads(index_dir)  # a newer build is loaded beside the current one (``retrieval.reloads``)
        self._model = model

    @property
    def index(self) -> LoadedIndex:
        """The current index: a newer published build once it has loaded (``retrieval.reloads``)."""
        return self._reloads.index()

    def reload(self) -> None:
        """Serve the published build before returning (after a change made by this process)."""
        self._reloads.reload()

    def watch(self, every: float) -> None:
        """Look for a newer build every ``every`` seconds, so an idle replica loads it before its next question."""
        self._reloads.watch(every)

    def reload_state(self) -> ReloadState:
        return self._reloads.state()

    def close(self) -> None:
        self._reloads.stop()

    @property
    def model(self) -> ranker.AnswerModel:
        """The shipped answer model unless one was given (training scores candidates before any exists)."""
        if self._model is None:
            self._model = ranker.load()
        return self._model

    @property
    def encoder(self) -> Encoder:
        return self._encoder_provider()

    def encode_query(self, text: str) -> np.ndarray:
        return self.encoder.encode([text])[0]

    def search(self, text: str, k: int = 8) -> list[Passage]:
        index = self.index
        question = analyse(text)
        return hybrid_search(index, self.encode_query(text), question.terms, k)

    def _search(self, text: str, index: LoadedIndex, reading: str
                ) -> tuple[Question, np.ndarray, list[Passage], int]:
        """``reading``: what is searched for ``text`` (``retrieval.reading``); the question keeps its words (a decline
        quotes them)."""
        question = replace(analyse(reading), text=text)
        vector = self.encode_query(reading)
        # A count gathers every figure the articles give, so it reads further down the ranking.
        depth = PASSAGES * 2 if question.kind is Kind.COUNT else PASSAGES
        return question, vector, hybrid_search(index, vector, question.terms, depth), depth

    def _read(self, index: LoadedIndex, question: Question, vector: np.ndarray, passages: list[Passage]
              ) -> tuple[Candidates, np.ndarray]:
        found = candidates(index, question, vector, passages, self.encoder.encode, is_answer_like)
        return found, self.model.probabilities(found.matrix, FEATURES)

    def candidates(self, text: str, index: LoadedIndex | None = None) -> tuple[Question, Candidates]:
        """The question read, and every sentence it considers with its features (what training fits on)."""
        index = index or self.index
        question, vector, passages, _ = self._search(text, index, searched_as(text, index)[0])
        return question, candidates(index, question, vector, passages, self.encoder.encode, is_answer_like)

    def ask(self, text: str, context: FollowupContext | None = None) -> Answer:
        """The answer to ``text``; a message asking several questions one after another gets each answered,
        a later one as a follow-up of those before it (``retrieval.several``)."""
        kind = list_question(text)  # "which ministers are named": the names, not one sentence
        listed = list_answer(self.index, kind, text) if kind is not None else None
        if listed is not None:
            return listed
        over = list_follow_up(text, context, MAX_NAMES)  # "which of them is a minister" after a list
        listed = list_answer(self.index, over, text) if over is not None else None
        if over is not None and listed is not None:
            return replace(listed, searched_for=follow_up_searched(over), expanded=True)
        questions = questions_in(text)
        # the context told first (in sentences of its own, or between commas) is the turn before the ask
        told = (context_and_ask(text) or scene_and_ask(text)) if len(questions) == 1 else None
        if told is not None:
            return replace(self._ask_in_scene(told[0], without_own_reason(told[1]), context), question=text)
        if len(questions) == 1:
            answer = self._ask_one(without_own_reason(text), context)
            # A comparison declined as one text: each fact asked on its own (``retrieval.comparisons``).
            pair = sides(text) if not answer.answered else None
            apart = answered_apart(text, pair, [self._ask_one(side, context) for side in pair.asks]) if pair else None
            return apart or answer
        turns = list(context.turns) if context else []
        answers: list[Answer] = []
        for asked in questions[:MAX_QUESTIONS]:  # the rest are left for the asker to ask on their own
            answers.append(self._ask_one(asked, FollowupContext(tuple(turns), bool(answers)) if turns else None))
            turns.append(turn_of(asked, answers[-1]))
        return joined(text, answers, left=len(questions) - len(answers))

    def _ask_in_scene(self, scene: str, ask: str, context: FollowupContext | None) -> Answer:
        """A message that sets a scene and then asks ("twitter reached out on monday. what did it ask for?"),
        read twice: the scene as the turn before the ask, and the scene's words the ask borrows as its own
        (the asker said them in this very message, not a turn ago); the reading whose best sentence the model
        trusts more answers. As a turn, its words only steered the search: the sentence holding them ("Twitter
        Inc. on Monday reached out ... seeking a formal dialogue") was judged against "what did it ask for?"
        alone, and a tweet "asking for an emoji" won. The "it" is read as the scene's subject in both."""
        index = self.index
        # "twitter's vp is meeting sawhney. what's his name?": the name asked for is checked in the whole message
        message = f"{scene}{'' if scene[-1:] in '.!?' else ','} {ask}"
        ask = in_scene(scene, ask, index)
        told = FollowupContext((*(context.turns if context else ()), Turn(scene, answered=False)), True)
        answer = self._ask_one(ask, told, message)
        borrowed = expand(ask, index.idf, index.unknown_idf, FollowupContext((Turn(scene, answered=False),)))
        if borrowed is None:
            return answer
        own = replace(self._ask_one(borrowed.text, context, message), searched_for=borrowed.text)
        return own if trusted(own) > trusted(answer) else answer

    def _ask_one(self, text: str, context: FollowupContext | None = None, message: str | None = None) -> Answer:
        """Every question read, on whichever path, ends here: an answer naming a role where its name was asked
        for is declined (``retrieval.unnamed``); ``message``: what was asked, when ``text`` is one reading of it."""
        answer, asked = self._read_one(text, context), message or text
        checked = role_checked(answer, asked, lambda: self._holder(text, answer, asked))
        if checked.answered or not answer.expanded or answer.leans:
            return checked
        # The expanded reading of a question that may stand alone answered with what it doesn't ask for (a
        # role, not a name): declined as itself, not with words it never wrote (``FollowUp.takes_over``).
        return self._ask_one(text, None, message)

    def _holder(self, text: str, answer: Answer, message: str) -> Answer | None:
        """``answer`` given by a candidate naming who holds the role asked about (``retrieval.role_holders``)."""
        index = self.index
        question, vector, passages, _ = self._search(text, index, searched_as(text, index)[0])
        return holder_answer(index, answer, message, *self._read(index, question, vector, passages))

    def _read_one(self, text: str, context: FollowupContext | None = None) -> Answer:
        """``context``: the conversation's earlier turns. A question that leans on them is read twice: as
        asked, and with words borrowed from them (``retrieval.followup``); the reading whose best sentence
        the answer model trusts more answers. A wrong guess about what "it" meant can then cost nothing,
        and a second turn that names its own subject keeps its own answer, or decline (``FollowUp.takes_over``)."""
        index = self.index
        reading, mended = searched_as(text, index)
        if context is not None:
            reading = as_what_about(reading) or reading  # "same question for koo": "what about koo"
        question, vector, passages, depth = self._search(text, index, reading)
        found, probs = self._read(index, question, vector, passages)
        spelled = spelled_out(index.aliases, reading, found, probs)  # "what is MeitY?": where an article says
        # 'what does "non-compliance" mean here': the sentence saying what it stands for, not one using it
        probs = explained(reading, found, probs, self.model.threshold) if spelled is probs else spelled
        probs = decided(reading, found, probs, index.idf)  # "in person or online": a sentence naming one
        if not has_subject(question) and in_another_script(question.text):
            # No search word of its own, in a script the index can't read: a conversation can't say what it
            # asks. Read as a follow-up, "किसानों के बारे में क्या हुआ" searched the earlier turn's words alone
            # and was declined over them ("Searched for: … Ravi Shankar Prasad"), never told to ask in English.
            return nothing_named(question)
        # A follow-up is judged, and its borrowed words searched, on chat's shorthand written out ("wat abt
        # farmers" opens with "what about"); a first question is searched as typed (see ``retrieval.reading``).
        followup = follow_up(index, question, vector, context, self.encode_query, depth,
                             plain_reading(reading, index) or reading) if context else None
        leaning, own_vector = (followup if followup is not None and followup.leans else None), vector
        if followup is not None:
            expanded, vector_x = self._read_follow_up(index, followup, best_sentence(found, probs))
            # A question naming nothing ("when?") can only mean what the conversation was about.
            # With a pronoun it leaves open, only about what was said before ("why does that matter?").
            own = followup.about_the_conversation(index, found, probs)
            raw_best = found.best(own) if has_subject(question) else 0.0
            if followup.takes_over(expanded[0].best(expanded[1]), raw_best, self.model.threshold):
                question, vector, passages = followup.question, vector_x, followup.passages
                found, probs = expanded
            else:
                followup = None
        # A follow-up about the previous answer is answered first from its quotes' neighbours (``answer_nearby``).
        near = nearby(index, context.turns[-1], leaning.question, [*leaning.readings(), own_vector], self.model,
                      self.encoder.encode, leaning.own_terms, leaning.completes
                      ) if leaning is not None and context is not None and context.turns else None
        below = False
        if leaning is not None and near is not None and near.answers(found.best(probs), self.model.threshold):
            followup, question, passages = leaning, leaning.question, near.passages
            found, probs = near.found, near.probs
            below = near.best < self.model.threshold
        if followup is None and not has_subject(question):
            return nothing_named(question)
        answer = compose(index, question, found, probs, self.model, undeclined=below)
        answer = replace(answer, alternatives=next_best(index, passages, vector, answer))  # offered after a 👎
        if followup is not None:
            return followup.finish(answer)
        return replace(answer, searched_for=mended) if mended else answer  # the reply says what was searched

    def _read_follow_up(self, index: LoadedIndex, followup: FollowUp, own_best: str | None
                        ) -> tuple[tuple[Candidates, np.ndarray], np.ndarray]:
        """The follow-up's sentences judged against each of its readings; the reading the model trusts most.
        The readings share the question and the passages: a later one only re-reads the vector's columns.
        ``own_best``: the sentence the question read alone ranks first, which the previous question and this
        one read as one text may confirm (``FollowUp.confirmed``)."""
        read: list[tuple[tuple[Candidates, np.ndarray], np.ndarray]] = []
        for vector in followup.readings():
            if read:
                found = reread(index, read[0][0][0], followup.question, vector, self.encoder.encode)
                probs = self.model.probabilities(found.matrix, FEATURES)
            else:
                found, probs = self._read(index, followup.question, vector, followup.passages)
            read.append(((found, followup.judged(index, found, probs)), vector))
        if followup.whole_vector is not None and own_best is not None:
            found = reread(index, read[0][0][0], followup.question, followup.whole_vector, self.encoder.encode)
            whole = followup.judged(index, found, self.model.probabilities(found.matrix, FEATURES))
            read = [((f, followup.confirmed(f, p, whole, own_best)), v) for (f, p), v in read]
        return max(read, key=lambda r: r[0][0].best(r[0][1]))  # the first on a tie: the expanded reading

    def timeline(self, topic: str | None = None, every: bool = False) -> Timeline:
        """The dated events, about ``topic`` if given: its typos mended as a question's are, since a topic
        misspelt ("blokcing orders") matched nothing and the reply said the articles had no such events.
        ``every``: none left out for being less supported, for a caller that picks by date ("what happened
        next?": the first few after a day)."""
        index = self.index
        mended = mend_typos(topic, index) if topic and topic.strip() else None
        search = mended or topic
        limit = len(index.events) if every else DEFAULT_LIMIT
        timeline = build_timeline(index, search, self.encode_query(search) if search else None, limit)
        return replace(timeline, topic=(topic or "").strip(), searched_for=mended) if mended else timeline

    def sources(self) -> list[SourceInfo]:
        index = self.index
        counts = np.bincount(index.chunk_doc, minlength=len(index.docs)) if len(index.chunks) else None
        return [
            SourceInfo(d.doc_id, d.title, d.date, d.url, d.source, int(counts[i]) if counts is not None else 0,
                       date_estimated=d.date_estimated)
            for i, d in enumerate(index.docs)
        ]

