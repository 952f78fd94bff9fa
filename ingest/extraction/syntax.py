"""Parse-tree helpers the extraction stages share: conjuncts, governors, the words
before a mention, the clause of a trigger, time prepositions. Pure functions of spaCy tokens."""

from collections.abc import Callable

from spacy.tokens import Span, Token

OTHER_CLAUSES = {"relcl", "ccomp", "advcl", "parataxis"}


def with_conjuncts(token: Token) -> list[Token]:
    out = [token]
    for c in token.children:
        if c.dep_ in ("conj", "appos"):
            out.extend(with_conjuncts(c))
    return out


def governors(trigger: Token, depth: int = 4, stop: Callable[[Token], bool] | None = None) -> list[Token]:
    """The words above ``trigger``, nearest first: up to ``depth`` of them, to the root,
    and not above a word for which ``stop`` holds."""
    chain, t = [], trigger
    for _ in range(depth):
        if t.head is t or (stop is not None and stop(t)):
            break
        t = t.head
        chain.append(t)
        if t.dep_ == "ROOT":
            break
    return chain


def words_before(mention: Span, n: int = 6) -> list[Token]:
    """The words of the noun phrase before a mention, up to ``n``: no verb, pronoun or punctuation."""
    words = []
    for t in reversed(mention.doc[max(mention.sent.start, mention.start - n) : mention.start]):
        if t.pos_ in ("VERB", "AUX", "PUNCT", "PRON"):
            break
        words.insert(0, t)
    return words


def clause_of(trigger: Token) -> list[Token]:
    """The words of the clause a trigger sits in, without the clauses hung inside it
    ("X, who spoke by phone on May 12, met Y on May 19": the meeting is no call)."""
    head = trigger
    while head.pos_ not in ("VERB", "AUX") and head.dep_ not in OTHER_CLAUSES and head.head.i != head.i:
        head = head.head
    holds_trigger = {trigger.i, *(a.i for a in trigger.ancestors)}  # the words whose subtree holds it
    words = list(head.subtree)
    skip = {t.i for c in words if c.dep_ in OTHER_CLAUSES and c.i not in holds_trigger for t in c.subtree}
    return [t for t in words if t.i not in skip]


def is_time(prep: Token) -> bool:
    """'on July 17', 'for two hours': a preposition whose object is a date or a time."""
    return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in prep.children)
