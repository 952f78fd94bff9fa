"""The plain document model the stages pass along: one ``Article`` per parsed Doc (its
sentences, entities, body mask, people, lexicon, and the meetings read so far) and the
``Candidate`` meeting that stages 3-5 assemble from one or more sentences."""

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from ingest import dates
from ingest.gazetteer import Place
from ingest.lexicon import lexicon
from ingest.nlp import SOURCE_TEXT
from ingest.people import People, Person


class Article:
    """A parsed article as the walk reads it, and the walk's state: the meetings read so
    far and the people the text is talking about now."""

    def __init__(self, doc: Doc, published: date | None, body: list[bool], phrase_kinds: dict[int, str]):
        self.doc = doc
        self.published = published  # the publication date, or the dateline's day
        self.lex = lexicon()
        self.body = body  # per token: does it stand in the article body?
        self.sents = list(doc.sents)  # doc.sents and span.ents walk the whole document on each use
        self.ents = list(doc.ents)
        self.sentence_index = [0] * len(doc)  # per token: the index in ``sents`` of its sentence
        for n, sent in enumerate(self.sents):
            self.sentence_index[sent.start : sent.end] = [n] * len(sent)
        self.text = doc.user_data.get(SOURCE_TEXT, doc.text)  # evidence quotes the stored text
        self.people = People(doc, self.body, published.year if published else None)  # terms of office
        self.meetings: list[Candidate] = []
        self.context: list[Person] = []  # the people the text is talking about now
        self.meeting_words = frozenset(self.lex.meeting_verbs) | frozenset(self.lex.meeting_nouns)
        self.phrase_kinds = phrase_kinds  # last token of a multi-token meeting word -> kind
        self.memo: dict = {}  # what a stage computes once per article ('salient': the person it is about)

    def sentence_of(self, token: Token) -> Span:
        """The sentence of a token, without walking the parse as ``token.sent`` does."""
        return self.sents[self.sentence_index[token.i]]

    def sentence_starting_at(self, start: int) -> int | None:
        """The index in ``sents`` of the sentence that starts at token ``start``, if one does."""
        n = self.sentence_index[start]
        return n if self.sents[n].start == start else None

    def ents_in(self, span: Span) -> list[Span]:
        return [e for e in self.ents if e.start >= span.start and e.end <= span.end]

    def remember(self, people: list[Person]):
        if len(people) >= 2:
            self.context = people


@dataclass
class Candidate:
    """A meeting being assembled from one or more sentences."""

    people: list[Person]
    sentences: list[Span]
    trigger: Token
    kind: str
    status: str
    host: Person | None = None
    when: dates.ResolvedDate | None = None
    place: Place | None = None
    place_reason: str = ""
    linked: bool = True  # participants tied to the trigger by the parse, not by context
    explicit_previous: bool = False
    topic_sentences: list[Span] = field(default_factory=list)
    present: list[Person] = field(default_factory=list)  # "in the presence of X"

    @property
    def keys(self) -> frozenset[int]:
        return frozenset(p.key for p in self.people)


def unique(people: list[Person]) -> list[Person]:
    seen, out = set(), []
    for p in people:
        if p is not None and p.key not in seen:
            seen.add(p.key)
            out.append(p)
    return out
