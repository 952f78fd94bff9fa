"""Stage 1, the text: an article's body without the furniture of the page it came from.

News pages carry lines that are not the article: a dateline glued to the first sentence
("ANKARA, March 3 (Reuters) - "), bylines ("By Jane Doe"), photo credits ("Photo: AFP",
"(Photo by X/Getty Images)"), "Read more:" links to other articles, section labels
("WORLD | EUROPE"), share and subscribe buttons, time stamps. Read as text they make
false participants (an agency, a reporter) and false sentences.

Furniture is blanked, not cut: each of its characters becomes a space (a line break stays
a line break), so the cleaned text is as long as the original and an offset in one is the
same offset in the other. A sentence, an entity or a piece of evidence found in the
cleaned text is therefore at the same place in the stored article, and nothing needs to
map offsets back. spaCy reads a run of spaces as one SPACE token, which no later stage
takes for a word, and a blanked line as a blank line: a paragraph break, which is what a
line of furniture between two paragraphs amounts to.

Photo captions that describe a scene stay: a caption is sometimes the only place a
meeting is told ("X shakes hands with Y in Z on Monday"); only their label ("Photo:") and
their credit ("(Reuters)", "Name/Pool via REUTERS") go.

The word lists are data, in ``ingest/data/furniture.json``; this module holds the shapes
and the thresholds. It imports nothing of Django.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "furniture.json"

# A dateline opens the first paragraph (after a headline, a section label and a byline):
# it is looked for only there, in its first DATELINE_MAX_CHARS characters, and a paragraph
# of at least DATELINE_MIN_WORDS words must follow it on its line.
DATELINE_MAX_CHARS = 90
DATELINE_MIN_WORDS = 5
DATELINE_MAX_PLACE_WORDS = 5  # "WRIGHT-PATTERSON AIR FORCE BASE"
# A line of at least PARAGRAPH_MIN_WORDS words that ends a sentence is a paragraph: the
# lines before the first one are the page's head (headline, section label, byline, date).
PARAGRAPH_MIN_WORDS = 8
PARAGRAPH_LONG_WORDS = 25  # a line this long is a paragraph even when cut off mid-sentence
BYLINE_MAX_WORDS = 12  # "By Daniela Ortiz and Mark Heller, Reuters | March 3, 2021"
CREDIT_MAX_WORDS = 6  # "Photo: Presidency of Uruguay" names a source; a longer text describes the picture
SECTION_MAX_WORDS = 6  # "WORLD | EUROPE", "Economy / International", "From the archive"
READ_MORE_MAX_WORDS = 30  # the title of the linked article after "Read more:"
JUNK_MAX_WORDS = 25  # "Subscribe to our newsletter for ..."; a longer line is a paragraph
TIMESTAMP_MAX_WORDS = 12  # "Updated: Jan 5, 2024 10:45 IST"
ROLE_CREDIT_MAX_WORDS = 40  # "Reporting by A and B in C; Additional reporting by D; Editing by E"
CREDIT_LINE_MAX_WORDS = 10  # "With inputs from PTI and ANI", "Photo by John Doe/AFP via Getty Images"
SHORT_NAME = 4  # agency names this short match in their own letter case only ("AA", "MAP")

SENTENCE_END = ".!?"
CLOSING = "\"”’'»)]"


@dataclass(frozen=True)
class Furniture:
    kind: str  # dateline, byline, credit, caption_label, read_more, section, junk, timestamp
    start: int
    end: int


@dataclass(frozen=True)
class Body:
    """An article's text with its furniture blanked, and what the furniture told."""

    original: str
    text: str  # as long as ``original``: furniture is spaces, line breaks are kept
    furniture: tuple[Furniture, ...] = ()
    dateline_place: str | None = None  # "SANTA MARTA, Colombia", "KIGALI / KHARTOUM"
    dateline_date: str | None = None  # "Nov 18", "June 15, 2000", "16 AUGUST 2019"
    dateline_source: str | None = None  # "Reuters", "staff correspondent"

    def original_offset(self, i: int) -> int:
        """Offset ``i`` of the cleaned text in the original: the same, as furniture is
        blanked in place."""
        return i

    @property
    def kept_spans(self) -> list[tuple[int, int]]:
        """The (start, end) spans of the original that are article text."""
        spans, pos = [], 0
        for f in sorted(self.furniture, key=lambda f: f.start):
            if f.start > pos:
                spans.append((pos, f.start))
            pos = max(pos, f.end)
        if pos < len(self.original):
            spans.append((pos, len(self.original)))
        return spans

    def kinds(self) -> list[str]:
        return [f.kind for f in self.furniture]


# -- the rules ----------------------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    agency: str  # a regex alternation of agency names
    credit_line: re.Pattern  # a whole line that only credits: "Jane Doe, Reuters", "With inputs from PTI"
    agency_paren: re.Pattern  # "(Reuters)" after a sentence or at the end of a line
    credit_paren: re.Pattern  # "(Photo: X)", "(Photo by X/Getty Images)", "(AP Photo/X)", "(File)"
    credit_tail: re.Pattern  # "... April 4, 2019. Alexander Zemlianichenko/Pool via REUTERS"
    caption_label: re.Pattern  # "Photo: ", "Picture | "
    role_credit: re.Pattern  # "Reporting by X; Editing by Y"
    role_paren: re.Pattern  # "(Reporting by X; Editing by Y)"
    read_more: re.Pattern
    junk_lines: frozenset[str]
    junk_prefix: re.Pattern
    timestamp: re.Pattern
    read_time: tuple[str, ...]
    section_words: frozenset[str]
    label_prefix: re.Pattern  # "EXCLUSIVE: ", "Analysis: " before the first sentence
    byline_words: frozenset[str]
    byline_staff_words: frozenset[str]
    date: str  # a regex of a date as datelines write it
    date_words: frozenset[str]
    place_glue: frozenset[str]


def _alternation(names, case_short: bool = False) -> str:
    """A regex alternation, longest first, case-insensitive; with ``case_short``, names of
    SHORT_NAME letters or fewer keep their case."""
    names = sorted(set(names), key=lambda n: (-len(n), n))
    long = [re.escape(n) for n in names if not case_short or len(n) > SHORT_NAME]
    short = [re.escape(n) for n in names if case_short and len(n) <= SHORT_NAME]
    parts = []
    if long:
        parts.append("(?i:" + "|".join(long) + ")")
    if short:
        parts.append("|".join(short))
    return "(?:" + "|".join(parts) + r")(?:(?<=\W)|(?!\w))"  # whole words: "May", not "Mayor"


@cache
def rules() -> Rules:
    with open(DATA, encoding="utf-8") as f:
        data = json.load(f)
    agency = _alternation(data["agencies"], case_short=True)
    agencies = rf"{agency}(?:\s*(?:,|/|&|\+|\band\b|\bvia\b)\s*{agency})*"
    name = r"[^\W\d_][\w.'’\-]*(?:[ \t]+[^\W\d_][\w.'’\-]*){0,3}"
    photo = r"(?i:photo(?:graph)?s?|pictures?|pics?|images?|file\s+photo)"
    by = r"(?i:credit|courtesy)?\s*(?i:by|:)"
    # a credit: "Jane Doe, Reuters", "Photo by John Doe/AFP", "Alexander Zemlianichenko/Pool via REUTERS",
    # "REUTERS/Kevin Lamarque", "AP Photo/Evan Vucci"
    credit = (
        rf"(?:{photo}\s*{by}\s*)?(?:{name}(?:\s+(?i:and)\s+{name})?\s*[/,|]\s*)?"
        rf"(?:(?i:pool|handout)\s*(?:/|(?i:via))\s*)?{agencies}(?:\s+{photo})?(?:\s*/\s*{name})?"
    )
    months = _alternation(data["months"])
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    date = (
        rf"(?:(?:{_alternation(data['weekdays'])},?\s+)?"
        rf"(?:{months}\.?\s+{day}(?:,?\s+\d{{4}})?|{day}\s+{months}\.?(?:,?\s+\d{{4}})?|{months}\.?\s+\d{{4}}"
        rf"|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}))"
    )
    roles = _alternation(data["credit_roles"])
    return Rules(
        agency=agency,
        credit_line=re.compile(
            rf"^[\s\-–—(\[]*(?:(?i:with\s+)?(?i:inputs?)\s+(?i:from)\s+|(?i:sources?|courtesy)\s*:?\s*|(?i:via)\s+)?"
            rf"{credit}[\s.)\]]*$"
        ),
        agency_paren=re.compile(rf"\s*\(\s*{agencies}\s*\)(?=[\s.]*$)|(?<=[.!?\"”’])\s*\(\s*{agencies}\s*\)"),
        credit_paren=re.compile(
            rf"\s*\(\s*(?:{photo}\s*{by}\s*[^()\n]{{1,80}}|[^()\n]{{0,40}}/\s*{agencies}[^()\n]{{0,40}}"
            rf"|{agencies}(?:\s+{photo})?\s*/[^()\n]{{1,40}}|{_alternation(data['credit_parentheses'])})\s*\)"
        ),
        credit_tail=re.compile(rf"(?<=[.!?\"”’)])\s+{credit}\s*$"),
        caption_label=re.compile(rf"^{_alternation(data['caption_labels'])}\s*(?:[:|]|\s[-–—]\s)\s*"),
        role_credit=re.compile(rf"^\(?\s*{roles}\s+(?i:by)\s+\S"),
        role_paren=re.compile(rf"\s*\(\s*{roles}\s+(?i:by)\s+[^()\n]{{2,200}}\)"),
        read_more=re.compile(
            rf"^[\s>»›•*\-–—\[]*{_alternation(data['read_more_labels'])}\s*(?P<sep>[:|>»›\]]|\s[-–—]\s|$)"
        ),
        junk_lines=frozenset(x.lower() for x in data["junk_lines"]),
        junk_prefix=re.compile(rf"^{_alternation(data['junk_prefixes'])}"),
        timestamp=re.compile(rf"^{_alternation(data['timestamp_labels'])}\s*:?\s*(?:on\s+|at\s+)?"),
        read_time=tuple(x.lower() for x in data["read_time"]),
        section_words=frozenset(x.lower() for x in data["section_words"]),
        label_prefix=re.compile(rf"^(?P<label>{_alternation(data['section_words'])})\s*:\s+(?=\S)"),
        byline_words=frozenset(data["byline_words"]),
        byline_staff_words=frozenset(data["byline_staff_words"]),
        date=date,
        date_words=frozenset([*data["months"], *data["weekdays"], *data["time_words"]]),
        place_glue=frozenset(data["place_glue"]),
    )


# -- the stage ----------------------------------------------------------------------


def article_body(text: str) -> Body:
    """``text`` with its furniture blanked, and the dateline's place, date and source."""
    r = rules()
    found: list[Furniture] = []
    dateline = None
    in_head = True  # before the first paragraph: headline, labels, byline, date
    first = True  # the first line with text: the headline, or the first paragraph
    after_label = False  # a bare "Read more" line: the next line is the link's title
    for start, end in _lines(text):
        raw = text[start:end]
        line = raw.strip()
        if not line:
            continue
        s = start + len(raw) - len(raw.lstrip())
        e = s + len(line)
        words = len(line.split())
        kind, bare = _line_kind(line, words, r, in_head=in_head, first=first)
        if kind is None and after_label and _title_like(line):
            kind = "read_more"
        after_label = bare
        if kind:
            found.append(Furniture(kind, s, e))
            first = False
            continue
        paragraph = _is_paragraph(line, words)
        match = None
        if in_head and dateline is None and (paragraph or not first):  # a headline has no dateline
            match = _dateline(line, r, paragraph=paragraph)
        if match is not None:
            dateline, cut = match
            found.append(Furniture("dateline", s, s + cut))
            paragraph = True
        elif in_head:
            label = r.label_prefix.match(line)  # "EXCLUSIVE: ...", "Analysis: ..."
            if label and (label.group("label").isupper() or label.group("label").istitle()):
                found.append(Furniture("section", s, s + label.end()))
        found.extend(_pieces(line, s, r))
        if paragraph:
            in_head = False
        first = False
    return _body(text, found, dateline)


def _body(text: str, found: list[Furniture], dateline) -> Body:
    found = sorted(found, key=lambda f: (f.start, -f.end))
    kept: list[Furniture] = []
    for f in found:  # a credit inside a credit, or inside a whole line, is told once
        if not kept or f.end > kept[-1].end:
            kept.append(f)
    chars = list(text)
    for f in kept:
        for i in range(f.start, f.end):
            if chars[i] not in "\n\r":
                chars[i] = " "
    place, day, source = dateline or (None, None, None)
    return Body(
        original=text,
        text="".join(chars),
        furniture=tuple(kept),
        dateline_place=place,
        dateline_date=day,
        dateline_source=source,
    )


def _lines(text: str):
    pos = 0
    for raw in text.split("\n"):
        yield pos, pos + len(raw)
        pos += len(raw) + 1


def _is_paragraph(line: str, words: int) -> bool:
    return words >= PARAGRAPH_LONG_WORDS or (words >= PARAGRAPH_MIN_WORDS and line.rstrip(CLOSING)[-1:] in SENTENCE_END)


def _title_like(line: str) -> bool:
    return len(line.split()) <= READ_MORE_MAX_WORDS and line.rstrip(CLOSING)[-1:] != "."


def _line_kind(line: str, words: int, r: Rules, *, in_head: bool, first: bool) -> tuple[str | None, bool]:
    """The kind of furniture a whole line is, or None; and whether it is a bare "Read more"
    label whose link title follows on the next line."""
    low = line.lower()
    bare = low.strip(" \t.:!|•·*-–—»›>[]()")
    if bare in r.junk_lines or (words <= JUNK_MAX_WORDS and r.junk_prefix.match(low)):
        return "junk", False
    if not any(ch.isalnum() for ch in line):
        return "junk", False
    if words <= 6 and any(t in low for t in r.read_time):
        return "junk", False
    more = r.read_more.match(line)
    if more:
        rest = line[more.end() :].strip()
        if not rest:
            return "read_more", True
        if words <= READ_MORE_MAX_WORDS and _title_like(rest) and more.group("sep").strip():
            return "read_more", False
    if words <= BYLINE_MAX_WORDS and _is_byline(line, r):
        return "byline", False
    if r.role_credit.match(line) and words <= ROLE_CREDIT_MAX_WORDS:
        return "byline", False
    if words <= CREDIT_LINE_MAX_WORDS and r.credit_line.match(line):
        return "credit", False
    label = r.caption_label.match(line)
    if label:
        rest = line[label.end() :].strip()
        rest = r.credit_paren.sub("", rest).strip()
        if not rest or (len(rest.split()) <= CREDIT_MAX_WORDS and rest.rstrip(CLOSING)[-1:] not in SENTENCE_END):
            return "credit", False
    stamp = r.timestamp.match(line)
    if words <= TIMESTAMP_MAX_WORDS and (
        (stamp and _only_date(re.split(r"\s+(?i:by)\s+|\|", line[stamp.end() :])[0], r))
        or (in_head and _only_date(line, r))
    ):
        return "timestamp", False
    if in_head and _is_section(line, words, r, first=first):
        return "section", False
    return None, False


def _is_byline(line: str, r: Rules) -> bool:
    m = re.match(r"^(?i:(by|from))\s+(\S.*)$", line)
    if not m:
        return False
    if line.rstrip(CLOSING)[-1:] in "!?":
        return False
    rest = re.sub(r"[,;|/&·•]", " ", m.group(2)).split()
    staff = any(w.lower() in r.byline_staff_words for w in rest)
    agency = re.search(rf"\b{r.agency}\b", m.group(2)) is not None
    capitals = 0
    for w in rest:
        w = w.strip(".()")
        if not w:
            continue
        if w[0].isupper():
            capitals += 1
        elif not (w.lower() in r.byline_words or w.lower() in r.date_words or any(ch.isdigit() for ch in w)):
            return False
    if line.endswith(".") and not re.search(r"\b[A-Z]\.$", line):
        return False  # "By evening the talks had ended." is a sentence
    if m.group(1).lower() == "from":
        return staff
    return staff or agency or capitals >= 2


def _only_date(line: str, r: Rules) -> bool:
    """A line of a date and a time only: "Monday, 12 March 2021 | 10:45 GMT"."""
    if not re.search(r"\d", line):
        return False
    for w in re.split(r"[\s,|/]+", line.strip()):
        w = w.strip(".()").lower()
        if w and not (w in r.date_words or re.fullmatch(r"[\d:.\-]+(?:st|nd|rd|th|am|pm|h)?", w)):
            return False
    return True


def _is_section(line: str, words: int, r: Rules, *, first: bool) -> bool:
    """A section label or kicker in the page's head: "WORLD | EUROPE", "Economy /
    International", "NIGERIA DECIDES 2023", "From the archive"."""
    if words > SECTION_MAX_WORDS or line.rstrip(CLOSING)[-1:] in SENTENCE_END or line[-1:] in ",;:":
        return False
    low = line.lower().strip()
    parts = [p.strip() for p in re.split(r"\s*(?:[|/>»›•·]|\s[-–—]\s)\s*", low) if p.strip()]
    vocabulary = bool(parts) and all(p in r.section_words for p in parts)
    separated = len(parts) > 1 and not first
    letters = [ch for ch in line if ch.isalpha()]
    capitals = len(letters) >= 2 and all(ch.isupper() for ch in letters) and not first
    return vocabulary or separated or capitals


def _dateline(line: str, r: Rules, *, paragraph: bool):
    """((place, date, source), length) when ``line`` opens with a dateline."""
    head_part = line[:DATELINE_MAX_CHARS]
    for sep in re.finditer(r"\s+-{1,2}\s+|\s*(?:--|–|—|−)\s*|(?<=\w)\s*:\s+", head_part):
        head, rest = line[: sep.start()].strip(), line[sep.end() :]
        colon = ":" in sep.group()
        parsed = _dateline_head(head, r)
        if parsed is None:
            continue
        place, day, source, capitals = parsed
        if len(rest.split()) < DATELINE_MIN_WORDS or not (rest[:1].isupper() or rest[:1] in "\"“‘'0123456789"):
            return None  # "NATO - the alliance said" opens a sentence; a dateline is followed by one
        if colon and not capitals:
            return None  # "Analysis: ..." is a label; "NEW DELHI: ..." a dateline
        if not capitals and not (day or source or paragraph):
            return None
        if capitals and not (day or source) and sum(ch.isalpha() for ch in place) < 3:
            return None  # "US - China talks ..." names two countries; "ROME - " is a dateline
        return (place, day, source), sep.end()
    return None


def _dateline_head(head: str, r: Rules):
    """(place, date, source, in capitals) of "CALGARY, Alberta, June 18 (Reuters)", or None."""
    source = None
    m = re.search(r"\(([^()]{1,40})\)\s*$", head)
    if m:
        source, head = m.group(1).strip(), head[: m.start()].strip()
    day = None
    m = re.search(rf"(?:^|,)\s*({r.date})\s*$", head)
    if m:
        day, head = m.group(1), head[: m.start()].strip()
    if not head:
        return None
    parts = [p.strip() for p in head.split(",")]
    if len(parts) > 3 or not all(parts) or parts[0].lower() in r.section_words:
        return None  # "EXCLUSIVE: ..." is a label
    places = [p.strip() for p in re.split(r"\s*/\s*", parts[0])]
    capitals = True
    for place in places:
        words = place.split()
        if not words or len(words) > DATELINE_MAX_PLACE_WORDS:
            return None
        for w in words:
            if w.lower() in r.place_glue and w != words[0]:
                continue
            if not w[0].isupper() or not all(ch.isalpha() or ch in ".'’-" for ch in w):
                return None
        letters = [ch for ch in place if ch.isalpha()]
        if len(letters) < 2:
            return None
        capitals = capitals and all(ch.isupper() for ch in letters)
    if not capitals and any(len(p.split()) > 3 for p in places):
        return None
    for region in parts[1:]:
        words = region.split()
        if len(words) > 3 or not all(w[0].isupper() and w.replace(".", "").isalpha() for w in words):
            return None
    return ", ".join(parts), day, source, capitals


def _pieces(line: str, offset: int, r: Rules) -> list[Furniture]:
    """Furniture inside a line of text: a caption's label and credit, credits in
    parentheses, a trailing "(Reporting by ...)"."""
    found = []
    label = r.caption_label.match(line)
    caption = False
    if label:
        caption = True
        found.append(Furniture("caption_label", offset, offset + label.end()))
    for pattern in (r.credit_paren, r.agency_paren, r.role_paren):
        for m in pattern.finditer(line):
            found.append(Furniture("credit", offset + m.start(), offset + m.end()))
    tail = r.credit_tail.search(line)
    if tail:
        found.append(Furniture("credit", offset + tail.start(), offset + tail.end()))
    if caption:
        # a caption's last parenthesis is its credit: "... on Monday. (Amiri Diwan)"
        m = re.search(r"(?<=[.!?\"”’])\s*\(([^()\n]+)\)\s*$", line)
        if m and len(m.group(1).split()) <= CREDIT_MAX_WORDS:
            found.append(Furniture("credit", offset + m.start(), offset + m.end()))
    return found
