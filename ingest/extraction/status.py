"""The status stage: whether a meeting was held, is planned, was called off or refused, or
did not happen at all.

Reads one meeting trigger (a token of a parsed ``Doc``: "met", "talks", "visit"...) and
the cues of ``ingest/data/status.json``; writes nothing; returns ``"held"``,
``"planned"``, ``"cancelled"``, ``"refused"``, or ``None`` when the text reports no
meeting (negated, conditional, hypothetical, an offer, a hope, a request).

The cues are spaCy patterns (``PhraseMatcher`` phrases matched on word forms and on
lemmas, ``Matcher`` token patterns, ``DependencyMatcher`` patterns), matched once per
document. The parse decides which of them speak about the trigger: a cue counts when it
hangs on the trigger's clause, that is on the trigger or a word governing it, or on a word
attached to one of those by a cue relation (an auxiliary, a negation, a particle, a
modifier). The first kind found decides, in this order:

1. refused ("refused to meet", "declined an invitation to meet", "turned down");
2. rescheduled, which is planned ("postponed until next week");
3. cancelled ("called off", "postponed", "delayed indefinitely", "the talks are off");
4. no meeting: negated ("did not meet"; not "did not reach a deal at the talks"), under a
   negating governor ("left without meeting", "failed to meet"), or conditional ("if");
5. no meeting: hypothetical ("could", "hopes to", "offered to", "called for talks"),
   unless a firm cue is there too ("will try to meet"); refused when a coordinated clause
   refuses it ("asked for a meeting, but the Kremlin turned the request down");
6. "would": no meeting ("would meet", "would have met") except in reported speech, where
   it is a future in the past ("the Kremlin said the meeting would take place in May");
7. planned ("will meet", "is due to visit", "is scheduled to hold talks", "talks are to be
   held", an invitation, a headline's "Xi and Ma to meet"); cancelled when a coordinated
   clause calls it off ("was due to meet X but called off the trip");
8. held.
"""

import weakref
from dataclasses import dataclass
from functools import cache

from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ingest.extraction.syntax import governors
from ingest.lexicon import lexicon, load

HELD, PLANNED, CANCELLED, REFUSED = "held", "planned", "cancelled", "refused"
KINDS = (
    "refused",
    "rescheduled",
    "cancelled",
    "negated",
    "negating_governor",
    "condition",
    "hypothetical",
    "conditional",
    "firm",
    "invited",
    "planned",
)

Cue = frozenset[int]  # the token indices of one match


@dataclass(frozen=True)
class Scope:
    """How far the trigger's clause reaches, from ``status.json``."""

    depth: int  # how many governors of the trigger the clause reaches
    # A verb in one of these relations that has a time of its own ("finite": a tense or an
    # auxiliary; "past": a past tense) heads a clause of its own, which its head's cues do not
    # reach: "Y, who met X, will go", "when he met X, Paris did not...", "does not attend
    # banquets and is looking forward to...". An infinitive has no time of its own ("a request
    # for Y to meet X"), nor has "after they meet" a past of its own.
    own_clause: dict[str, str]
    cue_deps: frozenset[str]  # the relations by which a cue hangs on a word of the clause
    governor_cue_deps: frozenset[str]  # more of them, on a governor only ("talks are to be held")
    phrase_deps: frozenset[str]  # more of them, within a cue ("out of the question")
    settings: frozenset[str]  # prepositions that make a meeting the setting of another event

    @classmethod
    def from_data(cls, data: dict) -> "Scope":
        return cls(
            depth=data["depth"],
            own_clause=dict(data["own_clause"]),
            cue_deps=frozenset(data["cue_deps"]),
            governor_cue_deps=frozenset(data["governor_cue_deps"]),
            phrase_deps=frozenset(data["phrase_deps"]),
            settings=frozenset(data["settings"]),
        )


class StatusReader:
    """The status cues compiled for one vocabulary; ``status(trigger)`` reads one trigger."""

    def __init__(self, vocab: Vocab, data: dict, reporting_verbs: frozenset[str], meeting_words: frozenset[str]):
        self.vocab = vocab
        self.scope = Scope.from_data(data["scope"])
        self.plan_governors = frozenset(data["plan_governors"])
        self.reporting_verbs = reporting_verbs  # "said the meeting would..."
        self.meeting_words = meeting_words  # the trigger lemmas and words
        self.by_form = PhraseMatcher(vocab, attr="LOWER")
        self.by_lemma = PhraseMatcher(vocab, attr="LEMMA")
        self.tokens = Matcher(vocab)
        self.relations = DependencyMatcher(vocab)
        for kind in KINDS:
            phrases, token_patterns, relation_patterns = [], [], []
            for cue in data[kind]:
                if isinstance(cue, str):
                    words = cue.split()
                    phrases.append(Doc(vocab, words=words, lemmas=words))
                elif "RIGHT_ID" in cue[0]:
                    relation_patterns.append(cue)
                else:
                    token_patterns.append(cue)
            if phrases:
                self.by_form.add(kind, phrases)
                self.by_lemma.add(kind, phrases)
            if token_patterns:
                self.tokens.add(kind, token_patterns)
            if relation_patterns:
                self.relations.add(kind, relation_patterns)
        self._cues: weakref.WeakKeyDictionary[Doc, dict[str, list[Cue]]] = weakref.WeakKeyDictionary()

    def cues(self, doc: Doc) -> dict[str, list[Cue]]:
        """Every cue of the document by kind, matched once per document."""
        found = self._cues.get(doc)
        if found is None:
            found = {kind: [] for kind in KINDS}
            strings = self.vocab.strings
            for matcher in (self.by_form, self.by_lemma, self.tokens):
                for match_id, start, end in matcher(doc):
                    found[strings[match_id]].append(frozenset(range(start, end)))
            for match_id, token_ids in self.relations(doc):
                found[strings[match_id]].append(frozenset(token_ids))
            self._cues[doc] = found
        return found

    # -- the decision -----------------------------------------------------------

    def status(self, trigger: Token) -> str | None:
        """held, planned, cancelled, refused; None when nothing happened (see the module's docstring)."""
        chain = self.clause(trigger)
        anchors = {t.i for t in chain}
        below_setting = {t.i for t in self._below_setting(chain)}
        governors = below_setting - {trigger.i}  # the words on which governor_cue_deps hang
        # the verbs coordinated with the clause: "was due to meet X but called off the trip"
        then = {c.i for t in chain for c in t.children if c.dep_ == "conj" and c.pos_ == "VERB"}

        def found(kind: str, where: set[int] = anchors) -> bool:
            return any(self._hangs_on(cue, where, governors, trigger.doc) for cue in self.cues(trigger.doc)[kind])

        if found("refused"):
            return REFUSED
        if found("rescheduled"):
            return PLANNED
        if found("cancelled"):
            return CANCELLED
        if found("negated", below_setting):
            return None
        if self._governed_by("negating_governor", chain) or found("condition"):
            return None
        if found("hypothetical") and not found("firm"):
            return REFUSED if found("refused", then) else None
        if found("conditional") and not found("firm"):
            return PLANNED if self._reported(chain) else None
        if (
            found("invited")
            or found("planned")
            or self._planned_infinitive(trigger)
            or any(_headline_infinitive(t) for t in chain)
        ):
            return CANCELLED if found("cancelled", then) else PLANNED
        return HELD

    # -- the trigger's clause ---------------------------------------------------

    def clause(self, trigger: Token) -> list[Token]:
        """The trigger and the words governing it, up to the root of its clause."""
        return [trigger, *governors(trigger, self.scope.depth, self._own_clause)]

    def _own_clause(self, t: Token) -> bool:
        time = self.scope.own_clause.get(t.dep_)
        if time is None or _infinitive(t):
            return False
        auxiliaries = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
        if time == "past":
            return t.tag_ == "VBD" or any("Past" in c.morph.get("Tense") for c in auxiliaries)
        return t.tag_ in ("VBD", "VBZ", "VBP", "MD") or bool(auxiliaries)

    def _hangs_on(self, cue: Cue, anchors: set[int], governors: set[int], doc: Doc) -> bool:
        """Every word of the cue is an anchor, or attached to an anchor or to another word of the
        cue by a cue relation (to a governor, by a governor cue relation too; to a word of the
        cue, by a phrase relation too)."""
        for i in cue:
            t = doc[i]
            if i in anchors:
                continue
            if t.head.i in cue and t.head.i != i and t.dep_ in self.scope.phrase_deps:
                continue
            if t.head.i in (anchors | cue) and t.dep_ in self.scope.cue_deps:
                continue
            if t.head.i in governors and t.dep_ in self.scope.governor_cue_deps:
                continue
            return False
        return True

    def _meeting_word(self, t: Token) -> bool:
        return t.lemma_.lower() in self.meeting_words or t.lower_ in self.meeting_words

    def _below_setting(self, chain: list[Token]) -> list[Token]:
        """The chain up to a preposition that makes the meeting the setting of another event:
        'did not reach a deal at the talks' negates the deal, not the talks; 'did not meet X on
        the sidelines' still negates the meeting."""
        for k in range(1, len(chain) - 1):
            t = chain[k]
            if t.pos_ == "ADP" and t.lower_ in self.scope.settings and not self._meeting_word(chain[k + 1]):
                return chain[: k + 1]
        return chain

    def _governed_by(self, kind: str, chain: list[Token]) -> bool:
        """A cue that is the head of the trigger or of a meeting word above it, or of their
        preposition: 'left without meeting X', 'failed to meet X during his trip'; not 'failed
        to reach a deal at the talks'."""
        above = set()
        for t in chain:
            if t is chain[0] or self._meeting_word(t):
                above.add(t.head.i)
                if t.head.pos_ == "ADP":
                    above.add(t.head.head.i)
        return any(cue <= above for cue in self.cues(chain[0].doc)[kind])

    def _reported(self, chain: list[Token]) -> bool:
        """The clause is what someone said, in the past: its 'would' is a future in the past."""
        return any(
            t.dep_ == "ccomp" and t.head.tag_ == "VBD" and t.head.lemma_.lower() in self.reporting_verbs for t in chain
        )

    def _planned_infinitive(self, trigger: Token) -> bool:
        """'is to meet', 'arrives to hold talks': a 'to'-infinitive under a plan in the present."""
        if trigger.tag_ not in ("VB", "VBG") or not _infinitive(trigger):
            return False
        governor = trigger.head
        if governor.lemma_.lower() not in self.plan_governors:
            return False
        present = governor.tag_ in ("VBZ", "VBP", "MD")
        return present or any(c.lower_ in ("will", "is", "are") for c in governor.children)


def _infinitive(t: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def _headline_infinitive(t: Token) -> bool:
    """'Xi and Ma to meet in Singapore', 'Putin, Erdogan to hold talks': an infinitive that no
    verb governs tells, in a headline, what is to come."""
    if t.pos_ not in ("VERB", "AUX") or not _infinitive(t):
        return False
    if t.dep_ == "ROOT":
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
    return t.dep_ in ("relcl", "acl") and t.head.dep_ == "ROOT" and t.head.pos_ == "PROPN"


@cache
def reader(vocab: Vocab) -> StatusReader:
    """The status cues compiled once per vocabulary, that is once per loaded model."""
    lex = lexicon()
    meeting_words = frozenset([*lex.meeting_verbs, *lex.meeting_nouns])
    return StatusReader(vocab, load("status.json"), lex.speech_verbs, meeting_words)


def meeting_status(trigger: Token) -> str | None:
    """The status of the meeting that ``trigger`` reports; None when the text reports none."""
    return reader(trigger.doc.vocab).status(trigger)
