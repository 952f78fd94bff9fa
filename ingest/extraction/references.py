"""Who a word refers to: a pronoun ('he', 'him') to the person in focus, a group word
('they', 'the two leaders', 'the Israeli and Russian leaders') to the people just read, and
a definite meeting noun ('the meeting', 'their talks') to the meeting the text already named.
"""

from spacy.tokens import Span, Token

from ingest.extraction.document import Article, unique
from ingest.extraction.syntax import governors
from ingest.gazetteer import gazetteer
from ingest.lexicon import load, lookup_key
from ingest.people import Person

_DATA = load("references.json")
PERSON_NOUNS = frozenset(_DATA["person_nouns"])  # 'the diplomat', 'the visitor', 'his guest'
OFFICE_NOUNS = frozenset(_DATA["office_nouns"])  # must fit the person's role when known
OFFICE_SYNONYMS = _DATA["office_synonyms"]  # 'premier' -> 'prime minister'
DESCRIPTION_DETERMINERS = frozenset(_DATA["description_determiners"])
LEAD_SUBJECT_BONUS = _DATA["lead_subject_bonus"]  # mentions a lead sentence's subject is worth
SUBJECTS = ("nsubj", "nsubjpass")

ANY_OFFICE = {"leader", "official", "head", "chief"}  # "the two leaders" may hold any office

PRONOUN_REACH = 120  # tokens before a sentence searched for the person 'he' names


def resolve(article: Article, token: Token) -> Person | None:
    """The person a token names, including 'he'/'his' for the person in focus."""
    person = article.people.at(token)
    if person is not None:
        return person
    for t in token.subtree:
        if t.i - token.i > 6:
            break
        person = article.people.at(t)
        if person is not None and t.dep_ in ("compound", "appos", "conj") and t.head.i == token.i:
            return person
        if person is not None and t.dep_ == "pobj" and t.head.head.i == token.i and titled_by(article, token, t):
            return person  # "Minister for International Cooperation Ko Ko Hlaing"
    if token.lower_ in ("he", "his", "him", "she", "her"):
        return pronoun(article, token)
    # a description of the person in focus, or a name the tagger missed, in a participant's place
    return described(article, token) or article.people.adopt(token)


def titled_by(article: Article, title: Token, name: Token) -> bool:
    """'Minister of Foreign Affairs X': a title whose 'of'/'for' phrase ends in the holder's name."""
    return (
        title.pos_ == "PROPN"
        and title.lower_ in article.lex.title_words
        and name.head.lower_ in ("of", "for")
        and name.pos_ == "PROPN"
        and name.lower_ not in article.lex.title_words  # "Envoy of the Secretary-General": another office
    )


def pronoun(article: Article, token: Token) -> Person | None:
    sent = article.sentence_of(token)
    # "X refused to meet him": an object pronoun is not the subject of its own clause
    own_subjects = set()
    if token.lower_ in ("him", "her"):
        head = token.head
        for _ in range(4):
            own_subjects |= {c.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass")}
            if head.dep_ not in ("xcomp", "aux", "conj") or head.head is head:
                break
            head = head.head
    hosts = {article.people.at(article.doc[i]) for i in own_subjects} - {None}
    # a relative "who" names its antecedent, but is no subject a pronoun refers back to
    for t in reversed(list(article.doc[sent.start : token.i])):
        p = person_at(article, t)
        if p is None and t.lower_ in ("he", "she") and t.dep_ in SUBJECTS:
            p = pronoun(article, t)  # "he met X, and he was received by Y": the same 'he'
        subject = t.dep_ in SUBJECTS or (t.dep_ == "compound" and t.head.dep_ in SUBJECTS)
        if p and subject and p not in hosts and t.tag_ != "WP":
            return p
    main_subject = token.dep_ == "nsubj" and token.head.dep_ == "ROOT"  # "He saw X": no cataphora
    if token.lower_ in ("his", "her"):
        # "It was X's second trip, after his first talks with Y": the possessor named before
        owner = next((t for t in reversed(list(article.doc[sent.start : token.i])) if t.dep_ == "poss"), None)
        if owner is not None and article.people.at(owner) not in hosts | {None}:
            return article.people.at(owner)
    subject = next((t for t in sent if t.dep_ == "nsubj" and t.tag_ != "WP" and article.people.at(t)), None)
    if subject is not None and not main_subject and subject.i != token.i and article.people.at(subject) not in hosts:
        return article.people.at(subject)
    if hosts:
        # "On Friday Ban was in N'Djamena, where Deby hosted him": a misparsed subject
        # is still the person named before the object pronoun
        for t in reversed(list(article.doc[sent.start : token.i])):
            p = article.people.at(t)
            if p and p not in hosts:
                return p
    # the last person named (or described) as a subject before this sentence
    return earlier_subject(article, sent)


def earlier_subject(article: Article, sent: Span) -> Person | None:
    """The last person named as a subject before ``sent``."""
    for t in reversed(list(article.doc[max(0, sent.start - PRONOUN_REACH) : sent.start])):
        p = person_at(article, t)
        # a name the parser read as a sentence of its own ("X used the day for ..."): a subject all the same
        if p and (t.dep_ in SUBJECTS or t.dep_ == "ROOT") and t.tag_ != "WP":
            return p
    return None


def person_at(article: Article, token: Token) -> Person | None:
    """The person a token names, or the one a subject description stands for."""
    return article.people.at(token) or described(article, token)


def salience(article: Article) -> dict[int, int]:
    """Each person's weight in the article: their mentions in the body, a lead sentence's
    subject counting LEAD_SUBJECT_BONUS more."""
    if "salience" not in article.memo:
        scores = {p.key: sum(1 for m in p.mentions if article.body[m.start]) for p in article.people.persons}
        lead = next((s for s in article.sents if article.body[s.start] and article.people.in_span(s)), None)
        subject = next((c for c in lead.root.children if c.dep_ in SUBJECTS), None) if lead else None
        if subject is not None:
            # "The envoy of X, Jane Doe, was received ...": a name in the subject phrase
            inside = range(subject.left_edge.i, subject.right_edge.i + 1)
            for p in article.people.persons:
                if any(m.root.i in inside and m.text in p.names for m in p.mentions):
                    scores[p.key] += LEAD_SUBJECT_BONUS
        article.memo["salience"] = scores
    return article.memo["salience"]


def most_salient(article: Article, people: list[Person]) -> Person | None:
    """The weightiest of ``people``; no one on a tie."""
    scores = salience(article)  # weighed once; a person adopted since weighs nothing yet
    ranked = sorted(people, key=lambda p: -scores.get(p.key, 0))
    if not ranked or (len(ranked) > 1 and scores.get(ranked[1].key, 0) == scores.get(ranked[0].key, 0)):
        return None
    return ranked[0]


def salient(article: Article) -> Person | None:
    """The person the article is about."""
    return most_salient(article, article.people.persons)


def described(article: Article, token: Token) -> Person | None:
    """'The Italian-Swedish diplomat', 'the envoy', 'the South Korean president' as a subject:
    the weightiest person whose country and role fit the description's demonyms and office.
    Only the person the article is about may fit by being unknown on both."""
    if (
        token.dep_ not in SUBJECTS
        or token.tag_ != "NN"
        or lookup_key(token.text) not in PERSON_NOUNS
        or not any(c.dep_ in ("det", "poss") and c.lower_ in DESCRIPTION_DETERMINERS for c in token.children)
    ):
        return None
    office = lookup_key(token.text)
    office = OFFICE_SYNONYMS.get(office, office) if office in OFFICE_NOUNS else None
    countries = {
        article.lex.demonyms[lookup_key(t.text)]
        for t in article.doc[token.left_edge.i : token.i]
        if lookup_key(t.text) in article.lex.demonyms
    }
    top = salient(article)

    def fits(p: Person) -> bool:
        if office and (office not in p.role.lower() if p.role else p is not top):
            return False
        return not countries or (p.country in countries if p.country else p is top)

    return most_salient(article, [p for p in article.people.persons if fits(p)])


def group_in(article: Article, trigger: Token) -> list[Person]:
    """'they', 'their', 'the two leaders', 'the Israeli and Russian leaders'."""
    heads = [trigger] + [g for g in governors(trigger, 2) if g.pos_ in ("VERB", "AUX")][:1]
    for h in heads:
        for t in h.children:
            if t.dep_ not in ("nsubj", "nsubjpass", "poss", "agent", "dobj"):
                continue
            if t.dep_ == "agent":
                t = next((c for c in t.children if c.dep_ == "pobj"), t)
            if not is_group(article, t):
                continue
            countries = [
                article.lex.demonyms[lookup_key(c.text)]
                for c in t.subtree
                if lookup_key(c.text) in article.lex.demonyms
            ]
            if len(countries) >= 2:
                named = [
                    p
                    for p in recent_people(
                        article,
                    )
                    if p.country in countries
                ]
                if len(named) >= 2:
                    return named[: len(countries)]
            if t.lower_ == "two" or any(c.lower_ == "two" for c in t.children):
                pair = last_two_named(article, trigger, t)
                if pair:
                    return pair
            if article.meetings or article.context:
                return article.meetings[-1].people if article.meetings else list(article.context)
            # "X shakes hands with Y during their meeting": the people named before it
            return unique([article.people.at(t) for t in article.sentence_of(trigger) if t.i < trigger.i])
    return []


def is_group(article: Article, t: Token) -> bool:
    if t.lower_ in ("they", "their", "them", "both"):
        return True
    if t.lower_ == "two" and t.dep_ in SUBJECTS and any(c.lower_ == "the" for c in t.children):
        return True  # "when the two met"
    return (
        t.tag_ in ("NNS", "NNPS")
        and t.lower_ in article.lex.group_references
        and any(c.lower_ in ("the", "both", "two", "their") for c in t.children)
    )


def is_group_reference(article: Article, sent: Span) -> bool:
    return any(is_group(article, t) for t in sent)


def last_two_named(article: Article, trigger: Token, group: Token) -> list[Person]:
    """'He had informed Cavusoglu ..., and the two ministers spoke again': the last two
    people named (or meant by a pronoun) in this sentence and the one before it; when
    the group noun names an office ('the two presidents'), the last two holding it."""
    office = group.lemma_.lower()
    index = article.sentence_index[trigger.i]
    start = article.sents[max(0, index - 1)].start
    recent = named_between(article, start, min(trigger.i, group.i))  # not the people named after "the two"
    if office in article.lex.title_words and office not in ANY_OFFICE:
        # people whose stated office is another one are not meant ('the two presidents'
        # after their foreign ministers); people with no stated office may be
        recent = [p for p in recent if not p.role or office in p.role.lower()]
        if len(recent) < 2:
            recent = [p for p in named_between(article, 0, trigger.i) if office in p.role.lower()]
    return recent[-2:] if len(recent) >= 2 else []


def named_between(article: Article, start: int, end: int) -> list[Person]:
    """The people named (or meant by a pronoun or a description) between two tokens, last mentioned last."""
    seen: list[Person] = []
    for t in article.doc[start:end]:
        person = person_at(article, t)
        if person is None and t.lower_ in ("he", "him", "she", "her") and t.pos_ == "PRON":
            person = pronoun(article, t)
        if person is not None:
            seen = [p for p in seen if p.key != person.key] + [person]
    return seen


def recent_people(article: Article) -> list[Person]:
    people = [*article.context]
    for m in reversed(article.meetings):
        people.extend(m.people)
    people.extend(sorted(article.people.persons, key=lambda p: -len(p.mentions)))
    return unique(people)


def definite_reference(article: Article, trigger: Token) -> bool:
    """'the meeting', 'their talks': a meeting the text has already named.

    A modified noun ('the Astana-format talks') names some other event.
    """
    if trigger.pos_ != "NOUN":
        return False
    modifiers = [
        c
        for c in trigger.children
        if c.dep_ in ("compound", "amod", "nmod") and c.lower_ not in article.lex.previous_cues | {"same"}
    ]
    return (
        not modifiers
        and not elsewhere(article, trigger)
        and any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "their") for c in trigger.children)
    )


def elsewhere(article: Article, trigger: Token) -> bool:
    """'the talks in Jeddah' after a meeting in Nairobi: another event, not the one just read."""
    last = article.meetings[-1].place if article.meetings else None
    for prep in trigger.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
            continue
        for obj in prep.children:
            place = gazetteer().resolve(obj.text) if obj.ent_type_ in ("GPE", "LOC", "FAC") else None
            if place is not None and (last is None or place.name != last.name):
                return True
    return False
