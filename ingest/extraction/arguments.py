"""Who takes part in a meeting: the people the parse ties to a trigger, pronouns and
group references ("they", "the two leaders") resolved, attendees of a session, people
"in the presence of" whom it took place, without the dead; "separate calls with X and Y"
split into one meeting each.
"""

from dataclasses import replace

from spacy.tokens import Span, Token

from ingest.extraction import summits
from ingest.extraction.document import Article, Candidate, unique
from ingest.extraction.events import VISITOR_NOUNS
from ingest.extraction.syntax import clause_of, governors, with_conjuncts, words_before
from ingest.gazetteer import gazetteer
from ingest.lexicon import load, lookup_key
from ingest.people import Person

CLIMB_DEPS = {
    "pobj",
    "prep",
    "dobj",
    "xcomp",
    "advcl",
    "acl",
    "pcomp",
    "conj",
    "nsubjpass",
    "nsubj",
    "attr",
    "appos",
    "acomp",
    "npadvmod",  # "X and Y spent two days at the villa, a meeting that ..."
}
COMPANY_PREPS = {"with", "between", "among", "by", "to", "from", "of", "alongside"}
_TRIGGER_DATA = load("triggers.json")
MEDIATING_VERBS = frozenset(_TRIGGER_DATA["mediating_verbs"])  # "talks brokered by X"
SEPARATE_CUES = frozenset(_TRIGGER_DATA["separate_cues"])  # "held separate calls with X and Y"
SEQUENCE_CUES = frozenset(_TRIGGER_DATA["sequence_cues"])  # "saw X and then Y"
DECEASED_WORDS = frozenset(_TRIGGER_DATA["deceased_words"])  # "named after the late King X"
PRONOUN_REACH = 120  # tokens before a sentence searched for the person 'he' names


def participants(article: Article, trigger: Token) -> list[Person]:
    """People the parse ties to the trigger: its subjects, objects and companions,
    and the subject of the clause it sits in ("Putin said after talks with X",
    "X arrived for talks with Y", "X refused to meet Y")."""
    tokens = companions(article, trigger)
    is_verb = trigger.pos_ in ("VERB", "AUX")
    head, hops = trigger, 0
    while head.dep_ in CLIMB_DEPS and hops < 5:
        if head.dep_ in ("nsubj", "nsubjpass") and not is_verb:
            break  # "The meeting between X and Y was held": the trigger is the subject
        head = head.head
        hops += 1
        if head.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in article.lex.speech_verbs and trigger.dep_ == "ccomp":
                break
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
            for subject in subjects:
                tokens.append(subject)
                if is_verb and subject.lower_ in article.lex.meeting_nouns:
                    tokens.extend(companions(article, subject))  # "a visit by X to meet Y was ..."
            if subjects:
                break
        elif article.people.at(head):
            tokens.append(head)  # "Bashar Assad at a meeting in Sochi"
            break
        elif head.lower_ in article.lex.meeting_nouns:
            tokens.extend(companions(article, head))
    people: list[Person] = []
    for token in tokens:
        if token.dep_ == "agent":
            token = next((c for c in token.children if c.dep_ == "pobj"), token)
        for t in with_conjuncts(token):
            people.append(resolve(article, t))
    people = unique(people)
    if is_verb and len(people) == 1:
        # The parser often hangs the counterpart off a neighbouring noun
        # ("met on Wednesday Deputy Prime Minister ... Walid al-Muallem").
        for t in trigger.subtree:
            if nominal_path(article, t, trigger):
                people = unique(people + [article.people.at(t)])
    return people


def companions(article: Article, word: Token) -> list[Token]:
    """Tokens naming who takes part in a trigger word: subject, object, 'with X'."""
    tokens = []
    for child in word.children:
        if child.dep_ in (
            "nsubj",
            "nsubjpass",
            "dobj",
            "dative",
            "attr",
            "poss",
            "compound",
            "amod",
            "nmod",
            "npadvmod",
            "appos",
        ):
            tokens.append(child)
            if child.dep_ == "dobj" and child.lower_ in article.lex.hold_objects | set(article.lex.meeting_nouns):
                tokens.extend(companions(article, child))  # "held talks with X"
            if child.dep_ == "dobj" and child.lower_ in VISITOR_NOUNS:
                tokens.extend(  # "received a delegation led by X"
                    g
                    for verb in child.children
                    if verb.dep_ == "acl"
                    for agent in verb.children
                    if agent.dep_ == "agent"
                    for g in agent.children
                    if g.dep_ == "pobj"
                )
        elif child.dep_ == "acl" and child.lemma_.lower() in MEDIATING_VERBS:
            tokens.extend(  # "talks brokered by X": the broker sat at the table
                g for agent in child.children if agent.dep_ == "agent" for g in agent.children if g.dep_ == "pobj"
            )
        elif (
            child.dep_ == "agent"
            or (child.dep_ == "prep" and child.lower_ in COMPANY_PREPS)
            or (word.lemma_ == "call" and child.dep_ == "prep" and child.lower_ in ("on", "upon"))
        ):
            preps = [child] + [c for c in child.children if c.dep_ == "conj" and c.pos_ == "ADP"]  # "with X and with Y"
            tokens.extend(c for p in preps for c in p.children if c.dep_ == "pobj")
    return tokens


def nominal_path(article: Article, token: Token, trigger: Token) -> bool:
    """A person reached from the trigger without entering another clause."""
    if article.people.at(token) is None or token.i == trigger.i:
        return False
    t = token
    while t.i != trigger.i:
        if t.pos_ in ("VERB", "AUX") or t.dep_ in ("relcl", "ccomp", "advcl", "acl", "parataxis"):
            return False
        t = t.head
    return True


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
    if token.lower_ in ("he", "his", "him", "she", "her"):
        return pronoun(article, token)
    return article.people.adopt(token)  # a name the tagger missed, in a participant's place


def pronoun(article: Article, token: Token) -> Person | None:
    sent = token.sent
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
        p = article.people.at(t)
        if p and t.dep_ in ("nsubj", "nsubjpass", "compound") and p not in hosts and t.tag_ != "WP":
            return p
    subject = next((t for t in sent if t.dep_ == "nsubj" and t.tag_ != "WP" and article.people.at(t)), None)
    if subject is not None and subject.i != token.i and article.people.at(subject) not in hosts:
        return article.people.at(subject)
    if hosts:
        # "On Friday Ban was in N'Djamena, where Deby hosted him": a misparsed subject
        # is still the person named before the object pronoun
        for t in reversed(list(article.doc[sent.start : token.i])):
            p = article.people.at(t)
            if p and p not in hosts:
                return p
    # the last person named as a subject before this sentence
    for t in reversed(list(article.doc[max(0, sent.start - 120) : sent.start])):
        p = article.people.at(t)
        if p and t.dep_ in ("nsubj", "nsubjpass") and t.tag_ != "WP":
            return p
    return None


def earlier_subject(article: Article, sent: Span) -> Person | None:
    """The last person named as a subject before ``sent``."""
    for t in reversed(list(article.doc[max(0, sent.start - PRONOUN_REACH) : sent.start])):
        p = article.people.at(t)
        if p and t.dep_ in ("nsubj", "nsubjpass") and t.tag_ != "WP":
            return p
    return None


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
            if any(c.lower_ == "two" for c in t.children):
                pair = last_two_named(article, trigger)
                if pair:
                    return pair
            if article.meetings or article.context:
                return article.meetings[-1].people if article.meetings else list(article.context)
            # "X shakes hands with Y during their meeting": the people named before it
            return unique([article.people.at(t) for t in trigger.sent if t.i < trigger.i])
    return []


def is_group(article: Article, t: Token) -> bool:
    if t.lower_ in ("they", "their", "them", "both"):
        return True
    return (
        t.tag_ in ("NNS", "NNPS")
        and t.lower_ in article.lex.group_references
        and any(c.lower_ in ("the", "both", "two", "their") for c in t.children)
    )


def is_group_reference(article: Article, sent: Span) -> bool:
    return any(is_group(article, t) for t in sent)


def last_two_named(article: Article, trigger: Token) -> list[Person]:
    """'He had informed Cavusoglu ..., and the two ministers spoke again': the last two
    people named (or meant by a pronoun) in this sentence and the one before it."""
    index = next(i for i, s in enumerate(article.sents) if s.start <= trigger.i < s.end)
    start = article.sents[max(0, index - 1)].start
    seen: list[Person] = []
    for t in article.doc[start : trigger.i]:
        person = article.people.at(t)
        if person is None and t.lower_ in ("he", "him", "she", "her") and t.pos_ == "PRON":
            person = pronoun(article, t)
        if person is not None:
            seen = [p for p in seen if p.key != person.key] + [person]
    return seen[-2:] if len(seen) >= 2 else []


def recent_people(article: Article) -> list[Person]:
    people = [*article.context]
    for m in reversed(article.meetings):
        people.extend(m.people)
    people.extend(sorted(article.people.persons, key=lambda p: -len(p.mentions)))
    return unique(people)


def present(article: Article, trigger: Token) -> list[Person]:
    """People 'in the presence of' whom the meeting took place: they attended it."""
    heads = [trigger, *[g for g in governors(trigger, 2) if g.pos_ in ("VERB", "AUX")][:1]]
    found = []
    for head in heads:
        for prep in head.children:
            presence = [g for g in prep.children if g.lower_ == "presence"] if prep.lower_ == "in" else []
            for word in presence:
                for of in word.children:
                    if of.dep_ == "prep" and of.lower_ == "of":
                        found += [
                            resolve(article, g) for o in of.children if o.dep_ == "pobj" for g in with_conjuncts(o)
                        ]
    return unique(found)


def attendees(article: Article, trigger: Token) -> list[Person]:
    """Everyone the text places at a summit session (ingest/extraction/summits.py)."""
    if summits.on_sidelines(trigger.sent) or summits.is_setting(trigger, article.meeting_words):
        return []
    if summits.is_session(trigger) or (
        trigger.lower_ in summits.GROUP_MEETING_NOUNS
        and summits.names_group(trigger, article.lex.kind_cues["multilateral"])
    ):
        subject = summits.attending_subject(trigger)
        attending = resolve(article, subject) if subject is not None else None
        if attending is not None and all(m.start > subject.i for m in attending.mentions):
            attending = earlier_subject(article, trigger.sent)  # 'he' names no one named after it
        return summits.attendees(trigger, article.sents, article.people, article.body, attending)
    return []


def alive(article: Article, sent: Span, people: list[Person]) -> list[Person]:
    """Without 'the late X' of this sentence: the dead meet nobody."""
    doc = article.doc

    def late(p: Person) -> bool:
        return any(
            t.lower_ in DECEASED_WORDS and t.i > 0 and doc[t.i - 1].lower_ in ("the", "his", "her", "their")
            for m in p.mentions
            if m.sent.start == sent.start
            for t in words_before(m)
        )

    return [p for p in people if not late(p)]


def separately(article: Article, c: Candidate) -> list[Candidate]:
    """'X held separate calls with Y and Z': one meeting of X with each of them."""
    trigger = c.trigger
    cued = any(w.lower_ in SEPARATE_CUES and w.dep_ in ("amod", "advmod") for w in clause_of(trigger))
    # "saw X at State House and then Y at a hotel": one after the other
    cued = cued or any(
        w.dep_ == "conj" and article.people.at(w) and any(a.lower_ in SEQUENCE_CUES for a in w.children)
        for w in trigger.subtree
    )
    if not cued or len(c.people) < 3:
        return [c]
    head = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    subjects = [resolve(article, w) for w in head.children if w.dep_ in ("nsubj", "nsubjpass")]
    subject = next((p for p in subjects if p in c.people), None)
    if subject is None:
        return [c]
    return [replace(c, people=[subject, other], sentences=list(c.sentences)) for other in c.people if other != subject]


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
