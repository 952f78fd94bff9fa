"""The spaCy pipeline, built once per process.

The model is a setting (``PARLEY_SPACY_MODEL``). Two components of Parley's own are
added: one that starts a sentence at paragraph and headline breaks (a headline or
a caption is not part of the next sentence) and one that marks the topics of the
taxonomy and the organisations in ``ingest/data``.
"""

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, DocBin, Span

from ingest.extraction.text import article_body
from ingest.lexicon import lexicon

TOPICS_KEY = "parley_topics"
SOURCE_TEXT = "parley_source_text"  # doc.user_data: the article as stored, furniture and all
DATELINE = "parley_dateline"  # doc.user_data: {"place", "date", "source"} of the dateline, or None
SENTENCE_ENDS = set(".!?:;\"”’'»)")


@Language.component("parley_line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Start a sentence after a blank line, after a line that ends a sentence, and after
    the first line (the headline); a hard-wrapped paragraph stays one text."""
    first_line = True
    tokens = list(doc)  # one Token object each: doc[i] builds a new one on every call
    for token in tokens[1:]:
        previous = tokens[token.i - 1]
        if not (previous.is_space and "\n" in previous.text):
            continue
        before = tokens[token.i - 2] if token.i >= 2 else previous
        if previous.text.count("\n") >= 2 or before.text[-1:] in SENTENCE_ENDS or first_line:
            token.is_sent_start = True
        else:
            previous.is_sent_start = token.is_sent_start = False  # a wrapped line goes on
        first_line = False
    return doc


def topic_patterns() -> list[dict]:
    """Span-ruler style patterns: a phrase matched case-blind, or a one-token pattern
    matched on the exact text."""
    lex = lexicon()
    patterns = []
    for topic in lex.topics:
        for phrase in {topic["name"], *topic.get("patterns", [])}:
            patterns.append({"label": "TOPIC", "pattern": phrase.lower(), "id": topic["slug"]})
    for alias, name in lex.organisations.items():
        if len(alias.replace(".", "")) <= 4 and " " not in alias:
            # Acronyms match in capitals only: "UN", not the "Un" of Kim Jong Un.
            pattern = [{"TEXT": alias.upper()}]
        else:
            pattern = alias
        patterns.append({"label": "ORGANISATION", "pattern": pattern, "id": name})
    return patterns


class TopicMarker:
    """Marks the topic and organisation patterns in ``doc.spans[TOPICS_KEY]``, as spaCy's
    span ruler does, with two phrase matchers: the one-token acronyms matched on their exact
    text rather than by a token ``Matcher``, which tries every pattern at every token."""

    def __init__(self, nlp: Language, patterns: list[dict]):
        self.case_blind = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.labels: dict[int, tuple[str, str]] = {}  # match key -> (label, id)
        for entry in patterns:
            key = repr((entry["label"], entry["id"]))
            self.labels[nlp.vocab.strings.add(key)] = (entry["label"], entry["id"])
            if isinstance(entry["pattern"], str):
                self.case_blind.add(key, [nlp.make_doc(entry["pattern"])])
            else:
                (token,) = entry["pattern"]
                self.exact.add(key, [Doc(nlp.vocab, words=[token["TEXT"]])])

    def __call__(self, doc: Doc) -> Doc:
        found = {
            Span(doc, start, end, label=self.labels[key][0], span_id=self.labels[key][1])
            for matcher in (self.case_blind, self.exact)
            for key, start, end in matcher(doc)
        }
        doc.spans[TOPICS_KEY] = sorted(found)
        return doc


@Language.factory("parley_topics")
def topic_marker(nlp: Language, name: str) -> TopicMarker:
    return TopicMarker(nlp, topic_patterns())


def build(model: str) -> Language:
    nlp = spacy.load(model)
    nlp.add_pipe("parley_line_sentences", before="parser")
    nlp.add_pipe("parley_topics", last=True)
    return nlp


@cache
def pipeline(model: str) -> Language:
    """The pipeline for a model name, built once per process."""
    return build(model)


def get_nlp() -> Language:
    """The configured pipeline; read the setting on each call, build once per model."""
    from django.conf import settings

    return pipeline(settings.PARLEY_SPACY_MODEL)


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """A Doc of each article's body (``ingest.extraction.text``: furniture blanked with
    spaces, so every offset is the same in the body and in the stored text), which keeps
    the stored text in ``user_data[SOURCE_TEXT]`` for evidence to quote."""
    bodies = ((body.text, body) for body in map(article_body, texts))
    for doc, body in nlp.pipe(bodies, as_tuples=True, batch_size=batch_size):
        doc.user_data[SOURCE_TEXT] = body.original
        doc.user_data[DATELINE] = (
            {"place": body.dateline_place, "date": body.dateline_date, "source": body.dateline_source}
            if body.dateline_place
            else None
        )
        yield doc


def parse_to_bytes(texts: list[str], model: str, batch_size: int = 16) -> bytes:
    """The Docs of ``parse``, serialised with their user data: what a parsing worker
    process sends back when the process that started it reads the Docs itself."""
    return DocBin(store_user_data=True, docs=parse(pipeline(model), texts, batch_size)).to_bytes()


def docs_from_bytes(data: bytes, model: str) -> list[Doc]:
    return list(DocBin().from_bytes(data).get_docs(pipeline(model).vocab))
