"""Who takes part in a meeting: the people the parse ties to a trigger (subjects,
objects, "with X"), the attendees of a session, people "in the presence of" whom it took
place, without the dead; "separate calls with X and Y" split into one meeting each.
Pronouns and group words are resolved by ``references``.
"""

from dataclasses import replace

from spacy.tokens import Token

from ingest.extraction import summits
from ingest.extraction.document import Article, Candidate, unique
from ingest.extraction.events import VISITOR_NOUNS, journey_of
from ingest.extraction.references import earlier_subject, resolve
from ingest.extraction.syntax import clause_of, governors, with_conjuncts
from ingest.lexicon import load
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
CALL_EACH_CUES = frozenset(_TRIGGER_DATA["call_each_cues"])  # "spoke by phone with both X and Y"
SEQUENCE_CUES = frozenset(_TRIGGER_DATA["sequence_cues"])  # "saw X and then Y"
WITHIN_MEETING_PREPS = frozenset(_TRIGGER_DATA["within_meeting_preps"])  # "X pressed Y during talks"


def participants(article: Article, trigger: Token) -> list[Person]:
    """People the parse ties to the trigger: its subjects, objects and companions,
    and the subject of the clause it sits in ("Putin said after talks with X",
    "X arrived for talks with Y", "X refused to meet Y")."""
    tokens = companions(article, trigger)
    is_verb = trigger.pos_ in ("VERB", "AUX")
    head, hops = trigger, 0
    while (head.dep_ in CLIMB_DEPS or loose_clause(head)) and hops < 5:
        if head.dep_ in ("nsubj", "nsubjpass") and not is_verb:
            break  # "The meeting between X and Y was held": the trigger is the subject
        head = head.head
        hops += 1
        if head.dep_ == "prep" and head.lower_ in summits.TIME_WORDS and not tokens:
            # "X accused Y hours before the talks": the talks only date X's words
            # ("X said after talks with Y" names Y, and X was at the talks)
            break
        if head.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in article.lex.speech_verbs and trigger.dep_ == "ccomp":
                break
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
            if subjects and not tokens and came_through(trigger, head, WITHIN_MEETING_PREPS):
                # "X pressed Y during talks": what X did to Y was done at the talks
                tokens.extend(c for c in head.children if c.dep_ == "dobj")
            for subject in subjects:
                if is_verb and subject.tag_ == "WP" and head.dep_ == "relcl" and head.head.pos_ == "PROPN":
                    subject = head.head  # "X, who landed on Thursday and was received by Y"
                tokens.append(subject)
                if is_verb and subject.lower_ in article.lex.meeting_nouns:
                    tokens.extend(companions(article, subject))  # "a visit by X to meet Y was ..."
            if subjects:
                break
            if head.dep_ == "ROOT" and is_verb:
                tokens.extend(misplaced_subject(article, head))
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
    journey = journey_of(trigger) if is_verb else None
    if journey is not None and len(people) == 1 and (who := traveller(article, journey)) is not None:
        people = unique(people + [who])
    if is_verb and len(people) == 1:
        # The parser often hangs the counterpart off a neighbouring noun
        # ("met on Wednesday Deputy Prime Minister ... Walid al-Muallem").
        for t in trigger.subtree:
            if nominal_path(article, t, trigger):
                people = unique(people + [article.people.at(t)])
    return people


def loose_clause(verb: Token) -> bool:
    """A verb with no subject the parser hung loosely on another ('He saw X first, then held
    talks with Y'): it shares that verb's subject."""
    return (
        verb.dep_ == "dep"
        and verb.pos_ == "VERB"
        and verb.head.pos_ == "VERB"
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    )


def came_through(trigger: Token, verb: Token, preps: frozenset[str]) -> bool:
    """Does the trigger noun hang on the verb through one of these prepositions?"""
    return trigger.dep_ == "pobj" and trigger.head.lower_ in preps and trigger.head.head.i == verb.i


def misplaced_subject(article: Article, root: Token) -> list[Token]:
    """A sentence verb with no subject: the parser hung the person named before it
    elsewhere ("On Sunday X was greeted ... and then spent an hour with Y")."""
    for t in reversed(list(article.doc[root.sent.start : root.i])):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            return []  # another clause stands between
        if article.people.at(t) and t.dep_ in ("pobj", "npadvmod", "nsubj", "nsubjpass", "dep", "compound"):
            return [t]
    return []


def traveller(article: Article, journey: Token) -> Person | None:
    """Whose journey it is: 'his tour', else the last subject named before it in the sentence or earlier."""
    for c in journey.children:
        if c.dep_ == "poss":
            return resolve(article, c)
    for t in reversed(list(article.doc[journey.sent.start : journey.sent.end])):
        if t.dep_ in ("nsubj", "nsubjpass") and article.people.at(t):
            return article.people.at(t)
    return earlier_subject(article, journey.sent)


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
        elif child.dep_ == "conj" and child.pos_ == "PROPN" and word.pos_ == "VERB" and article.people.at(child):
            tokens.append(child)  # "telephoned X and Y" parsed with Y as the verb's conjunct
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
            tokens.extend(  # "a meeting with X set for Monday" parsed as a clause: X its subject
                s
                for p in preps
                for c in p.children
                if c.dep_ == "pcomp" and c.pos_ == "VERB"
                for s in c.children
                if s.dep_ == "nsubj"
            )
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


def separately(article: Article, c: Candidate) -> list[Candidate]:
    """'X held separate calls with Y and Z': one meeting of X with each of them."""
    trigger = c.trigger
    cued = any(w.lower_ in SEPARATE_CUES and w.dep_ in ("amod", "advmod") for w in clause_of(trigger))
    # "saw X at State House and then Y at a hotel": one after the other
    cued = cued or any(
        w.dep_ == "conj" and article.people.at(w) and any(a.lower_ in SEQUENCE_CUES for a in w.children)
        for w in trigger.subtree
    )
    # a call joins two lines: "spoke by phone with both X and Y" is one call with each
    cued = cued or (
        c.kind in ("phone_call", "video_call")
        and any(
            w.lower_ in CALL_EACH_CUES
            and w.dep_ in ("preconj", "det")
            and any(c.dep_ == "conj" for c in w.head.children)
            for w in trigger.subtree
        )
    )
    if not cued or len(c.people) < 3:
        return [c]
    head = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    subjects = [resolve(article, w) for w in head.children if w.dep_ in ("nsubj", "nsubjpass")]
    subject = next((p for p in subjects if p in c.people), None)
    if subject is None:
        return [c]
    return [replace(c, people=[subject, other], sentences=list(c.sentences)) for other in c.people if other != subject]
