"""The people an article names, each gathered under one canonical name.

spaCy's small model finds most names but mislabels some (a surname tagged ORG or
GPE, a headline fragment such as "Netanyahu Calls", a photographer's credit). This
module cleans the PERSON spans, recovers mislabelled mentions from the rest of the
document, groups "Putin" with "Russian President Vladimir Putin", and reads each
person's role and country from titles and demonyms around the mentions.
"""

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from ingest.extraction import officials
from ingest.extraction.mentions import holds_title, mention_words, name_tail, nickname_after, relative_antecedent
from ingest.gazetteer import gazetteer
from ingest.lexicon import lexicon, load, lookup_key
from meetings.names import PARTICLES, fold, name_key, same_person

NAME_TAGS = {"NNP", "NNPS"}
NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP", "LAW", "LANGUAGE"}
MISLABELS = {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", ""}
CREDIT_WORDS = {"reuters", "afp", "ap", "getty", "pool", "epa", "xinhua", "tass", "sputnik"}
ROLE_CONNECTORS = {"of", "for", "and", ",", "-", "&", "the"}
PLACE_NAMES = {"GPE", "LOC", "NORP", "FAC"}
PLACE_ENTITIES = {"GPE", "LOC", "FAC", "ORG", "NORP"}
MIN_TITLE_WORD = 2  # shorter role words are glue ("at" of "ambassador-at-large"), no title
COMPOUND_PLACES = 2
INTRODUCTION_WINDOW = 8  # tokens of titles and punctuation between a body's acronym and a name
MAX_NAME_WORDS = 6  # words of a name, particles not counted
MAX_NAME_TOKENS = 8  # with particles: "Nawaf Al Ahmad Al Jaber Al Sabah"
HYPHENS = {"-", "‐", "–"}  # hyphenated parts naming countries or peoples that make a compound ("Korea-Japan")


@dataclass(frozen=True)
class NotPeople:
    """The kinds of words that make a mention no person (``data/not_people.json``)."""

    agencies: frozenset[str]
    agencies_all_caps: frozenset[str]
    organisation_nouns: frozenset[str]
    venue_nouns: frozenset[str]
    calendar_words: frozenset[str]
    lone_title_words: frozenset[str]
    locative_prepositions: frozenset[str]
    travel_heads: frozenset[str]
    headline_verbs: frozenset[str]
    kin_nouns: frozenset[str]


@cache
def not_people() -> NotPeople:
    data = load("not_people.json")
    return NotPeople(**{name: frozenset(data[name]) for name in NotPeople.__dataclass_fields__})


@cache
def one_word_titles() -> frozenset[str]:
    return frozenset(t for t in lexicon().titles if " " not in t)


@dataclass(eq=False)
class Person:
    """One person of the article, with every mention of them."""

    key: int
    names: Counter = field(default_factory=Counter)
    mentions: list[Span] = field(default_factory=list)
    roles: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    titled: bool = False
    canonical: str = ""  # a known official's name (data/officials.json)
    organisation: str | None = None  # the international body a known official serves that year

    @property
    def name(self) -> str:
        return self.canonical or self.text_name

    @property
    def text_name(self) -> str:
        return max(self.names, key=lambda n: (len(name_key(n)), self.names[n], len(n)))

    @property
    def tokens(self) -> tuple[str, ...]:
        return name_key(self.text_name)

    @property
    def role(self) -> str:
        if not self.roles:
            return ""
        return max(self.roles, key=lambda r: (self.roles[r], len(r)))

    @property
    def country(self) -> str | None:
        return self.countries.most_common(1)[0][0] if self.countries else None

    def aliases(self) -> list[str]:
        return sorted(set(self.names))


class People:
    """Everyone named in a document, and which tokens refer to whom."""

    def __init__(self, doc: Doc, body: list[bool], year: int | None = None):
        self.doc = doc
        self.tokens = list(doc)  # made once: each doc[i] or walk over the doc builds Token objects anew
        self.year = year  # the publication's: which holder of an office a name means
        self.ents = list(doc.ents)
        self.sentence_start = [0] * len(doc)  # per token: where its sentence starts (token.sent walks the doc)
        for sent in doc.sents:
            self.sentence_start[sent.start : sent.end] = [sent.start] * len(sent)
        self.full_name_words = {
            word for e in self.ents if e.label_ == "PERSON" and len(name_key(e.text)) > 1 for word in name_key(e.text)
        }
        self.body = body  # per token: in the article body (not a headline or junk line)
        self.persons: list[Person] = []
        self.by_token: dict[int, Person] = {}
        self.pending_counterparts: list[tuple[Person, Token | None]] = []
        self.nicknames: dict[tuple[str, ...], Person] = {}  # "Hemedti" -> Mohamed Hamdan Dagalo
        self._keys = itertools.count()
        self._find()

    # -- finding mentions ------------------------------------------------------

    def _find(self):
        doc, lex = self.doc, lexicon()
        spans, tagged = [], set()
        for ent in _joined_person_ents(doc):
            if self.body[ent.start]:
                span = self._clean(ent)
                if span is not None:
                    spans.append(span)
                    tagged.add(span.start)
        # Names after a title even when the tagger missed them ("President Assad").
        for token in self.tokens:
            if not self.body[token.i] or not self._is_title_token(token):
                continue
            span = self._name_after(token.i + 1)
            if span is not None and not any(_overlaps(span, s) for s in spans):
                spans.append(span)
        full = [s for s in spans if len(name_key(s.text)) >= 2]
        singles = [s for s in spans if len(name_key(s.text)) == 1]
        for span in sorted(full, key=lambda s: -len(name_key(s.text))):
            self._add(span)
        self._link_nicknames()
        for span in singles:
            # a lone surname the tagger calls a person is one ("Netanyahu hosted Trump")
            if (
                self._titled(span)
                or self._attach(span) is not None
                or (span.start in tagged and span.root.tag_ == "NNP")
            ):
                self._add(span, allow_new=True)
        self._link_fuller_forms()
        # Mislabelled repeats of known names: "Muallem" tagged ORG, "Assad" GPE.
        known = {k[0]: p for k, p in self.nicknames.items() if len(k) == 1}
        known |= {p.tokens[-1]: p for p in self.persons} | {
            p.tokens[0]: p for p in self.persons if len(p.tokens) > 1 and p.titled
        }
        # a name known by a middle part: "Lula" of Luiz Inacio Lula da Silva
        for p in self.persons:
            for middle in p.tokens[1:-1] if len(p.tokens) > 2 else ():
                known.setdefault(middle, p)
        for token in self.tokens:
            if token.i in self.by_token or not self.body[token.i]:
                continue
            if token.tag_ in NAME_TAGS and (token.ent_type_ in MISLABELS or name_key(token.text) in self.nicknames):
                key = name_key(token.text)
                if len(key) == 1 and key[0] in known and lookup_key(token.text) not in lex.demonyms:
                    span = doc[token.i : token.i + 1]
                    self._link(known[key[0]], span)
        for person in self.persons:
            for span in person.mentions:
                self._read_role(person, span)
        for person in self.persons:
            self._know(person)
        self._infer_countries_from_possessors()
        self._link_descriptions()
        for person, subject in self.pending_counterparts:
            other = self._person_of(subject) if subject is not None else None
            if other is not None and other is not person and not person.roles and other.role:
                person.roles[other.role] += 1
        for person in list(self.persons):
            if self._never_a_participant(person):
                self._drop(person)
        self._link_relative_pronouns()

    def _know(self, person: Person):
        """A known official takes the file's canonical name and, when the text gave no
        country, the file's; the text's own country wins."""
        forms = sorted({name_key(n) for n in person.names} - {()}, key=len, reverse=True)
        said = set(person.countries)  # several when the text reads two ('X from Argentina, Y from Brazil')
        given = person.country if len(said) == 1 else None
        # the fullest form decides; a shorter one ("Sheikh Mohamed") only names who the fullest fits
        found = (officials.lookup(f, self.year, person.role, given) for f in forms)
        official = next((o for o in found if o and any(officials.fits(forms[0], k) for k in o.forms)), None)
        if official is None:
            return
        country = official.country_in(self.year)
        if len(said) > 1 and country not in said:
            return
        person.canonical = official.name
        person.organisation = official.organisation_in(self.year)
        if country and (not said or len(said) > 1):
            person.countries[country] += 1

    def _link_nicknames(self):
        """'Mohamed Hamdan Dagalo "Hemedti"': the nickname and its later mentions are him."""
        for person in list(self.persons):
            for span in [m for m in person.mentions if len(name_key(m.text)) > 1 and person in self.persons]:
                nick = nickname_after(span)
                key = name_key(nick.text) if nick is not None else ()
                if not key or key == person.tokens or not self._could_be_nickname(nick):
                    continue
                if any(o is not person and len(o.tokens) > 1 and same_person(key, o.tokens) for o in self.persons):
                    continue  # "Joe Biden or Trump": someone else named in full
                self.nicknames[key] = person
                for other in [o for o in self.persons if o is not person and o.tokens == key]:
                    self._merge(other, into=person)
                self._link(person, nick)

    def _link_fuller_forms(self):
        """A fuller form of a name the tagger missed ("Recep Tayyip Erdogan" in a photo
        caption after "Tayyip Erdogan" in the body) is that person, and names them."""
        doc, tokens, i = self.doc, self.tokens, 0
        while i < len(doc):
            if tokens[i].tag_ not in NAME_TAGS or i in self.by_token or not self.body[i]:
                i += 1
                continue
            j = i
            while j < len(doc) and tokens[j].tag_ in NAME_TAGS and j not in self.by_token and j - i < MAX_NAME_TOKENS:
                j += 1
            start = i
            while start < j and (self._is_prefix_word(tokens[start]) or tokens[start].ent_type_ in PLACE_NAMES):
                start += 1  # "Algerian Foreign Minister", "Kenya's"
            span, i = doc[start:j], j
            key = name_key(span.text)
            owners = [p for p in self.persons if len(key) > len(p.tokens) and key[-len(p.tokens) :] == p.tokens]
            if len(owners) == 1 and self._looks_like_name(span):
                self._link(owners[0], span)

    @staticmethod
    def _could_be_nickname(span: Span) -> bool:
        """No organisation, people, title or place word ('Dagalo (RSF)' gives no nickname)."""
        lex, key = lexicon(), lookup_key(span.text)
        if key in lex.organisations or key in lex.demonyms or key in lex.metonyms or key in lex.title_words:
            return False
        return span.root.ent_type_ not in ("GPE", "LOC", "NORP", "DATE")

    def _merge(self, other: Person, into: Person):
        into.names.update(other.names)
        into.mentions.extend(other.mentions)
        into.roles.update(other.roles)
        into.countries.update(other.countries)
        into.titled = into.titled or other.titled
        for i in [i for i, p in self.by_token.items() if p is other]:
            self.by_token[i] = into
        self.persons.remove(other)

    def _link_relative_pronouns(self):
        """'Biden, who met Putin in Moscow': the 'who' is Biden."""
        for token in self.tokens:
            antecedent = relative_antecedent(token)
            if antecedent is not None and token.i not in self.by_token and antecedent.i in self.by_token:
                self.by_token[token.i] = self.by_token[antecedent.i]

    def _clean(self, ent: Span) -> Span | None:
        """Trim titles, demonyms and possessives off a PERSON span; None if no name is left."""
        start, end = ent.start, ent.end
        doc = self.doc
        if end < len(doc) and doc[end].text == "/" or "/" in ent.text:
            return None  # photographer credit: "Name/Pool via REUTERS"
        if any(fold(t.text) in CREDIT_WORDS for t in doc[end : end + 3] if t.is_upper):
            return None
        while start < end and self._is_prefix_word(doc[start]):
            start += 1
        # Given names the tagger left outside the entity: "Samia Suluhu [Hassan]".
        while (
            start == ent.start
            and start > 0
            and doc[start - 1].tag_ in NAME_TAGS
            and doc[start - 1].dep_ == "compound"
            and not doc[start - 1].ent_type_
            and not self._is_prefix_word(doc[start - 1])
        ):
            start -= 1
            ent = doc[start : ent.end]
        # A hyphenated given name the tokenizer split: "Moon Jae[-in]".
        if (
            end + 1 < len(doc)
            and doc[end].text == "-"
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
        ):
            end += 2
        # A last name the tagger left outside the entity: "Yoon Suk [Yeol]".
        while (
            end < len(doc)
            and (end - start < 4 or self._joins_particle(end, start))
            and doc[end].tag_ in NAME_TAGS
            and not doc[end].ent_type_
            and doc[end].text[:1].isupper()
            and not self._is_prefix_word(doc[end])
        ):
            end += 1
        while end > start and (
            doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].text in ("'s", "’s")
        ):
            end -= 1
        span = doc[start:end]
        return span if self._looks_like_name(span) else None

    def _joins_particle(self, end: int, start: int) -> bool:
        """A long Arabic name goes on through its particles: "Nawaf Al Ahmad Al Jaber Al Sabah"
        is cut after no "Al"."""
        doc = self.doc
        if end - start >= MAX_NAME_TOKENS:
            return False
        if fold(doc[end - 1].text) in PARTICLES:
            return True
        return fold(doc[end].text) in PARTICLES and end + 1 < len(doc) and doc[end + 1].tag_ in NAME_TAGS

    def _is_prefix_word(self, token: Token) -> bool:
        low = lookup_key(token.text)
        lex = lexicon()
        return (
            low in lex.title_words
            or low in lex.honorifics
            or low in mention_words().honorifics
            or low in lex.demonyms
            or low in lex.title_abbreviations
            or token.ent_type_ == "NORP"
            or (low.endswith("s") and low[:-1] in lex.title_words)  # "Presidents Santos and Chavez"
        )

    def _looks_like_name(self, span: Span) -> bool:
        lex = lexicon()
        if not span or len(span) > MAX_NAME_TOKENS or len(name_key(span.text)) > MAX_NAME_WORDS:
            return False
        # pieces joined by a hyphen ("Jae-in") may be lowercase
        words = [t for t in span if not t.is_punct and not (t.i > span.start and t.nbor(-1).text == "-")]
        lead = next((t for t in words if fold(t.text) not in PARTICLES), None)
        if lead is None or not lead.text[:1].isupper():
            return False  # "de Mistura" is a name, "de facto" none
        for t in words:
            low = fold(t.text)
            if any(ch.isdigit() for ch in t.text):
                return False
            if t.text[:1].islower() and low not in PARTICLES:
                return False
            if t.is_upper and len(t.text) > 3:
                return False  # agency credits and acronyms: REUTERS, NATO
        text = lookup_key(span.text)
        if text in lex.organisations or text in lex.demonyms or text in lex.metonyms:
            return False
        key = name_key(span.text)
        if len(key) == 1 and key[0] not in self.full_name_words and gazetteer().resolve(span.text) is not None:
            return False  # a bare place name tagged PERSON (but "Lula" after "Luiz Inacio Lula da Silva" is him)
        return bool(name_key(span.text))

    def _is_title_token(self, token: Token) -> bool:
        text = token.text
        if not text[:1].isupper():
            return False
        low = lookup_key(text)
        return low in one_word_titles() or low in lexicon().title_abbreviations

    def _name_after(self, i: int) -> Span | None:
        doc = self.doc
        j = i
        while j < len(doc) and j - i < 4 and doc[j].tag_ in NAME_TAGS:
            if self._is_prefix_word(doc[j]) and j == i:
                return None
            if doc[j].ent_type_ in ("GPE", "ORG") and lookup_key(doc[j].text) in lexicon().organisations:
                break
            j += 1
            if j + 1 < len(doc) and _joins_name_parts(doc[j - 1], doc[j]) and doc[j + 1].tag_ in NAME_TAGS:
                j += 1  # "Kassym-Jomart", "Jean-Claude": the hyphen is part of the name
        if j == i:
            return None
        span = doc[i:j]
        if any(t.ent_type_ == "DATE" for t in span):
            return None
        if lookup_key(doc[i - 1 : j].text) in lexicon().organisations:
            return None  # "General Assembly", "Security Council"
        if gazetteer().resolve(span.text) is not None:
            return None
        return span if self._looks_like_name(span) else None

    def _titled(self, span: Span) -> bool:
        return span.start > 0 and self._is_title_token(self.doc[span.start - 1])

    # -- grouping --------------------------------------------------------------

    def _attach(self, span: Span) -> Person | None:
        """The known person a mention refers to, by comparing name tokens."""
        key = name_key(span.text)
        if not key:
            return None
        if key in self.nicknames:
            return self.nicknames[key]
        best = None
        for person in self.persons:
            if same_person(key, person.tokens) or name_tail(key, person.tokens):
                if best is None or span.start - _last_start(person, span.start) < span.start - _last_start(
                    best, span.start
                ):
                    best = person
        return best

    def adopt(self, token: Token) -> Person | None:
        """A proper noun in a participant's slot ("Xi Jinping met ...", "hosted Scholz") that
        the tagger did not call a person: taken as one when it is no place, organisation,
        title or demonym."""
        if token.tag_ != "NNP" or token.ent_type_ in NOT_NAMES or not self.body[token.i]:
            return None
        entity = next((e for e in self.ents if e.start <= token.i < e.end), None)
        if entity is not None and len(entity) > 1:
            return None  # part of a longer place or organisation: "the United Nations General Assembly"
        start = min([c.i for c in token.children if c.dep_ == "compound" and c.tag_ == "NNP"] + [token.i])
        span = self.doc[start : token.i + 1]
        while len(span) > 1 and self._is_prefix_word(span[0]):
            span = span[1:]  # "President Scholz": the title is no part of the name
        if self._is_prefix_word(span[0]) or not self._looks_like_name(span):
            return None
        if gazetteer().resolve(span.text) is not None or lookup_key(span.text) in lexicon().title_words:
            return None
        self._add(span)
        person = self.by_token.get(token.i)
        if person is not None:
            self._read_role(person, span)
            self._know(person)
            if self._never_a_participant(person):
                self._drop(person)
                return None
        return person

    def _add(self, span: Span, allow_new: bool = True):
        person = self._attach(span)
        if person is None:
            if not allow_new or self._taken(span):
                return  # a span another person's mention holds makes no one new
            person = Person(key=next(self._keys))
            self.persons.append(person)
        self._link(person, span)
        if self._titled(span):
            person.titled = True

    def _taken(self, span: Span) -> bool:
        return any(i in self.by_token for i in range(span.start, span.end))

    def _link(self, person: Person, span: Span):
        if self._taken(span):
            return
        person.names[_display(span)] += 1
        person.mentions.append(span)
        for i in range(span.start, span.end):
            self.by_token[i] = person

    # -- never a participant ---------------------------------------------------

    def _never_a_participant(self, person: Person) -> bool:
        """A mention is a person only if it can be one: no agency, organisation, building,
        place, month, title alone, country compound or headline verb."""
        return (
            self._name_is_no_person(person)
            or all(self._inside_longer_entity(m) for m in person.mentions)
            or any(self._mention_is_no_person(person, m) for m in person.mentions)
        )

    def _inside_longer_entity(self, span: Span) -> bool:
        """Part of a longer place or organisation: "Community" of a union's name."""
        return any(
            e.label_ in PLACE_ENTITIES and e.start <= span.start and span.end <= e.end and len(e) > len(span)
            for e in self.ents
        )

    def _name_is_no_person(self, person: Person) -> bool:
        lex, words = lexicon(), not_people()
        name = person.name
        parts = [w for w in re.split(r"[\s\-‐–]+", name) if w]
        low = [lookup_key(w) for w in parts]
        if not low:
            return True
        if len(low) == 1 and low[0] in words.agencies:
            return True
        if any(w.isupper() and lookup_key(w) in words.agencies | words.agencies_all_caps for w in parts):
            return True
        if all(w in words.calendar_words for w in low) and not person.titled:
            return True  # "May" alone is a month; "Prime Minister May" is a person
        if all(w in words.lone_title_words or w in lex.title_words or w in lex.honorifics for w in low):
            return True  # "Personal Envoy": a title without its holder
        if low[-1] in words.organisation_nouns or low[-1] in words.venue_nouns:
            return True  # "Forum", "Community", "Blue House"
        if len(low) > 1 and any(w in words.headline_verbs for w in low[1:]):
            return True  # a headline verb glued to a surname: "Netanyahu Calls"
        key = lookup_key(name)
        if key in lex.organisations or key in lex.demonyms or key in lex.metonyms:
            return True
        places = [w for w in name.replace("–", "-").split("-") if w.strip()]
        if len(places) >= COMPOUND_PLACES and (
            sum(gazetteer().country_code(w) is not None for w in places) >= COMPOUND_PLACES
        ):
            return True  # "Korea-Japan", "US-China"
        if not person.titled and not self._has_title(person) and gazetteer().resolve(name) is not None:
            if len(person.tokens) == 1 and not (set(person.tokens) & self.full_name_words):
                return True  # a bare place name tagged PERSON
        return False

    def _mention_is_no_person(self, person: Person, span: Span) -> bool:
        doc, words = self.doc, not_people()
        if any(t.text in HYPHENS for t in span):
            places = [
                t for t in span if t.ent_type_ in ("GPE", "LOC", "NORP") or gazetteer().country_code(t.text) is not None
            ]
            if len(places) >= COMPOUND_PLACES:
                return True  # "Korea-Japan" read as one name
        if person.titled or self._has_title(person):
            return False
        if span.start > 0 and doc[span.start - 1].lower_ in words.kin_nouns:
            if len(person.tokens) == 1 or (span.start > 1 and doc[span.start - 2].tag_ == "PRP$"):
                return True  # "his wife Brigitte", "his wife Elke Buedenbender": a relative
        if len(person.tokens) > 1 and gazetteer().resolve(person.name) is None:
            return False  # a full name; a place's own name ("Buenos Aires") is read by its slot
        # a lone name in a place's slot: "the summit at Kananaskis", "his visit to Kananaskis"
        root = span.root
        if root.dep_ != "pobj":
            return False
        prep = root.head
        if prep.lower_ in words.locative_prepositions:
            return True
        if prep.lower_ == "to" and prep.head.lemma_.lower() in words.travel_heads:
            return True
        return doc[span.start - 1].lower_ in words.locative_prepositions if span.start > 0 else False

    @staticmethod
    def _has_title(person: Person) -> bool:
        """A role with a real title word in it (no stray preposition read as one)."""
        lex = lexicon()
        return any(
            len(w) > MIN_TITLE_WORD and (w in lex.title_words or w in lex.title_abbreviations)
            for role in person.roles
            for w in lookup_key(role).split()
        )

    def _drop(self, person: Person):
        self.persons.remove(person)
        for i in [i for i, p in self.by_token.items() if p is person]:
            del self.by_token[i]

    # -- roles and countries ---------------------------------------------------

    def _read_role(self, person: Person, span: Span):
        """Titles and demonyms before the name, or in an apposition after it."""
        doc, lex = self.doc, lexicon()
        sent_start = self.sentence_start[span.start]
        i = span.start - 1
        words: list[Token] = []
        while i >= sent_start:
            t = doc[i]
            low = lookup_key(t.text)
            if i > sent_start and doc[i - 1].is_alpha and gazetteer().country_code(f"{doc[i - 1].text} {t.text}"):
                words[:0] = [doc[i - 1], t]  # "Sri Lankan", "Sierra Leone", even when tagged PERSON
                i -= 2
                continue
            if t.i in self.by_token or t.ent_type_ in ("DATE", "PERSON"):
                break
            if t.text == "," and not (i > sent_start and lookup_key(doc[i - 1].text) in lex.title_words):
                break  # "In Osaka, Japanese Prime Minister ...": the comma ends the title
            if (
                low in lex.title_words
                or low in lex.title_abbreviations
                or low in lex.demonyms
                or t.ent_type_ in ("NORP", "GPE", "LOC")
                or low in ROLE_CONNECTORS
                or t.tag_ == "POS"
                or (
                    t.text[:1].isupper()
                    and t.is_alpha
                    and words
                    and t.pos_ in ("PROPN", "NOUN", "ADJ")
                    and t.i != self.sentence_start[t.i]
                )
            ):
                words.insert(0, t)
                i -= 1
                continue
            break
        if not words and span.start >= 2 and doc[span.start - 1].text == ",":
            # "the Kenyan president, William Ruto"
            j = span.start - 2
            while j >= sent_start and (
                lookup_key(doc[j].text) in lex.title_words
                or lookup_key(doc[j].text) in lex.demonyms
                or doc[j].ent_type_ in ("NORP", "GPE")
                or doc[j].tag_ == "POS"
            ):
                words.insert(0, doc[j])
                j -= 1
        if not words and span.end + 1 < len(doc) and doc[span.end].text == ",":
            # "William Ruto, the Kenyan president," / "Walid al-Muallem, Syria's foreign minister"
            j = span.end + 1
            while j < min(len(doc), span.end + 9) and j not in self.by_token:
                t = doc[j]
                low = lookup_key(t.text)
                if j + 1 < len(doc) and t.is_alpha and gazetteer().country_code(f"{t.text} {doc[j + 1].text}"):
                    words += [t, doc[j + 1]]  # "X, Sierra Leone's president"
                    j += 2
                    continue
                if (
                    low in lex.title_words
                    or low in lex.demonyms
                    or low in ROLE_CONNECTORS
                    or t.ent_type_ in ("NORP", "GPE")
                    or t.tag_ == "POS"
                ):
                    words.append(t)
                    j += 1
                    continue
                break
        self._record_role(person, words)
        if not words and span.start > 0:
            self._read_counterpart(person, span)
        self._read_origin(person, span)

    def _read_origin(self, person: Person, span: Span):
        """'Javier Milei from Argentina', 'Mohammed VI of Morocco': the country right after the name."""
        doc = self.doc
        if span.end + 1 >= len(doc) or doc[span.end].lower_ not in mention_words().origin_prepositions:
            return
        place = next((e for e in self.ents if e.start == span.end + 1 and e.label_ == "GPE"), None)
        code = gazetteer().country_code(place.text) if place is not None else None
        if code:
            person.countries[code] += 1

    def _read_counterpart(self, person: Person, span: Span):
        """'his Tanzanian counterpart Samia Suluhu Hassan': the country from the
        demonym, the role from the person whose counterpart this is."""
        lex = lexicon()
        noun = span.root.head if span.root.dep_ == "appos" else self.doc[span.start - 1]
        if noun.lower_ not in ("counterpart", "counterparts", "opposite", "host", "guest"):
            return
        for c in noun.children:
            code = lex.demonyms.get(lookup_key(c.text))
            if code:
                person.countries[code] += 1
        subject = next(
            (t for t in span.sent if t.dep_ in ("nsubj", "nsubjpass") and t.i not in range(span.start, span.end)),
            None,
        )
        self.pending_counterparts.append((person, subject))

    def _record_role(self, person: Person, words: list[Token]):
        lex = lexicon()
        role_words: list[str] = []
        country = None
        place_of = {}  # token -> the whole place entity it is part of: "Ivory Coast's"
        for ent in self.ents:
            if ent.label_ in ("GPE", "LOC", "NORP") and any(ent.start <= t.i < ent.end for t in words):
                name = ent.text[:-2] if ent.text.endswith(("'s", "’s")) else ent.text
                for i in range(ent.start, ent.end):
                    place_of[i] = name
        for first, second in zip(words, words[1:]):
            pair = f"{first.text} {second.text}"
            if second.i == first.i + 1 and first.is_alpha and gazetteer().country_code(pair):
                place_of[first.i] = place_of[second.i] = pair
        for t in words:
            low = lookup_key(t.text)
            code = lex.demonyms.get(low)
            if code is None and t.i in place_of:
                code = gazetteer().country_code(place_of[t.i]) or ""  # "": a place that is no country
            if code is not None:
                country = country or code or None
                if role_words and role_words[-1] in ("of", "for"):
                    role_words.pop()
                continue
            if low in lex.title_abbreviations:
                role_words.append(lex.title_abbreviations[low])
            elif low in lex.title_words or (t.text[:1].isupper() and t.is_alpha and low not in ROLE_CONNECTORS):
                role_words.append(t.text)
            elif low in ("of", "for", "and", ",") and role_words:
                role_words.append(t.text)
        while role_words and fold(role_words[-1]) in ROLE_CONNECTORS | {","}:
            role_words.pop()
        while role_words and fold(role_words[0]) in ROLE_CONNECTORS | {","}:
            role_words.pop(0)
        if not any(lookup_key(w) in lex.title_words or w in lex.title_abbreviations.values() for w in role_words):
            role_words = []
        role = " ".join(role_words).replace(" ,", ",")
        if role and role.lower() not in lex.honorifics:
            person.roles[_title_case(role)] += 1
        if country:
            person.countries[country] += 1

    def _infer_countries_from_possessors(self):
        """'Putin's adviser Yuri Ushakov' shares Putin's country."""
        for person in self.persons:
            if person.countries:
                continue
            for span in person.mentions:
                for t in self.doc[max(self.sentence_start[span.start], span.start - 6) : span.start]:
                    owner = self.by_token.get(t.i)
                    if owner and owner is not person and t.dep_ == "poss" and owner.country:
                        person.countries[owner.country] += 1

    def _link_descriptions(self):
        """'the Israeli PM', 'the Russian leader', 'the president of Syria' -> a known person."""
        doc, tokens, lex = self.doc, self.tokens, lexicon()
        for token in tokens:
            if token.i in self.by_token or not self.body[token.i]:
                continue
            low = lookup_key(token.text)
            if (
                low not in lex.title_words
                and low not in lex.title_abbreviations
                and low != "leader"
                and low not in mention_words().title_synonyms
            ):
                continue
            if token.i + 1 < len(doc) and tokens[token.i + 1].tag_ in NAME_TAGS and token.i + 1 in self.by_token:
                continue  # a title before a name, handled with the name
            if self._names_after(token):
                continue  # "the President of Ghana, John Mahama": the name's own title
            country = None
            for left in tokens[max(self.sentence_start[token.i], token.i - 3) : token.i]:
                country = lex.demonyms.get(lookup_key(left.text)) or country
            if country is None and token.i + 2 < len(doc) and tokens[token.i + 1].lower_ == "of":
                country = gazetteer().country_code(tokens[token.i + 2].text)
            if country is None:
                person = self._only_holder(token)
                if person is not None:
                    self.by_token[token.i] = person
                    person.mentions.append(doc[token.i : token.i + 1])
                continue
            if token.tag_ in ("NNS", "NNPS"):
                continue  # "the Israeli and Russian leaders": a group, read in extract
            role = lex.title_abbreviations.get(low, token.text).lower()
            candidates = [
                p
                for p in self.persons
                if p.country == country and (low == "leader" or role.split()[-1] in fold(p.role))
            ]
            if not candidates and low != "leader":
                # "Charles ... the first British monarch": the one holder of the title whose
                # country is not known yet is of that country
                candidates = [p for p in self.persons if p.country is None and holds_title(token.text, p.role)]
                if len(candidates) == 1:
                    candidates[0].countries[country] += 1
            if len({p.key for p in candidates}) == 1:
                person = candidates[0]
                self.by_token[token.i] = person
                person.mentions.append(doc[token.i : token.i + 1])

    def _names_after(self, token: Token) -> bool:
        """A title in apposition before a name: 'the president of Ghana, John Mahama'."""
        doc, j = self.doc, token.i + 1
        if j < len(doc) and doc[j].lower_ == "of":
            place = next((e for e in self.ents if e.start == j + 1), None)
            j = place.end if place is not None else j + 2
        return j + 1 < len(doc) and doc[j].text == "," and (j + 1) in self.by_token

    def _only_holder(self, token: Token) -> Person | None:
        """'the king', 'the pontiff', 'the UN envoy': the one person of the article whose
        role carries that title; no one when none or several do."""
        doc, lex = self.doc, lexicon()
        titles = lex.title_words | set(mention_words().title_synonyms)
        if token.tag_ in ("NNS", "NNPS"):
            return None  # a group, read in extract
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if after is not None and (lookup_key(after.text) in titles or after.text in HYPHENS or after.lower_ == "of"):
            return None  # part of a longer title, or "the president of the commission"
        j, sent_start = token.i, self.sentence_start[token.i]
        while j > sent_start and (lookup_key(doc[j - 1].text) in titles or doc[j - 1].text in HYPHENS):
            j -= 1
        body = None
        if j > sent_start and doc[j - 1].is_upper and doc[j - 1].is_alpha:
            j -= 1  # the body's acronym: "the UN envoy"
            body = doc[j]
        if j == sent_start or doc[j - 1].lower_ != "the" or doc[j].i in self.by_token:
            return None
        if body is None and lookup_key(token.text) == "leader":
            return None  # too vague without a country or a body
        title = " ".join(w.text for w in doc[j : token.i + 1] if not w.is_upper)
        holders = [p for p in self.persons if holds_title(title, p.role)]
        if not holders and body is not None:
            holders = [p for p in self.persons if self._introduced_with(p, body.text)]
        return holders[0] if len(holders) == 1 else None

    def _introduced_with(self, person: Person, body: str) -> bool:
        """'The commander of the Rapid Support Forces (RSF), Lt. Gen. X', 'RSF commander X':
        only titles and punctuation stand between the body's acronym and X's name."""
        lex = lexicon()
        for span in person.mentions:
            for t in reversed(self.doc[max(0, span.start - INTRODUCTION_WINDOW) : span.start]):
                if t.text == body:
                    return True
                if not (t.is_punct or self._is_prefix_word(t) or lookup_key(t.text) in lex.title_abbreviations):
                    break
        return False

    def _person_of(self, token: Token) -> Person | None:
        """The person a subject names, directly or through an apposition."""
        if token.i in self.by_token:
            return self.by_token[token.i]
        for child in token.children:
            if child.dep_ in ("appos", "compound") and child.i in self.by_token:
                return self.by_token[child.i]
        return None

    # -- queries ---------------------------------------------------------------

    def at(self, token: Token) -> Person | None:
        return self.by_token.get(token.i)

    def in_span(self, span: Span) -> list[Person]:
        seen = {}
        for i in range(span.start, span.end):
            p = self.by_token.get(i)
            if p is not None:
                seen.setdefault(p.key, p)
        return list(seen.values())


def _last_start(person: Person, before: int) -> int:
    starts = [m.start for m in person.mentions if m.start <= before]
    return max(starts) if starts else -(10**9)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _official_full_name(ent: Span) -> bool:
    key = name_key(ent.text)
    return len(key) >= 2 and ent.label_ in MISLABELS and officials.known_form(key)


def _joins_name_parts(before: Token, token: Token) -> bool:
    """A hyphen written tight between two parts of one name."""
    return token.text == "-" and not before.whitespace_ and not token.whitespace_


def _display(span: Span) -> str:
    text = " ".join(span.text.split())
    return re.sub(r"\s*-\s*", "-", text)


def _title_case(role: str) -> str:
    small = {"of", "for", "and", "the"}
    return " ".join(w if w.lower() in small or w.isupper() else w[:1].upper() + w[1:] for w in role.split())


def _joined_person_ents(doc: Doc) -> list[Span]:
    """PERSON entities, with adjacent ones joined: the tagger splits "Samia Suluhu | Hassan";
    and entities of another label that spell a known office holder's full name (the small
    model often calls a foreign name an organisation)."""
    joined: list[Span] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" and not _official_full_name(ent):
            continue
        if joined and joined[-1].end == ent.start and doc[ent.start].tag_ in NAME_TAGS:
            joined[-1] = doc[joined[-1].start : ent.end]
        else:
            joined.append(ent)
    return joined
