"""The meeting's place, each with a short reason.

From the sentence: "in X", "visit to X", a venue ("at Hyderabad House"), "the city of
X", "a X hotel", "in the Moroccan capital", "met there". From the article, for a held
meeting its sentence does not place (or places only in a country): the place of a
meeting of the same trip just before, the summit's city for a meeting at the summit,
the dateline when the meeting happened where the report was filed, a participant's
visit. Names resolve through the gazetteer (``ingest/gazetteer.py``); venues and word
lists live in ``ingest/data/venues.json``."""

from spacy.tokens import Span, Token

from ingest.extraction import summits
from ingest.extraction.document import Article, Candidate
from ingest.extraction.references import resolve
from ingest.extraction.syntax import governors
from ingest.gazetteer import Place, gazetteer
from ingest.lexicon import load, lookup_key
from ingest.nlp import DATELINE
from ingest.people import Person

PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG"}
PLACE_PREPS = {"in", "at", "inside", "to", "near"}
WELCOME_WORDS = {"invite", "welcome", "receive", "bring"}  # "welcomed Clinton to Cape Town"
HOST_VERBS = {"host", "greet"}  # "the king hosted X at the royal palace": his capital
MISLABELLED_PLACES = {"PRODUCT", "WORK_OF_ART", "EVENT", "PERSON"}
VISIT_WORDS = {"visit", "trip", "travel", "arrive", "tour", "fly", "come", "go", "head", "land", "visiting", "return"}

_VENUES = load("venues.json")
SETTLEMENT_NOUNS = frozenset(_VENUES["settlement_nouns"])  # "the western Ukrainian city of Lviv"
VENUE_NOUNS = frozenset(_VENUES["venue_nouns"])  # "a Tokyo hotel", "Moscow's Kremlin palace"
SURROUNDING_NOUNS = frozenset(_VENUES["surrounding_nouns"])  # "on the outskirts of X", "on the shore of X"
AREA_NOUNS = SETTLEMENT_NOUNS | SURROUNDING_NOUNS
SEATS_OF_GOVERNMENT = frozenset(_VENUES["seats_of_government"])  # "at State House": in the host's capital
INVITING_VERBS = frozenset(_VENUES["inviting_verbs"])  # "invited her to visit India": another meeting
TOPIC_PREPS = frozenset(_VENUES["topic_prepositions"])  # "talks on the war in Ukraine"

NAMESAKE_SHARE = 0.5  # a participant's-country namesake this large against the largest wins
LEAD_SENTENCES = 5  # a summit named this early is what the report is about
REPORT_DAYS = 3  # meetings this close to the publication date belong to the report's summit
THERE_SENTENCES = 2  # how far back "met there" looks for its place
CONTEXT_TOKENS = 120  # how far back a meeting of the same trip may be reported
WHEN_FRAME_STEPS = 4  # how far up a when-clause looks for the verbs whose time it tells
DATELINE_DAYS = 1  # a meeting this close to the publication date took place where the dateline says


def place(article: Article, sent: Span, trigger: Token, people: list[Person]) -> tuple[Place | None, str]:
    """The city (or country) where the meeting happened, as the sentence states it."""
    anchors = {trigger.i} | {t.i for t in trigger.subtree if article.people.at(t)}
    for gov in governors(trigger, 3):
        anchors.add(gov.i)
        if gov.pos_ in ("VERB", "AUX"):
            break
    anchors |= {t.i for t in sent if article.people.at(t) in people}
    anchors |= {verb.i for verb in when_frame(trigger)}
    for noun in sent:
        if noun.dep_ == "pobj" and noun.head.lower_ in PLACE_PREPS and this_town(noun) and reaches(noun, anchors):
            found = dateline_place(article.doc.user_data[DATELINE]["place"])
            if found is not None:
                return found, f'"{noun.head.text} this {noun.text}": the dateline\'s {found.name}'
    there = place_there(article, sent, trigger)
    if there is not None:
        return there
    capital = capital_named(article, sent, anchors, people)
    if capital is not None:
        return capital
    where = where_clause_noun(trigger)
    best: tuple[tuple, Place, str] | None = None
    for ent in place_spans(sent, article.ents_in(sent)):
        if where is not None and (ent.start <= where.i < ent.end or ent.root.head == where):
            place = resolve_place(ent, people)
            city = city_in_where_clause(article, sent, trigger, place, people)
            place, named = (city, f"{ent.text}, where ... in {city.name}") if city else (place, f"{ent.text}, where")
            rank = (place.is_country, True, True, abs(ent.start - trigger.i)) if place is not None else None
            if place is not None and (best is None or rank < best[0]):
                best = (rank, place, f'named in the report: "{named}" they met')
            continue

        prep = ent.root.head
        setting = settled_in(ent)
        if setting is not None:
            prep, owner = setting
        elif prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
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
        if another_journey(owner, trigger) or in_topic(ent.root, anchors) or in_other_clause(ent.root, trigger):
            continue
        if owner.dep_ in ("acl", "relcl") and owner.head.i in anchors:
            owner = owner.head  # "the summit scheduled for Saturday in Abuja"
        if not reaches(owner, anchors) and not (
            owner.lemma_.lower() in VISIT_WORDS
            or owner.lower_ in ("residence", "palace", "capital", "city")
            or owner.lemma_.lower() in article.lex.meeting_nouns  # "the summits in Jakarta"
        ):
            continue
        place = resolve_place(ent, people)
        if place is None:
            continue
        if ent.label_ == "ORG" and not (known_seat(article, ent) or is_capital(place)):
            continue
        # "in X" on the trigger first, then the nearest
        rank = (place.is_country, owner.i not in anchors, owner.i != trigger.i, abs(ent.start - trigger.i))
        phrase = f"{prep.text} {ent.text}" if prep is not None else ent.text
        reason = f'named in the report: "{phrase}"'
        if lookup_key(ent.text) in article.lex.metonyms:
            reason = f'"{ent.text}" stands for {place.label}'
        if best is None or rank < best[0]:
            best = (rank, place, reason)
    if best is None:
        return None, ""
    return best[1], best[2]


def place_there(article: Article, sent: Span, trigger: Token) -> tuple[Place, str] | None:
    """'he met there the negotiator': the last city named before the meeting's words."""
    verbs = [trigger, *governors(trigger, 2)]
    if not any(c.lower_ == "there" and c.dep_ == "advmod" for v in verbs for c in v.children):
        return None
    index = article.sentence_index[sent.start]
    for earlier in reversed(article.sents[max(0, index - THERE_SENTENCES) : index + 1]):
        for ent in reversed(article.ents_in(earlier)):
            if ent.start >= trigger.i or ent.label_ not in ("GPE", "FAC", "LOC") or not article.body[ent.start]:
                continue
            place = gazetteer().resolve(ent.text)
            if place is not None and not place.is_country:
                return place, f'"there": {ent.text}, named just before'
    return None


def capital_named(article: Article, sent: Span, anchors: set[int], people: list[Person]) -> tuple[Place, str] | None:
    """'in the Moroccan capital', 'in his capital', 'at State House': the capital of the
    country the phrase names, of the person it belongs to, or of the dateline's country
    when that is a participant's."""
    held = anchors | {t.i for t in sent if t.dep_ == "acl" and t.head.i in anchors}  # "the summit, held in ..."
    for noun in sent:
        if noun.dep_ != "pobj" or not reaches(noun, held):
            continue
        if noun.head.lower_ not in PLACE_PREPS and not of_a_venue(noun):
            continue
        phrase = " ".join(t.lower_ for t in noun.subtree if t.dep_ != "det" and t.tag_ != "PRP$")  # "his royal palace"
        seat = noun.lemma_.lower() == "capital" or phrase in SEATS_OF_GOVERNMENT
        if not seat:
            continue
        iso2 = None
        for mod in noun.children:
            if mod.dep_ in ("amod", "compound"):
                iso2 = iso2 or gazetteer().country_code(mod.text)
            elif mod.dep_ == "poss" and phrase not in SEATS_OF_GOVERNMENT:  # not "the Prime Minister's House"
                owner = article.people.at(mod) or resolve(article, mod)
                iso2 = iso2 or (owner.country if owner is not None else None)
        if iso2 is None and phrase in SEATS_OF_GOVERNMENT:
            dateline = article.doc.user_data.get(DATELINE)
            home = dateline_place(dateline["place"]) if dateline else None
            if home is not None and home.country in {p.country for p in people}:
                iso2 = home.country
        if iso2 is None and phrase in SEATS_OF_GOVERNMENT:
            host = host_in(article, sent, people)
            iso2 = host.country if host is not None else None
        capital = gazetteer().capitals.get(iso2) if iso2 else None
        if capital:
            place = gazetteer().resolve_in(capital, iso2)
            return place, f'"{noun.head.text} {" ".join(t.text for t in noun.subtree)}": the capital, {place.name}'
    return None


def host_in(article: Article, sent: Span, people: list[Person]) -> Person | None:
    """The participant the sentence shows receiving the other: the one who welcomes or
    hosts ("the king welcomed X"), or, of two, the one who did not travel ("X arrived")."""
    for t in sent:
        person = article.people.at(t)
        if person not in people or t.dep_ != "nsubj":
            continue
        verb = t.head.lemma_.lower()
        if verb in WELCOME_WORDS | HOST_VERBS:
            return person
        if verb in VISIT_WORDS and len(people) == 2:
            return next(p for p in people if p is not person)
    return None


def when_frame(trigger: Token) -> list[Token]:
    """'It began in Khartoum last Monday, when he met ...': the verbs whose time a
    when-clause holding the meeting tells; their place is the meeting's."""
    verb = next((v for v in [trigger, *governors(trigger, 3)] if v.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.dep_ not in ("relcl", "advcl") or not any(c.lower_ == "when" for c in verb.children):
        return []
    frame = []
    head = verb.head
    for _ in range(WHEN_FRAME_STEPS):
        if head.pos_ in ("VERB", "AUX"):
            frame.append(head)
        elif head.ent_type_ not in ("DATE", "TIME") and head.lower_ not in ("on", "in", "at"):
            break
        if head.head.i == head.i:
            break
        head = head.head
    return frame


def city_in_where_clause(
    article: Article, sent: Span, trigger: Token, country: Place | None, people: list[Person]
) -> Place | None:
    """'flies on to Morocco, where he is due to hold talks in Rabat and to see X': the city
    of that country the where-clause names."""
    if country is None or not country.is_country:
        return None
    clause = next((v for v in [trigger, *governors(trigger, 2)] if v.dep_ == "relcl"), None)
    if clause is None:
        return None
    inside = {t.i for t in clause.subtree}
    for ent in place_spans(sent, article.ents_in(sent)):
        if ent.root.i in inside and ent.root.head.lower_ in PLACE_PREPS:
            place = resolve_place(ent, people)
            if place is not None and not place.is_country and place.country == country.country:
                return place
    return None


def of_a_venue(noun: Token) -> bool:
    """'held in the Mercosur Building of the Uruguayan capital': a place named as where a
    venue is, the venue itself after 'in'/'at'."""
    venue = noun.head.head
    return noun.head.lower_ == "of" and venue.dep_ == "pobj" and venue.head.lower_ in PLACE_PREPS


def where_clause_noun(trigger: Token) -> Token | None:
    """'the Grand hotel, where she had held talks': the noun a where-clause of the meeting hangs on."""
    for verb in [trigger, *governors(trigger, 2)]:
        if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
            return verb.head
    return None


def another_journey(owner: Token, trigger: Token) -> bool:
    """'X, who flew to London on Thursday, ...', 'invited her to visit India': a journey
    told beside the meeting, not the meeting's own place."""
    if owner.lemma_.lower() not in VISIT_WORDS or trigger in owner.subtree:
        return False
    if owner.dep_ == "xcomp" and owner.head.i == trigger.i:
        return False  # "invited X to visit Japan": the invitation is the meeting
    return owner.dep_ == "relcl" or (owner.dep_ == "xcomp" and owner.head.lemma_.lower() in INVITING_VERBS)


def in_other_clause(token: Token, trigger: Token) -> bool:
    """'..., which then moved to Washington': a place in a relative clause that does not
    hold the meeting."""
    for _ in range(12):
        if token.i == trigger.i or token.head is token:
            return False
        if token.dep_ == "relcl" and trigger not in token.subtree:
            return True
        token = token.head
    return False


def in_topic(token: Token, anchors: set[int]) -> bool:
    """'a session on the war in Ukraine': a place in what was discussed."""
    for _ in range(7):
        if token.i in anchors or token.head is token:
            return False
        if token.dep_ == "prep" and token.lower_ in TOPIC_PREPS:
            objects = [o for o in token.children if o.dep_ == "pobj"]
            return not any(
                o.lower_ in summits.SIDELINE_CUES or o.lemma_.lower() in AREA_NOUNS or o.ent_type_ in ("DATE", "TIME")
                for o in objects
            )
        token = token.head
    return False


def settled_in(ent: Span) -> tuple[Token, Token] | None:
    """The preposition and its head for a place named inside a phrase that places the
    meeting: "in the western Ukrainian city of Lviv", "at a Tokyo hotel", "at Moscow's
    Kremlin palace"."""
    root = ent.root
    noun = None
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lemma_.lower() in SETTLEMENT_NOUNS | SURROUNDING_NOUNS
    ):
        noun = root.head.head
    elif root.dep_ in ("compound", "nmod", "poss") and root.head.lemma_.lower() in VENUE_NOUNS | SETTLEMENT_NOUNS:
        noun = root.head
    if noun is None or noun.dep_ != "pobj" or noun.head.lower_ not in PLACE_PREPS | {"on"}:
        return None
    if noun.head.lower_ == "on" and noun.lemma_.lower() not in SURROUNDING_NOUNS:
        return None
    return noun.head, noun.head.head


def resolve_place(ent: Span, people: list[Person]) -> Place | None:
    """The place a name stands for, within the country the text names with it ("Bali,
    Indonesia"; "Atlanta, Georgia" is in the United States) or else a participant's
    country when a city of that name, of comparable size, lies there."""
    place = gazetteer().resolve(ent.text)
    if place is None and "-" in ent.text:
        first = gazetteer().resolve(ent.text.split("-")[0])  # "Rabat-Sale airport"
        place = first if first is not None and not first.is_country else None
    if place is not None and place.is_country:
        return place
    country = country_after(ent)
    if country and (place is None or place.country != country):
        return gazetteer().resolve_in(ent.text, country)  # "Bali, Indonesia" is not Bāli in India
    if place is not None and country is None:
        own = {p.country for p in people if p.country} - {place.country}
        if own and place.country not in {p.country for p in people}:
            for iso2 in sorted(own):
                region = gazetteer().region(ent.text, iso2)
                if region is not None:
                    return region  # "Goa" with an Indian minister: the state, not a port also called so
                local = gazetteer().in_country.get((lookup_key(ent.text), iso2))
                largest = gazetteer().cities.get(lookup_key(ent.text))
                if local is not None and largest and local["population"] >= largest["population"] * NAMESAKE_SHARE:
                    return gazetteer().resolve_in(ent.text, iso2)
    return place


def known_seat(article: Article, ent: Span) -> bool:
    """An organisation-tagged name that is a seat of government or a known venue."""
    key = lookup_key(ent.text)
    return key in article.lex.metonyms or key in gazetteer().venues


def is_capital(place: Place) -> bool:
    """A national capital: a name the tagger took for an organisation ("visit to Dhaka")
    that is a capital is the city."""
    capital = gazetteer().capitals.get(place.country) if not place.is_country else None
    return bool(capital) and lookup_key(capital) == lookup_key(place.name)


def reaches(token: Token, anchors: set[int]) -> bool:
    """Is the token an anchor, or hung from one through nouns ('on March 11 in ...',
    'at the Great Hall of the People in Beijing')?"""
    for _ in range(7):
        if token.i in anchors:
            return True
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            return False
        token = token.head
    return token.i in anchors


def place_spans(sent: Span, ents: list[Span]) -> list[Span]:
    """Place entities, and proper nouns after 'in'/'at' the tagger missed or mislabelled
    ('in Accra', 'to Montevideo' tagged PRODUCT); the gazetteer decides later."""
    spans = [
        ent
        for ent in ents
        if ent.label_ in PLACE_LABELS
        or (ent.label_ in MISLABELLED_PLACES and (ent.root.head.lower_ in PLACE_PREPS or settled_in(ent)))
    ]
    for ent in list(spans):
        # "the Great Hall of the People in Beijing" is one FAC entity: its city is a place too
        inner = [t for t in ent if t.lower_ == "in" and t.i + 1 < ent.end]
        if inner:
            spans.append(sent.doc[inner[-1].i + 1 : ent.end])
    for t in sent:
        venue = t.head
        if (
            t.tag_ in ("NNP", "NNPS")
            and t.dep_ in ("compound", "nmod")
            and venue.lemma_.lower() in VENUE_NOUNS
            and venue.dep_ == "pobj"
            and (t.i == sent.start or t.nbor(-1).tag_ not in ("NNP", "NNPS"))
            and all(w.dep_ in ("compound", "nmod", "amod") for w in sent.doc[t.i : venue.i])
            and gazetteer().venue_key(lookup_key(sent.doc[t.i : venue.i + 1].text))
        ):
            spans.append(sent.doc[t.i : venue.i + 1])  # "at the Fleur d'Eau villa": a known venue
        if t.ent_type_ or t.tag_ != "NNP":
            continue
        if t.dep_ in ("compound", "poss", "nmod") and t.head.lemma_.lower() in VENUE_NOUNS and t.head.dep_ == "pobj":
            spans.append(sent.doc[t.i : t.i + 1])  # "at a Lome hotel" the tagger left untagged
            continue
        if t.dep_ != "pobj" or t.head.lower_ not in PLACE_PREPS:
            continue
        start = min([c.i for c in t.children if c.dep_ == "compound" and c.tag_ == "NNP"] + [t.i])
        spans.append(sent.doc[start : t.i + 1])
    return spans


def country_after(span: Span) -> str | None:
    """The country of "City, Country", when one follows the place name."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        following = next((e for e in doc.ents if e.start == span.end + 1), None)
        if following is not None:
            place = gazetteer().resolve(following.text)
            if gazetteer().is_us_state(following.text) and gazetteer().in_country.get((lookup_key(span.text), "US")):
                return "US"  # "Atlanta, Georgia"
            if place is not None and place.is_country:
                return place.country
    return None


def place_from_article(article: Article, c: Candidate) -> tuple[Place | None, str]:
    """For a held meeting its sentence does not place, or places only in a country: the
    same trip's place, the summit's city for a meeting at the summit, or the dateline
    (a city within the sentence's country)."""
    country = (c.place, c.place_reason) if c.place is not None and c.place.is_country else None
    finders = (place_from_previous, place_from_summit, place_from_report_summit, place_from_dateline, place_from_visit)
    for find in finders:
        place, reason = find(article, c)
        if place is None:
            continue
        if not place.is_country:
            if country is None or place.country == country[0].country:
                return place, reason
        elif country is None:
            country = (place, reason)  # a city in that country, found later, is finer
    if country is not None and country[0] is c.place:
        city = only_city_named_in(article, country[0].country)
        if city is not None:
            return city, f"{country[1]}; the report names one city there, {city.name}"
    return country if country is not None else (None, "")


def only_city_named_in(article: Article, iso2: str) -> Place | None:
    """'talks in Qatar' in a report that elsewhere says the talks were in Doha: the one
    city of that country the report names (none when it names two)."""
    found = {}
    for ent in article.doc.ents:
        if ent.label_ in ("GPE", "FAC", "LOC") and article.body[ent.start]:
            place = gazetteer().resolve(ent.text)
            if place is not None and not place.is_country and place.country == iso2:
                found[place.name] = place
    return next(iter(found.values())) if len(found) == 1 else None


def place_from_previous(article: Article, c: Candidate) -> tuple[Place | None, str]:
    """The place of a meeting just before on the same trip: a shared participant, the
    same day or no other date, and no other place named in between."""
    for m in reversed(article.meetings):
        if m.explicit_previous:
            continue  # "they had last met at the White House": a flashback, not this trip
        if m.place and m.status == "held" and (m.keys & c.keys) and m.kind != "phone_call":
            if c.trigger.sent.start - m.sentences[-1].end >= CONTEXT_TOKENS:
                break
            if c.when is not None and m.when is not None and c.when.date != m.when.date:
                break
            if other_place_between(article, m.sentences[-1].end, c.trigger.sent.start, m.place):
                break
            return m.place, f"the place of the meeting reported just before ({m.place.label})"
    return None, ""


def place_from_visit(article: Article, c: Candidate) -> tuple[Place | None, str]:
    """A participant's visit or arrival stated near the meeting ("X flew to Y"); for a
    meeting "during the visit", the visit told anywhere before it."""
    sents = article.sents
    index = article.sentence_starting_at(c.sentences[0].start)
    if index is None:
        return None, ""
    nearby = sents[max(0, index - 2) : index + 3]
    if any(during_visit(article, t) for t in c.sentences[0]):
        nearby = sents[index::-1]
    for s in nearby:
        if not article.body[s.start]:
            continue
        for ent in article.ents_in(s):
            if ent.label_ not in PLACE_LABELS | MISLABELLED_PLACES or ent.root.head.lower_ not in ("in", "to"):
                continue
            if article.people.at(ent.root) is not None:
                continue
            owner = ent.root.head.head
            person = article.people.at(owner) or (resolve(article, owner) if owner.dep_ in ("nsubj",) else None)
            subj = next((t for t in owner.children if t.dep_ == "nsubj"), None)
            if person is None and subj is not None:
                person = resolve(article, subj)
            if person is None and owner.lemma_.lower() not in VISIT_WORDS:
                continue
            if person is not None and person not in c.people:
                continue
            place = gazetteer().resolve(ent.text)
            if place is not None:
                return place, f'stated nearby: "{ent.root.head.text} {ent.text}"'
    return None, ""


def other_place_between(article: Article, start: int, end: int, place: Place) -> bool:
    """Is a city or country other than ``place`` named between two tokens?"""
    for ent in article.doc[start:end].ents:
        if ent.label_ in ("GPE", "FAC", "LOC") and article.body[ent.start]:
            other = gazetteer().resolve(ent.text)
            if other is not None and other.country != place.country:
                return True
            if other is not None and not other.is_country and other.name != place.name:
                return True
    return False


def place_from_summit(article: Article, c: Candidate) -> tuple[Place | None, str]:
    """A meeting at a summit, or on its sidelines, took place in the summit's city,
    wherever the article names it ("the G20 summit in Antalya")."""
    if c.kind != "multilateral" and not any(
        (summits.is_session(t) and not summits.is_time_reference(t)) or t.lower_ in summits.SIDELINE_CUES
        for s in c.sentences
        for t in s
    ):
        return None, ""
    found = summit_place(article, c.trigger.i)
    if found is None:
        return None, ""
    place, phrase = found
    return place, f'at the summit, named in the report: "{phrase}"'


def place_from_report_summit(article: Article, c: Candidate) -> tuple[Place | None, str]:
    """A report that opens on a summit tells the meetings of its days at that summit."""
    if article.published is None or (c.when is not None and abs((c.when.date - article.published).days) > REPORT_DAYS):
        return None, ""
    body = [sent for sent in article.sents if in_body(article, sent)][:LEAD_SENTENCES]
    for sent in body:
        for _, place, phrase in summits_placed(article, sent):
            return place, f'the summit the report opens on: "{phrase}"'
    return None, ""


def summit_place(article: Article, at: int) -> tuple[Place, str] | None:
    """The place the article gives a summit or conference ("the summit in X", "the X
    summit", "a summit at X"): the last one named before token ``at``, else the first after."""
    if "summits_placed" not in article.memo:  # read once per article, asked of every unplaced meeting
        article.memo["summits_placed"] = [
            summit for sent in article.sents if in_body(article, sent) for summit in summits_placed(article, sent)
        ]
    found = article.memo["summits_placed"]
    before = [(i, place, phrase) for i, place, phrase in found if i < at]
    chosen = before[-1] if before else (found[0] if found else None)
    return (chosen[1], chosen[2]) if chosen else None


def summits_placed(article: Article, sent: Span) -> list[tuple[int, Place, str]]:
    """The summits a sentence places, with the summit noun's position."""
    out = []
    for t in sent:
        if not summits.is_session(t) or summits.is_time_reference(t):
            continue
        names = [c for c in t.children if c.dep_ in ("compound", "nmod") and c.ent_type_ in ("GPE", "LOC", "FAC")]
        holders = [t, t.head] if t.dep_ in ("nsubj", "nsubjpass") else [t]  # "the summit was held in X"
        for prep in (c for h in holders for c in h.children):
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                names += [o for o in prep.children if o.dep_ == "pobj"]
        for name in names:
            if this_town(name):
                found = dateline_place(article.doc.user_data[DATELINE]["place"])
                if found is not None:
                    out.append((t.i, found, f"{t.text} in this {name.text}, the dateline's"))
                    break
            if name.lemma_.lower() in SETTLEMENT_NOUNS | VENUE_NOUNS:  # "in the Red Sea resort of X", "at X Hall in Y"
                inner = [o for p in name.children if p.lower_ in ("of", "in") for o in p.children if o.dep_ == "pobj"]
                if inner and inner[0].lemma_.lower() in SETTLEMENT_NOUNS:
                    inner = [o for p in inner[0].children if p.lower_ == "of" for o in p.children] or inner
                name = inner[0] if inner else name
            span = next((e for e in article.ents_in(sent) if e.start <= name.i < e.end), None)
            text = span.text if span is not None else name.text
            place = gazetteer().resolve(text)
            if place is not None and not place.is_country:
                phrase = f"{t.text} {name.head.text if name.dep_ == 'pobj' else ''} {text}".replace("  ", " ")
                out.append((t.i, place, phrase))
                break
    return out


def place_from_dateline(article: Article, c: Candidate) -> tuple[Place | None, str]:
    """The dateline's city for a meeting of the day the report was filed: news of the day
    is written where it happened, older meetings are recalled from anywhere."""
    dateline = article.doc.user_data.get(DATELINE)
    if not dateline or article.published is None:
        return None, ""
    if c.when is not None and abs((c.when.date - article.published).days) > DATELINE_DAYS:
        return None, ""
    if any(during_visit(article, t) for s in c.sentences for t in s):
        return None, ""  # "during the visit": the meeting is where the visit went, not where the report was filed
    place = dateline_place(dateline["place"])
    if place is None:
        return None, ""
    return place, f"the dateline names {dateline['place'].title()}, and the meeting is of that day"


def during_visit(article: Article, token: Token) -> bool:
    """'during the visit', 'on his trip': the sentence places the meeting on a journey."""
    return (
        article.body[token.i]
        and token.pos_ == "NOUN"
        and token.lemma_.lower() in VISIT_WORDS
        and any(c.dep_ in ("det", "poss") for c in token.children)
    )


def this_town(noun: Token) -> bool:
    """'in this Red Sea resort', 'in this capital': the place the report is filed from."""
    return (
        noun.lemma_.lower() in SETTLEMENT_NOUNS
        and any(c.lower_ == "this" for c in noun.children)
        and bool(noun.doc.user_data.get(DATELINE))
    )


def dateline_place(text: str) -> Place | None:
    """The city of a dateline: "SIRTE, Libya" (the city before the country), or a town
    the gazetteer does not know in the country the dateline names ("SMALLTOWN, Country")."""
    head, _, tail = text.partition(",")
    place = gazetteer().resolve(text) or gazetteer().resolve(head)
    if place is not None and not place.is_country:
        return place
    country = gazetteer().resolve(tail) if tail.strip() else None
    if place is None and country is not None and country.is_country:
        return gazetteer().resolve_in(head.strip().title(), country.country)
    return None


def in_body(article: Article, sent: Span) -> bool:
    """Does the sentence hold article text (a dateline before it is page furniture)?"""
    return any(article.body[t.i] for t in sent)
