"""Meetings reported by a news article: a pure function of a spaCy Doc.

``extract(doc, published)`` reads every sentence of the article body for a meeting
trigger (a verb such as "met", "hosted", "spoke by phone", or a noun such as "talks",
"visit", "summit"), ties the people to it through the dependency parse, and decides
its kind, status, date, place and topics, each with a short reason. Meetings of the
same event within the article are merged; their evidence is kept.

Nothing here touches the database: the output is frozen dataclasses.
"""

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ingest import dates
from ingest.extraction import summits
from ingest.extraction.status import meeting_status
from ingest.gazetteer import Place, gazetteer
from ingest.lexicon import lexicon, load, lookup_key
from ingest.nlp import DATELINE, SOURCE_TEXT, TOPICS_KEY
from ingest.people import People, Person
from meetings.countries import country_name

MAX_TOPICS = 8
DATELINE_DAYS = 1  # a meeting this close to the publication date took place where the dateline says
PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG"}
PLACE_PREPS = {"in", "at", "inside", "to", "near"}
WELCOME_WORDS = {"invite", "welcome", "receive", "bring"}  # "welcomed Clinton to Cape Town"
MISLABELLED_PLACES = {"PRODUCT", "WORK_OF_ART", "EVENT", "PERSON"}
VISIT_WORDS = {"visit", "trip", "travel", "arrive", "tour", "fly", "come", "go", "head", "land", "visiting", "return"}
HOST_VERBS = {"host", "receive", "welcome", "greet", "invite"}
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
_TRIGGER_DATA = load("triggers.json")
# Meeting words spaCy splits into several tokens ("sit-down", "courtesy call"): token lists -> kind.
MEETING_PHRASES = {
    tuple(re.findall(r"\w+|[^\w\s]", phrase.lower())): kind for phrase, kind in _TRIGGER_DATA["meeting_phrases"].items()
}
RECEIVING_VERBS = frozenset(_TRIGGER_DATA["receiving_verbs"])  # a meeting only when a person is received
VISITOR_NOUNS = frozenset(_TRIGGER_DATA["visitor_nouns"])
PARTICLE_VERBS = _TRIGGER_DATA["particle_verbs"]  # "sat down with X"
TIME_WITH_VERBS = frozenset(_TRIGGER_DATA["time_with_verbs"])  # "had half an hour with X"
TIME_NOUNS = frozenset(_TRIGGER_DATA["time_nouns"])
MEDIATING_VERBS = frozenset(_TRIGGER_DATA["mediating_verbs"])  # "talks brokered by X"
SEPARATE_CUES = frozenset(_TRIGGER_DATA["separate_cues"])  # "held separate calls with X and Y"
SEQUENCE_CUES = frozenset(_TRIGGER_DATA["sequence_cues"])  # "saw X and then Y"
ONE_TIME = {"last", "first", "previous", "latest", "only"}  # "the last time they met" is one meeting
COMPANY_PREPS = {"with", "between", "among", "by", "to", "from", "of", "alongside"}


@dataclass(frozen=True)
class ExtractedParticipant:
    name: str
    role: str
    country: str | None  # ISO alpha-2
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "role": self.role,
            "country": country_name(self.country) if self.country else None,
            "country_code": self.country,
            "aliases": list(self.aliases),
        }


@dataclass(frozen=True)
class ExtractedTopic:
    name: str
    slug: str
    kind: str  # issue, country, organisation, place


@dataclass(frozen=True)
class ExtractedMeeting:
    participants: tuple[ExtractedParticipant, ...]
    kind: str
    status: str
    date: date | None
    date_precision: str
    date_reason: str
    location: Place | None
    location_reason: str
    host: str | None
    topics: tuple[ExtractedTopic, ...]
    evidence: str
    start_char: int
    end_char: int
    confidence: float

    def to_dict(self) -> dict:
        return {
            "participants": [p.to_dict() for p in self.participants],
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "date_reason": self.date_reason,
            "location": (
                {
                    "name": self.location.name,
                    "country": country_name(self.location.country) if self.location.country else None,
                    "country_code": self.location.country,
                    "latitude": self.location.latitude,
                    "longitude": self.location.longitude,
                }
                if self.location
                else None
            ),
            "location_reason": self.location_reason,
            "kind": self.kind,
            "status": self.status,
            "host": self.host,
            "topics": [asdict(t) for t in self.topics],
            "evidence": self.evidence,
            "start_char": self.start_char,
            "end_char": self.end_char,
            "confidence": self.confidence,
        }


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

    @property
    def keys(self) -> frozenset[int]:
        return frozenset(p.key for p in self.people)


def extract(doc: Doc, published: date | None = None) -> list[ExtractedMeeting]:
    """Every meeting the article reports, in the order it first reports them."""
    return _Reader(doc, published).read()


def extract_texts(
    articles: list[tuple[str, date | None]], model: str, batch_size: int = 16
) -> list[list[ExtractedMeeting]]:
    """The meetings of each (text, published) pair, parsed with one batched ``nlp.pipe``.

    This is the unit of work of an ingest worker process: it needs no database and
    no Django set-up, only the model's name.
    """
    from ingest.nlp import parse, pipeline

    docs = parse(pipeline(model), (text for text, _ in articles), batch_size=batch_size)
    return [extract(doc, published) for (_, published), doc in zip(articles, docs)]


PRONOUN_REACH = 120  # tokens before a sentence searched for the person 'he' names


class _Reader:
    def __init__(self, doc: Doc, published: date | None):
        self.doc = doc
        self.published = published or _dateline_day(doc)
        self.lex = lexicon()
        self.body = _body_mask(doc)
        self.sents = list(doc.sents)  # doc.sents and span.ents walk the whole document on each use
        self.ents = list(doc.ents)
        self.text = doc.user_data.get(SOURCE_TEXT, doc.text)  # evidence quotes the stored text
        self.people = People(doc, self.body, self.published.year if self.published else None)
        self.meetings: list[Candidate] = []
        self.context: list[Person] = []  # the people the text is talking about now
        self._meeting_words = frozenset(self.lex.meeting_verbs) | frozenset(self.lex.meeting_nouns)
        self.phrase_kinds = _phrase_ends(doc)  # last token of a multi-token meeting word -> kind

    def _ents_in(self, span: Span) -> list[Span]:
        return [e for e in self.ents if e.start >= span.start and e.end <= span.end]

    # -- the walk over sentences -------------------------------------------------

    def read(self) -> list[ExtractedMeeting]:
        for sent in self.sents:
            if not self.body[sent.start] or not sent.text.strip():
                continue
            found = False
            for trigger in self._triggers(sent):
                candidate = self._candidate(sent, trigger)
                if candidate is not None:
                    for one in self._separately(candidate):
                        self._add(one)
                    found = True
            if not found:
                self._note_context(sent)
        return [self._finish(c) for c in self.meetings]

    def _note_context(self, sent: Span):
        """A sentence with no meeting of its own still tells what a meeting was about."""
        named = set(self.people.in_span(sent))
        target = None
        if named and self.meetings:
            scored = [
                (len(named & set(m.people)), -(sent.start - m.sentences[-1].end), i)
                for i, m in enumerate(self.meetings)
            ]
            best = max(scored)
            if best[0]:
                target = self.meetings[best[2]]
        elif self.meetings and self._is_group_reference(sent):
            target = self.meetings[-1]
        if target is not None and sent not in target.topic_sentences:
            target.topic_sentences.append(sent)

    # -- triggers ----------------------------------------------------------------

    def _triggers(self, sent: Span) -> list[Token]:
        found = []
        for t in sent:
            lemma = t.lemma_.lower()
            low = t.lower_
            if t.i in self.phrase_kinds and t.pos_ in ("NOUN", "PROPN", "ADJ", "ADV"):
                found.append(t)  # "had a sit-down with", "paid a courtesy call on"
            elif t.pos_ in ("VERB", "AUX") and lemma in self.lex.meeting_verbs:
                if t.dep_ == "acl" and summits.is_session(t.head):
                    continue  # "the summit hosted by X": the session is the meeting
                if lemma == "hold" and not any(
                    c.dep_ in ("dobj", "nsubjpass") and (c.lower_ in self.lex.hold_objects or c.i in self.phrase_kinds)
                    for c in t.children
                ):
                    continue
                if lemma in RECEIVING_VERBS and not self._receives_someone(t):
                    continue  # "would receive their certificates"
                if lemma == "see" and any(
                    c.dep_ in ("prt", "oprd", "ccomp", "xcomp") or c.lower_ == "as" for c in t.children
                ):
                    continue  # "saw his guest off", "sees Putin as a partner"
                if lemma == "call" and not (self._is_phone_call(t) or self._calls_on(t)):
                    continue
                found.append(t)
            elif t.pos_ in ("NOUN", "PROPN") and (low in self.lex.meeting_nouns or lemma in self.lex.meeting_nouns):
                if (
                    low == "call"
                    and t.head.lemma_ in ("issue", "make", "renew", "repeat", "heed", "answer")
                    and not self._phone_cue(sent)
                ):
                    continue
                if t.dep_ == "compound" and t.head.lower_ in self.lex.meeting_nouns:
                    continue  # "phone call", "summit meeting": the head is the trigger
                found.append(t)
            elif summits.is_session(t):
                found.append(t)  # "the council session", "the gathering": see _attendees
            elif t.pos_ == "VERB" and lemma == "invite":
                found.append(t)
            elif t.pos_ == "VERB" and self._particle_or_time_with(t):
                found.append(t)
        return found

    def _particle_or_time_with(self, t: Token) -> bool:
        """'sat down with X', 'Biden and Putin sit down'; 'had half an hour with X'."""
        lemma = t.lemma_.lower()
        if lemma in PARTICLE_VERBS:
            return any(c.dep_ == "prt" and c.lower_ == PARTICLE_VERBS[lemma] for c in t.children)
        if lemma not in TIME_WITH_VERBS:
            return False
        objects = [c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() in TIME_NOUNS]
        return any(
            p.dep_ == "prep" and p.lower_ == "with" and any(self.people.at(g) for g in p.children)
            for w in [t, *objects]
            for p in w.children
        ) and bool(objects)

    def _receives_someone(self, t: Token) -> bool:
        """'received Abiy Ahmed', 'welcomed a delegation', 'was received by X': a person is received."""
        for c in t.children:
            if c.dep_ in ("dobj", "nsubjpass", "agent"):
                words = [c] if c.dep_ != "agent" else [g for g in c.children if g.dep_ == "pobj"]
                for w in words:
                    if any(
                        self.people.at(x) or x.ent_type_ == "PERSON" or x.lower_ in VISITOR_NOUNS
                        for x in _with_conjuncts(w)
                    ):
                        return True
                    if w.pos_ in ("PRON",) and w.lower_ not in ("it", "this", "that", "which", "what"):
                        return True  # "received him"
        return False

    def _is_phone_call(self, t: Token) -> bool:
        """'Putin called Erdogan' is a phone call; 'called on', 'called for', 'called off' are not."""
        if any(
            c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in ("on", "for", "upon", "off") and not _is_time(c))
            for c in t.children
        ):
            return False  # "called on", "called for"; "called him on July 17" is a call
        if any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in t.children):
            return False  # "called it a success"
        return any(c.dep_ == "dobj" and self.people.at(c) for c in t.children) or self._phone_cue(t.sent)

    def _calls_on(self, t: Token) -> bool:
        """'X called on Y': a courtesy visit, not a phone call ('called on Y to act' urges)."""
        if any(v.pos_ == "VERB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in v.children) for v in t.subtree):
            return False
        return any(
            c.dep_ == "prep" and c.lower_ in ("on", "upon") and any(self.people.at(g) for g in c.children)
            for c in t.children
        )

    def _phone_cue(self, sent: Span) -> bool:
        text = " " + sent.text.lower() + " "
        return any(f" {cue} " in text or f" {cue}" in text for cue in ("phone", "telephone"))

    # -- one candidate -----------------------------------------------------------

    def _candidate(self, sent: Span, trigger: Token) -> Candidate | None:
        if summits.is_session(trigger) and summits.is_time_reference(trigger):
            return None  # "after the summit, X toured the site with Y": the other verb is the meeting
        attendees = self._attendees(trigger)
        if attendees and summits.other_sessions(trigger):
            people = attendees  # each session of the sentence has its own people
        else:
            people = _unique(self._participants(trigger) + attendees)
        people = [p for p in people if not summits.names_meeting(p)]
        linked = True
        status = self._status(trigger)
        if status is None:
            return None
        if status == "held" and summits.is_session(trigger) and summits.scheduled(trigger):
            status = "planned"
        group = self._group_in(trigger)
        if len(people) < 2 and (group or self._definite_reference(trigger)):
            if group and len(group) >= 2:
                people = _unique(people + group)
            elif self.context:
                people = _unique(people + self.context)
            linked = False
            if status != "held":
                # "The summit was called off": the meeting already read changes status;
                # "the next round of talks" is no meeting of these people.
                if self._definite_reference(trigger):
                    self._restates(people, status)
                return None
        if len(people) < 2:
            if people:
                self._remember(people)
            return None
        if self._vague(trigger):
            when = self._explicit_date(sent, trigger, status)
            if when is None or when.precision != "day":  # "have met three times this year"
                self._remember(people)
                return None
        kind = self._kind(trigger, people)
        candidate = Candidate(people=people, sentences=[sent], trigger=trigger, kind=kind, status=status, linked=linked)
        candidate.when = self._explicit_date(sent, trigger, status)
        candidate.explicit_previous = self._previous(trigger)
        if candidate.explicit_previous and candidate.when is None:
            self._remember(people)
            return None  # "their last meeting", with no date: nothing to record
        if candidate.when and self.published and candidate.when.date > self.published and status == "held":
            candidate.status = "planned"
        if kind in ("in_person", "multilateral"):
            candidate.place, candidate.place_reason = self._place(sent, trigger, people)
        candidate.host = self._host(trigger, people, candidate.place)
        return candidate

    def _attendees(self, trigger: Token) -> list[Person]:
        """Everyone the text places at a summit session (ingest/extraction/summits.py)."""
        if summits.on_sidelines(trigger.sent) or summits.is_setting(trigger, self._meeting_words):
            return []
        if summits.is_session(trigger) or (
            trigger.lower_ in summits.GROUP_MEETING_NOUNS
            and summits.names_group(trigger, self.lex.kind_cues["multilateral"])
        ):
            subject = summits.attending_subject(trigger)
            attending = self._resolve(subject) if subject is not None else None
            if attending is not None and all(m.start > subject.i for m in attending.mentions):
                attending = self._earlier_subject(trigger.sent)  # 'he' names no one named after it
            return summits.attendees(trigger, self.sents, self.people, self.body, attending)
        return []

    def _earlier_subject(self, sent: Span) -> Person | None:
        """The last person named as a subject before ``sent``."""
        for t in reversed(list(self.doc[max(0, sent.start - PRONOUN_REACH) : sent.start])):
            p = self.people.at(t)
            if p and t.dep_ in ("nsubj", "nsubjpass") and t.tag_ != "WP":
                return p
        return None

    def _separately(self, c: Candidate) -> list[Candidate]:
        """'X held separate calls with Y and Z': one meeting of X with each of them."""
        trigger = c.trigger
        cued = any(w.lower_ in SEPARATE_CUES and w.dep_ in ("amod", "advmod") for w in _clause_of(trigger))
        # "saw X at State House and then Y at a hotel": one after the other
        cued = cued or any(
            w.dep_ == "conj" and self.people.at(w) and any(a.lower_ in SEQUENCE_CUES for a in w.children)
            for w in trigger.subtree
        )
        if not cued or len(c.people) < 3:
            return [c]
        head = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        subjects = [self._resolve(w) for w in head.children if w.dep_ in ("nsubj", "nsubjpass")]
        subject = next((p for p in subjects if p in c.people), None)
        if subject is None:
            return [c]
        return [
            replace(c, people=[subject, other], sentences=list(c.sentences)) for other in c.people if other != subject
        ]

    def _restates(self, people: list[Person], status: str) -> bool:
        """A later sentence about the meeting the text just named ('the visit was postponed')."""
        if not self.meetings:
            return False
        last = self.meetings[-1]
        if not frozenset(p.key for p in people) <= last.keys:
            return False
        if last.status == "planned":
            last.status = status
        return True

    def _participants(self, trigger: Token) -> list[Person]:
        """People the parse ties to the trigger: its subjects, objects and companions,
        and the subject of the clause it sits in ("Putin said after talks with X",
        "X arrived for talks with Y", "X refused to meet Y")."""
        tokens = self._companions(trigger)
        is_verb = trigger.pos_ in ("VERB", "AUX")
        head, hops = trigger, 0
        while head.dep_ in CLIMB_DEPS and hops < 5:
            if head.dep_ in ("nsubj", "nsubjpass") and not is_verb:
                break  # "The meeting between X and Y was held": the trigger is the subject
            head = head.head
            hops += 1
            if head.pos_ in ("VERB", "AUX"):
                if head.lemma_.lower() in self.lex.speech_verbs and trigger.dep_ == "ccomp":
                    break
                subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
                for subject in subjects:
                    tokens.append(subject)
                    if is_verb and subject.lower_ in self.lex.meeting_nouns:
                        tokens.extend(self._companions(subject))  # "a visit by X to meet Y was ..."
                if subjects:
                    break
            elif self.people.at(head):
                tokens.append(head)  # "Bashar Assad at a meeting in Sochi"
                break
            elif head.lower_ in self.lex.meeting_nouns:
                tokens.extend(self._companions(head))
        people: list[Person] = []
        for token in tokens:
            if token.dep_ == "agent":
                token = next((c for c in token.children if c.dep_ == "pobj"), token)
            for t in _with_conjuncts(token):
                people.append(self._resolve(t))
        people = _unique(people)
        if is_verb and len(people) == 1:
            # The parser often hangs the counterpart off a neighbouring noun
            # ("met on Wednesday Deputy Prime Minister ... Walid al-Muallem").
            for t in trigger.subtree:
                if self._nominal_path(t, trigger):
                    people = _unique(people + [self.people.at(t)])
        return people

    def _companions(self, word: Token) -> list[Token]:
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
                if child.dep_ == "dobj" and child.lower_ in self.lex.hold_objects | set(self.lex.meeting_nouns):
                    tokens.extend(self._companions(child))  # "held talks with X"
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
                preps = [child] + [
                    c for c in child.children if c.dep_ == "conj" and c.pos_ == "ADP"
                ]  # "with X and with Y"
                tokens.extend(c for p in preps for c in p.children if c.dep_ == "pobj")
        return tokens

    def _nominal_path(self, token: Token, trigger: Token) -> bool:
        """A person reached from the trigger without entering another clause."""
        if self.people.at(token) is None or token.i == trigger.i:
            return False
        t = token
        while t.i != trigger.i:
            if t.pos_ in ("VERB", "AUX") or t.dep_ in ("relcl", "ccomp", "advcl", "acl", "parataxis"):
                return False
            t = t.head
        return True

    def _resolve(self, token: Token) -> Person | None:
        """The person a token names, including 'he'/'his' for the person in focus."""
        person = self.people.at(token)
        if person is not None:
            return person
        for t in token.subtree:
            if t.i - token.i > 6:
                break
            person = self.people.at(t)
            if person is not None and t.dep_ in ("compound", "appos", "conj") and t.head.i == token.i:
                return person
        if token.lower_ in ("he", "his", "him", "she", "her"):
            return self._pronoun(token)
        return self.people.adopt(token)  # a name the tagger missed, in a participant's place

    def _pronoun(self, token: Token) -> Person | None:
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
        hosts = {self.people.at(self.doc[i]) for i in own_subjects} - {None}
        # a relative "who" names its antecedent, but is no subject a pronoun refers back to
        for t in reversed(list(self.doc[sent.start : token.i])):
            p = self.people.at(t)
            if p and t.dep_ in ("nsubj", "nsubjpass", "compound") and p not in hosts and t.tag_ != "WP":
                return p
        subject = next((t for t in sent if t.dep_ == "nsubj" and t.tag_ != "WP" and self.people.at(t)), None)
        if subject is not None and subject.i != token.i and self.people.at(subject) not in hosts:
            return self.people.at(subject)
        if hosts:
            # "On Friday Ban was in N'Djamena, where Deby hosted him": a misparsed subject
            # is still the person named before the object pronoun
            for t in reversed(list(self.doc[sent.start : token.i])):
                p = self.people.at(t)
                if p and p not in hosts:
                    return p
        # the last person named as a subject before this sentence
        for t in reversed(list(self.doc[max(0, sent.start - 120) : sent.start])):
            p = self.people.at(t)
            if p and t.dep_ in ("nsubj", "nsubjpass") and t.tag_ != "WP":
                return p
        return None

    def _group_in(self, trigger: Token) -> list[Person]:
        """'they', 'their', 'the two leaders', 'the Israeli and Russian leaders'."""
        heads = [trigger] + [g for g in self._governors(trigger, 2) if g.pos_ in ("VERB", "AUX")][:1]
        for h in heads:
            for t in h.children:
                if t.dep_ not in ("nsubj", "nsubjpass", "poss", "agent", "dobj"):
                    continue
                if t.dep_ == "agent":
                    t = next((c for c in t.children if c.dep_ == "pobj"), t)
                if not self._is_group(t):
                    continue
                countries = [
                    self.lex.demonyms[lookup_key(c.text)] for c in t.subtree if lookup_key(c.text) in self.lex.demonyms
                ]
                if len(countries) >= 2:
                    named = [p for p in self._recent_people() if p.country in countries]
                    if len(named) >= 2:
                        return named[: len(countries)]
                if any(c.lower_ == "two" for c in t.children):
                    pair = self._last_two_named(trigger)
                    if pair:
                        return pair
                if self.meetings or self.context:
                    return self.meetings[-1].people if self.meetings else list(self.context)
                # "X shakes hands with Y during their meeting": the people named before it
                return _unique([self.people.at(t) for t in trigger.sent if t.i < trigger.i])
        return []

    def _last_two_named(self, trigger: Token) -> list[Person]:
        """'He had informed Cavusoglu ..., and the two ministers spoke again': the last two
        people named (or meant by a pronoun) in this sentence and the one before it."""
        index = next(i for i, s in enumerate(self.sents) if s.start <= trigger.i < s.end)
        start = self.sents[max(0, index - 1)].start
        seen: list[Person] = []
        for t in self.doc[start : trigger.i]:
            person = self.people.at(t)
            if person is None and t.lower_ in ("he", "him", "she", "her") and t.pos_ == "PRON":
                person = self._pronoun(t)
            if person is not None:
                seen = [p for p in seen if p.key != person.key] + [person]
        return seen[-2:] if len(seen) >= 2 else []

    def _is_group(self, t: Token) -> bool:
        if t.lower_ in ("they", "their", "them", "both"):
            return True
        return (
            t.tag_ in ("NNS", "NNPS")
            and t.lower_ in self.lex.group_references
            and any(c.lower_ in ("the", "both", "two", "their") for c in t.children)
        )

    def _recent_people(self) -> list[Person]:
        people = [*self.context]
        for m in reversed(self.meetings):
            people.extend(m.people)
        people.extend(sorted(self.people.persons, key=lambda p: -len(p.mentions)))
        return _unique(people)

    def _definite_reference(self, trigger: Token) -> bool:
        """'the meeting', 'their talks': a meeting the text has already named.

        A modified noun ('the Astana-format talks') names some other event.
        """
        if trigger.pos_ != "NOUN":
            return False
        modifiers = [
            c
            for c in trigger.children
            if c.dep_ in ("compound", "amod", "nmod") and c.lower_ not in self.lex.previous_cues | {"same"}
        ]
        return (
            not modifiers
            and not self._elsewhere(trigger)
            and any(
                c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "their") for c in trigger.children
            )
        )

    def _elsewhere(self, trigger: Token) -> bool:
        """'the talks in Jeddah' after a meeting in Nairobi: another event, not the one just read."""
        last = self.meetings[-1].place if self.meetings else None
        for prep in trigger.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
                continue
            for obj in prep.children:
                place = gazetteer().resolve(obj.text) if obj.ent_type_ in ("GPE", "LOC", "FAC") else None
                if place is not None and (last is None or place.name != last.name):
                    return True
        return False

    def _is_group_reference(self, sent: Span) -> bool:
        return any(self._is_group(t) for t in sent)

    def _remember(self, people: list[Person]):
        if len(people) >= 2:
            self.context = people

    # -- status, kind, date, place ---------------------------------------------

    def _governors(self, trigger: Token, depth: int = 4) -> list[Token]:
        chain, t = [], trigger
        for _ in range(depth):
            if t.head is t:
                break
            t = t.head
            chain.append(t)
            if t.dep_ == "ROOT":
                break
        return chain

    def _status(self, trigger: Token) -> str | None:
        """held, planned, cancelled, refused; None when nothing happened (negated, hoped for)."""
        return meeting_status(trigger)  # the status stage: ingest/extraction/status.py

    def _vague(self, trigger: Token) -> bool:
        """'have met four times', 'the third time', 'regular meetings': no single event."""
        sent = trigger.sent
        for t in sent:
            if t.lemma_ == "time" and any(
                c.dep_ in ("nummod", "amod") and (c.like_num or c.tag_ in ("JJ", "CD")) and c.lower_ not in ONE_TIME
                for c in t.children
            ):
                if abs(t.i - trigger.i) < 12:
                    return True
            if t.lower_ in ("times",) and abs(t.i - trigger.i) < 6:
                return True
        if trigger.tag_ == "NNS" and trigger.lower_ not in (
            "talks",
            "negotiations",
            "consultations",
            "discussions",
            "sidelines",
        ):
            return True
        return any(c.lower_ in self.lex.vague_cues for c in trigger.children)  # "regular", "several", "every"

    def _previous(self, trigger: Token) -> bool:
        return any(c.lower_ in self.lex.previous_cues for c in trigger.children if c.dep_ in ("amod", "advmod"))

    def _kind(self, trigger: Token, people: list[Person]) -> str:
        lex = self.lex
        near = {t.lower_ for t in trigger.subtree} | {t.lower_ for t in trigger.children} | {trigger.head.lower_}
        near |= {c.lower_ for c in trigger.head.children}
        trigger_kind = (
            lex.meeting_verbs.get(trigger.lemma_.lower())
            if trigger.pos_ in ("VERB", "AUX")
            else lex.meeting_nouns.get(trigger.lower_, lex.meeting_nouns.get(trigger.lemma_.lower()))
        )
        if trigger.pos_ == "VERB" and self._calls_on(trigger):
            trigger_kind = "in_person"
        trigger_kind = self.phrase_kinds.get(trigger.i, trigger_kind)  # "courtesy call" is no phone call
        own = " " + " ".join(t.lower_ for t in _clause_of(trigger)) + " "
        for kind in ("video_call", "phone_call"):
            if trigger_kind == kind:
                return kind
            if any((" " in cue and f" {cue} " in own) or cue in near for cue in lex.kind_cues[kind]):
                return kind
        return summits.kind(trigger, people, lex.kind_cues["multilateral"], self._meeting_words)

    def _explicit_date(self, sent: Span, trigger: Token, status: str) -> dates.ResolvedDate | None:
        future = status == "planned"
        ents = [e for e in self._ents_in(sent) if e.label_ in ("DATE", "TIME")]
        if not ents:
            return None
        near = set(t.i for t in trigger.subtree)
        for gov in self._governors(trigger, 2):
            if gov.pos_ in ("VERB", "AUX"):
                near |= {t.i for c in gov.children if c.dep_ in ("npadvmod", "prep", "tmod") for t in c.subtree}
                break
        ranked = sorted(ents, key=lambda e: (e.root.i not in near, abs(e.root.i - trigger.i)))
        for ent in ranked:
            text = ent.text
            if any(w in text.lower() for w in ("since", "past", "for ", "during", "until", "years", "decades")):
                continue
            if ent.start > 0 and self.doc[ent.start - 1].lower_ in (
                "since",
                "until",
                "till",
                "for",
                "by",
                "before",
                "after",
            ):
                continue
            resolved = dates.resolve(text, self.published, future=future)
            if resolved is not None and resolved.precision in ("day", "week", "month"):
                return resolved
            if resolved is not None and ent.root.i in near:
                return resolved
        return None

    def _place(self, sent: Span, trigger: Token, people: list[Person]) -> tuple[Place | None, str]:
        """The city (or country) where the meeting happened, as the sentence states it."""
        anchors = {trigger.i} | {t.i for t in trigger.subtree if self.people.at(t)}
        for gov in self._governors(trigger, 3):
            anchors.add(gov.i)
            if gov.pos_ in ("VERB", "AUX"):
                break
        anchors |= {t.i for t in sent if self.people.at(t) in people}
        best: tuple[int, Place, str] | None = None
        for ent in _place_spans(sent, self._ents_in(sent)):
            prep = ent.root.head
            if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
                owner = prep.head
            elif ent.root.dep_ in ("compound", "nmod") and ent.root.head.i in anchors | {t.i for t in trigger.children}:
                owner = ent.root.head  # "his Sochi residence", "the Moscow talks"
                prep = None
            elif ent.root.dep_ in ("dobj",) and ent.root.head.lemma_.lower() in VISIT_WORDS:
                owner, prep = ent.root.head, None  # "visited Beirut"
            elif ent.root.dep_ == "appos" and best is not None:
                continue
            else:
                continue
            if prep is not None and prep.lower_ == "to" and owner.lemma_.lower() not in VISIT_WORDS | WELCOME_WORDS:
                continue
            if not self._reaches(owner, anchors) and not (
                owner.lemma_.lower() in VISIT_WORDS
                or owner.lower_ in ("residence", "palace", "capital", "city")
                or owner.lemma_.lower() in self.lex.meeting_nouns  # "the summits in Jakarta"
            ):
                continue
            place = gazetteer().resolve(ent.text)
            country = _country_after(ent)
            if country and (place is None or place.country != country) and not (place and place.is_country):
                place = gazetteer().resolve_in(ent.text, country)  # "Bali, Indonesia" is not Bāli in India
            if place is None:
                continue
            if ent.label_ == "ORG" and lookup_key(ent.text) not in self.lex.metonyms:
                continue
            rank = (place.is_country, owner.i not in anchors, owner.i != trigger.i)  # "in X" on the trigger first
            phrase = f"{prep.text} {ent.text}" if prep is not None else ent.text
            reason = f'named in the report: "{phrase}"'
            if lookup_key(ent.text) in self.lex.metonyms:
                reason = f'"{ent.text}" stands for {place.label}'
            if best is None or rank < best[0]:
                best = (rank, place, reason)
        if best is None:
            return None, ""
        return best[1], best[2]

    @staticmethod
    def _reaches(token: Token, anchors: set[int]) -> bool:
        """Is the token an anchor, or hung from one through nouns ('on March 11 in ...',
        'at the Great Hall of the People in Beijing')?"""
        for _ in range(7):
            if token.i in anchors:
                return True
            if token.pos_ in ("VERB", "AUX") or token.head is token:
                return False
            token = token.head
        return token.i in anchors

    def _host(self, trigger: Token, people: list[Person], place: Place | None) -> Person | None:
        lemma = trigger.lemma_.lower()
        if lemma in HOST_VERBS and trigger.pos_ == "VERB":
            for c in trigger.children:
                if c.dep_ == "nsubj" and self.people.at(c) in people:
                    return self.people.at(c)
                if c.dep_ == "agent":
                    for g in c.children:
                        if self.people.at(g) in people:
                            return self.people.at(g)
        visitors = set()
        for p in people:
            for m in p.mentions:
                if m.sent == trigger.sent and any(
                    t.lower_ == "visiting" for t in self.doc[max(m.sent.start, m.start - 6) : m.start]
                ):
                    visitors.add(p.key)
        if visitors and len(people) == 2:
            return next((p for p in people if p.key not in visitors), None)
        if place is not None and place.country and len(people) == 2:
            local = [p for p in people if p.country == place.country]
            if len(local) == 1:
                return local[0]
        return None

    # -- merging -----------------------------------------------------------------

    def _add(self, c: Candidate):
        for m in reversed(self.meetings):
            if (
                c.keys <= m.keys
                and any(s.start == c.sentences[0].start for s in m.sentences)
                and _same_occasion(m, c, self.published)
            ):
                # "will join a video call with X ahead of the summit": one sentence, one meeting,
                # unless it names two ("who spoke by phone on May 12, met on May 19")
                self._merge(m, c)
                return
            if (
                m.keys < c.keys
                and m.sentences[-1].start == c.sentences[0].start
                and m.status == c.status
                and _same_occasion(m, c, self.published)
            ):
                # "X and Y met on Thursday, in talks brokered by Z": the second word adds Z
                self._merge(m, c)
                m.people = _unique(m.people + c.people)
                return
        for m in reversed(self.meetings):
            if (
                m.status == c.status
                and (m.keys == c.keys or (m.kind == "multilateral" and c.keys <= m.keys))
                and _compatible(m.when, c.when, self.published)
            ):
                self._merge(m, c)
                self._remember(m.people)
                return
        # "his talks with President Putin and Minister Lavrov" sums up meetings already read
        covered = [m for m in self.meetings if m.keys < c.keys and m.status == c.status]
        if len(covered) >= 2 and frozenset().union(*(m.keys for m in covered)) == c.keys:
            for m in covered:
                m.topic_sentences.append(c.sentences[0])
            return
        if not c.linked and self.meetings and not c.when:
            last = self.meetings[-1]
            if c.keys <= last.keys:
                self._merge(last, c)
                return
        if c.place is None and c.kind in ("in_person", "multilateral") and c.status == "held":
            c.place, c.place_reason = self._place_from_context(c)
        if c.place is None and c.kind in ("in_person", "multilateral") and c.status == "held":
            c.place, c.place_reason = self._place_from_dateline(c)
        if c.when is None and c.status == "held":
            for m in reversed(self.meetings[-2:]):
                if (
                    m.status == "held"
                    and m.when
                    and (m.keys & c.keys)
                    and c.trigger.sent.start - m.sentences[-1].end < 80
                ):
                    c.when = dates.ResolvedDate(
                        m.when.date, m.when.precision, "the same day as the meeting reported just before"
                    )
                    break
        if self._domestic(c):
            return
        self.meetings.append(c)
        self._remember(c.people)

    def _merge(self, m: Candidate, c: Candidate):
        m.sentences.append(c.sentences[0])
        if m.when is None or (c.when and _finer(c.when, m.when)):
            m.when = c.when or m.when
        if c.place and (m.place is None or (m.place.is_country and not c.place.is_country)):
            m.place, m.place_reason = c.place, c.place_reason
        m.host = m.host or c.host
        if m.kind == "in_person" and c.kind == "multilateral" and len(m.people) > 2:
            m.kind = "multilateral"
        m.linked = m.linked or c.linked
        m.people = _unique(m.people + [p for p in c.people if p.key in m.keys])

    def _place_from_context(self, c: Candidate) -> tuple[Place | None, str]:
        """A place stated near the meeting: the one just before, or a participant's visit."""
        for m in reversed(self.meetings):
            if m.place and m.status == "held" and (m.keys & c.keys) and m.kind != "phone_call":
                if c.trigger.sent.start - m.sentences[-1].end < 120:
                    return m.place, f"the place of the meeting reported just before ({m.place.label})"
        sents = self.sents
        index = next((i for i, s in enumerate(sents) if s.start == c.sentences[0].start), None)
        if index is None:
            return None, ""
        for s in sents[max(0, index - 2) : index + 3]:
            if not self.body[s.start]:
                continue
            for ent in self._ents_in(s):
                if ent.label_ not in ("GPE", "FAC", "LOC") or ent.root.head.lower_ not in ("in", "to"):
                    continue
                owner = ent.root.head.head
                person = self.people.at(owner) or (self._resolve(owner) if owner.dep_ in ("nsubj",) else None)
                subj = next((t for t in owner.children if t.dep_ == "nsubj"), None)
                if person is None and subj is not None:
                    person = self._resolve(subj)
                if person is None and owner.lemma_.lower() not in VISIT_WORDS:
                    continue
                if person is not None and person not in c.people:
                    continue
                place = gazetteer().resolve(ent.text)
                if place is not None:
                    return place, f'stated nearby: "{ent.root.head.text} {ent.text}"'
        return None, ""

    def _place_from_dateline(self, c: Candidate) -> tuple[Place | None, str]:
        """The dateline's city for a meeting of the day the report was filed: news of the day
        is written where it happened, older meetings are recalled from anywhere."""
        dateline = self.doc.user_data.get(DATELINE)
        if not dateline or self.published is None:
            return None, ""
        if c.when is not None and abs((c.when.date - self.published).days) > DATELINE_DAYS:
            return None, ""
        place = gazetteer().resolve(dateline["place"])
        if place is None or place.is_country:
            return None, ""
        return place, f"the dateline names {dateline['place'].title()}, and the meeting is of that day"

    def _domestic(self, c: Candidate) -> bool:
        """Officials of one country meeting each other are not diplomacy."""
        countries = [p.country for p in c.people]
        return None not in countries and len(set(countries)) == 1

    # -- output ------------------------------------------------------------------

    def _finish(self, c: Candidate) -> ExtractedMeeting:
        first = c.sentences[0]
        evidence_sent = next((s for s in c.sentences if c.linked), first)
        start, end = _stripped(evidence_sent)
        when = c.when
        if when is None and self.published and c.status == "held":
            when = dates.ResolvedDate(self.published, "day", "no date in the text: the publication date")
        if when is None:
            reason = "no date in the text" + ("" if self.published else " and no publication date")
        # The country named around the meeting fits one person who has none, never two:
        # "Putin met Erdogan to discuss Syria" makes neither of them Syrian.
        unknown = [p for p in c.people if not p.country]
        guessed = self._country_from_context(unknown[0], c) if len(unknown) == 1 else None
        participants = tuple(
            ExtractedParticipant(p.name, p.role, p.country or guessed, tuple(p.aliases())) for p in c.people
        )
        confidence = (
            0.45 + 0.2 * c.linked + 0.1 * bool(c.when) + 0.1 * bool(c.place) + 0.05 * min(len(c.sentences) - 1, 2)
        )
        return ExtractedMeeting(
            participants=participants,
            kind=c.kind,
            status=c.status,
            date=when.date if when else None,
            date_precision=when.precision if when else "unknown",
            date_reason=when.reason if when else reason,
            location=c.place,
            location_reason=c.place_reason,
            host=c.host.name if c.host else None,
            topics=self._topics(c),
            evidence=self.text[start:end],
            start_char=start,
            end_char=end,
            confidence=round(min(confidence, 0.95), 2),
        )

    def _in_title(self, ent: Span) -> bool:
        following = self.doc[ent.end] if ent.end < len(self.doc) else None
        return following is not None and (
            self.people.at(following) is not None or lookup_key(following.text) in self.lex.title_words
        )

    def _country_from_context(self, person: Person, c: Candidate) -> str | None:
        """A person with no demonym: the country of the place when nobody else is from
        there (the host, "Wang Yi met Lavrov in Beijing"), else the other country the
        evidence names ('Syria and Russia')."""
        known = {p.country for p in c.people if p.country}
        if c.place is not None and c.place.country and c.place.country not in known and c.kind == "in_person":
            return c.place.country
        if c.place is not None:
            known.add(c.place.country)
        counts = Counter()
        for s in c.sentences + c.topic_sentences:
            for ent in self._ents_in(s):
                if ent.label_ in ("GPE", "NORP") and lookup_key(ent.text) not in self.lex.metonyms:
                    code = gazetteer().country_code(ent.text)
                    if code and code not in known:
                        counts[code] += 1
        return counts.most_common(1)[0][0] if counts else None

    def _topics(self, c: Candidate) -> tuple[ExtractedTopic, ...]:
        """What was discussed, ranked: taxonomy issues, organisations, countries, places.

        The meeting's own sentences count most, then sentences about its people; in an
        article about one meeting, issues named anywhere in the body count a little.
        Countries and places count only where the meeting's people are talked about.
        """
        weights: dict[tuple[str, str, str], float] = defaultdict(float)
        sentences = [(s, 3.0, True) for s in c.sentences] + [(s, 1.5, True) for s in c.topic_sentences]
        if len(self.meetings) == 1:
            seen = {s.start for s, _, _ in sentences}
            sentences += [(s, 0.5, False) for s in self.sents if self.body[s.start] and s.start not in seen]
        own_countries = {p.country for p in c.people}
        place_name = lookup_key(c.place.name) if c.place else None
        topics_by_slug = {t["slug"]: t for t in self.lex.topics}
        spans = list(self.doc.spans[TOPICS_KEY])
        for sent, weight, about_meeting in sentences:
            for span in spans:
                if span.start >= sent.start and span.end <= sent.end and not self._in_title(span):
                    # "Trade Minister" and "UN Secretary-General" name a role, not a topic
                    if span.label_ == "TOPIC":
                        topic = topics_by_slug[span.id_]
                        weights[(topic["name"], topic["slug"], topic.get("kind", "issue"))] += weight
                    else:
                        weights[(span.id_, _slug(span.id_), "organisation")] += weight
            if not about_meeting:
                continue
            for ent in self._ents_in(sent):
                if ent.label_ not in ("GPE", "LOC", "FAC") or lookup_key(ent.text) in self.lex.metonyms:
                    continue
                if self._in_title(ent):
                    continue  # "US President Donald Trump" is not about the US
                place = gazetteer().resolve(ent.text)
                if place is not None and c.place is not None and place.name == c.place.name:
                    continue
                if place is None:
                    if ent.label_ == "LOC" and ent.text[:1].isupper():
                        name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
                        weights[(name, _slug(name), "place")] += weight
                elif place.is_country:
                    factor = 0.5 if place.country in own_countries else 1.0
                    weights[(place.name, _slug(place.name), "country")] += weight * factor
                elif lookup_key(place.name) != place_name:
                    weights[(place.name, _slug(place.name), "place")] += weight * 0.75
        ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0][0]))
        return tuple(ExtractedTopic(name, slug, kind) for (name, slug, kind), w in ranked[:MAX_TOPICS] if w >= 1)


# -- helpers --------------------------------------------------------------------

SENTENCE_INSIDE = re.compile(r"[a-z0-9]{2}[.!?] [A-Z]")


def _body_mask(doc: Doc) -> list[bool]:
    """Per token: does it stand in the article body, not in a headline or junk line?"""
    lex = lexicon()
    text = doc.text
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw), raw.strip()))
        pos += len(raw) + 1
    sentence_like = [
        (s, e, line) for s, e, line in lines if line and line[-1] in ".!?\"”’'»)" and len(line.split()) >= 6
    ]
    keep = []
    for n, (s, e, line) in enumerate(lines):
        low = line.lower()
        stands_alone = n + 1 == len(lines) or not lines[n + 1][2]  # a wrapped paragraph's line does not
        junk = (
            not any(ch.isalpha() for ch in line)
            or low in lex.junk_lines
            or low.startswith(lex.junk_line_prefixes)
            or low.startswith(("http://", "https://", "www."))
        )
        headline = (
            line
            and sentence_like
            and line[-1] not in ".!?\"”’'»):;"
            and len(line) < 250
            and stands_alone
            and not SENTENCE_INSIDE.search(line)  # a caption holds a full sentence; a headline does not
        )
        keep.append((s, e, not junk and not headline))
    mask = [False] * len(doc)
    j = 0
    for token in doc:
        while j < len(keep) - 1 and token.idx > keep[j][1]:
            j += 1
        mask[token.i] = keep[j][2]
    return mask


def _dateline_day(doc: Doc) -> date | None:
    """The day a dateline states in full ("SEOUL, June 15, 2000 -"): the reference for
    dates in an article that has no publication date."""
    dateline = doc.user_data.get(DATELINE)
    if not dateline or not dateline.get("date"):
        return None
    day = dates.resolve(dateline["date"], None)
    return day.date if day is not None and day.precision == "day" else None


def _place_spans(sent: Span, ents: list[Span]) -> list[Span]:
    """Place entities, and proper nouns after 'in'/'at' the tagger missed or mislabelled
    ('in Accra', 'to Montevideo' tagged PRODUCT); the gazetteer decides later."""
    spans = [
        ent
        for ent in ents
        if ent.label_ in PLACE_LABELS or (ent.label_ in MISLABELLED_PLACES and ent.root.head.lower_ in PLACE_PREPS)
    ]
    for ent in list(spans):
        # "the Great Hall of the People in Beijing" is one FAC entity: its city is a place too
        inner = [t for t in ent if t.lower_ == "in" and t.i + 1 < ent.end]
        if inner:
            spans.append(sent.doc[inner[-1].i + 1 : ent.end])
    for t in sent:
        if t.ent_type_ or t.tag_ != "NNP" or t.dep_ != "pobj" or t.head.lower_ not in PLACE_PREPS:
            continue
        start = min([c.i for c in t.children if c.dep_ == "compound" and c.tag_ == "NNP"] + [t.i])
        spans.append(sent.doc[start : t.i + 1])
    return spans


def _country_after(span: Span) -> str | None:
    """The country of "City, Country", when one follows the place name."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        following = next((e for e in doc.ents if e.start == span.end + 1), None)
        if following is not None:
            place = gazetteer().resolve(following.text)
            if place is not None and place.is_country:
                return place.country
    return None


def _phrase_ends(doc: Doc) -> dict[int, str]:
    """Token index of the last word of each multi-token meeting word in ``doc``, with its kind."""
    found = {}
    lowers = [t.lower_ for t in doc]
    for phrase, kind in MEETING_PHRASES.items():
        n = len(phrase)
        for i in range(len(lowers) - n + 1):
            if lowers[i] == phrase[0] and tuple(lowers[i : i + n]) == phrase:
                found[i + n - 1] = kind
    return found


OTHER_CLAUSES = {"relcl", "ccomp", "advcl", "parataxis"}


def _clause_of(trigger: Token) -> list[Token]:
    """The words of the clause a trigger sits in, without the clauses hung inside it
    ("X, who spoke by phone on May 12, met Y on May 19": the meeting is no call)."""
    head = trigger
    while head.pos_ not in ("VERB", "AUX") and head.dep_ not in OTHER_CLAUSES and head.head.i != head.i:
        head = head.head
    skip = {
        t.i
        for c in head.subtree
        if c.dep_ in OTHER_CLAUSES and c is not head and trigger not in c.subtree
        for t in c.subtree
    }
    return [t for t in head.subtree if t.i not in skip]


def _is_time(prep: Token) -> bool:
    """'on July 17', 'for two hours': a preposition whose object is a date or a time."""
    return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in prep.children)


def _with_conjuncts(token: Token) -> list[Token]:
    out = [token]
    for c in token.children:
        if c.dep_ in ("conj", "appos"):
            out.extend(_with_conjuncts(c))
    return out


def _unique(people: list[Person]) -> list[Person]:
    seen, out = set(), []
    for p in people:
        if p is not None and p.key not in seen:
            seen.add(p.key)
            out.append(p)
    return out


def _compatible(a: dates.ResolvedDate | None, b: dates.ResolvedDate | None, published: date | None) -> bool:
    """Two dates can name the same meeting: equal, one unknown, or one contains the other."""
    if a is None or b is None:
        other = a or b
        return other is None or published is None or abs((other.date - published).days) <= 1
    if a.date == b.date:
        return True
    coarse, fine = (a, b) if _rank(a) > _rank(b) else (b, a)
    if coarse.precision == "month":
        return (coarse.date.year, coarse.date.month) == (fine.date.year, fine.date.month)
    if coarse.precision == "year":
        return coarse.date.year == fine.date.year
    if coarse.precision == "week":
        return 0 <= (fine.date - coarse.date).days < 7
    return abs((a.date - b.date).days) <= 1


def _same_occasion(a: Candidate, b: Candidate, published: date | None) -> bool:
    """Can two readings of one sentence be the same meeting? Not a call and a visit,
    nor two different dates."""
    remote = {"phone_call", "video_call"}
    if (a.kind in remote) != (b.kind in remote):
        return False
    return a.when is None or b.when is None or _compatible(a.when, b.when, published)


def _rank(d: dates.ResolvedDate) -> int:
    return {"day": 0, "week": 1, "month": 2, "year": 3}[d.precision]


def _finer(a: dates.ResolvedDate, b: dates.ResolvedDate) -> bool:
    return _rank(a) < _rank(b)


def _stripped(sent: Span) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.end_char - (len(text) - len(text.rstrip()))
    return start, end


def _slug(name: str) -> str:
    from django.utils.text import slugify

    return slugify(name)
