"""Where articles come from: text files, HTML pages, RSS/Atom feeds, JSONL, folders
and URLs. Each reader yields articles, or errors that name the file (and line) and
say what is wrong, so that one bad input never stops a run."""

import codecs
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path

from django.conf import settings

from ingest.fetch import FetchRefused, fetch
from ingest.lexicon import lexicon

log = logging.getLogger("parley.sources")
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".feed"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_URL_LENGTH = 1000  # the Article.url column


@dataclass(frozen=True)
class RawArticle:
    """An article as read from a source, before extraction."""

    text: str
    source: str  # where it was read: a path, path:line or URL
    id: str | None = None
    title: str = ""
    published: date | None = None
    url: str | None = None
    outlet: str = ""
    claimed_url: str | None = None  # the source a user says pasted text comes from, never fetched

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the text with white space folded, so a re-saved copy is the same
        article; computed once, as both the run and the writer need it."""
        normal = re.sub(r"\s+", " ", self.text).strip().lower()
        return hashlib.sha256(normal.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SourceError:
    source: str
    reason: str


def parse_date(value) -> date | None:
    """An ISO date (a datetime's date part is taken); ValueError when it is not one."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"published must be a YYYY-MM-DD string, not {value!r}")
    return date.fromisoformat(value.strip()[:10])


Item = RawArticle | SourceError


def max_chars() -> int:
    return settings.PARLEY_MAX_ARTICLE_CHARS


# Characters that are never part of an article and can hurt where it is shown or stored:
# C0 controls but white space (PostgreSQL refuses NUL), the bidi embeddings, overrides and
# isolates that reverse the text after them on a page, and lone surrogates (no UTF-8 form).
UNSAFE_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
LONE_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """``value`` without unsafe characters; a lone surrogate becomes U+FFFD."""
    return LONE_SURROGATES.sub("\ufffd", UNSAFE_CHARS.sub("", value))


def read_sources(targets: Iterable[str], *, published: date | None = None, outlet: str = "") -> Iterator[Item]:
    """Every article in the given paths and URLs; ``published`` and ``outlet`` fill in
    what an article does not say itself."""
    for target in targets:
        try:
            for item in _read_target(target):
                yield _checked(item, published, outlet) if isinstance(item, RawArticle) else item
        except Exception:  # a reader's bug must cost only its own target, not the run
            log.exception("reading %s failed", target)
            yield SourceError(target, "could not be read")


def _read_target(target: str) -> Iterator[Item]:
    if target.startswith(("http://", "https://")):
        return read_url(target)
    path = Path(target)
    if path.is_dir():
        return read_directory(path)
    if path.exists():
        return read_file(path)
    return iter([SourceError(target, "no such file or directory")])


def _checked(article: RawArticle, published: date | None, outlet: str) -> Item:
    """The article as Parley stores it, or why it cannot be: every source passes here."""
    if len(article.text) > max_chars():
        return SourceError(
            article.source, f"article of {len(article.text):,} characters is over the limit of {max_chars():,}"
        )
    text = clean_text(article.text)
    if not any(ch.isalpha() for ch in text):
        return SourceError(article.source, "no text")
    return replace(
        article,
        text=text,
        title=clean_text(article.title)[:500],
        outlet=clean_text(article.outlet or outlet)[:200],
        published=article.published or published,
        url=_source_address(article.url),
        claimed_url=_source_address(article.claimed_url),
    )


def _source_address(url: str | None) -> str | None:
    """A web address worth keeping as a source: http(s) and short enough to store."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None  # a javascript: or file: link is no source address
    return url if len(url) <= MAX_URL_LENGTH else None


def read_directory(folder: Path) -> Iterator[Item]:
    """Every file below the folder, in name order; hidden files and folders are skipped."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts):
            yield from read_file(path)


def read_file(path: Path) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path)
        return
    try:
        size = path.stat().st_size
        if size > max_chars() * 4:
            yield SourceError(str(path), f"file of {size:,} bytes is over the size limit")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield SourceError(str(path), exc.strerror or str(exc))
        return
    yield from read_bytes(data, str(path), kind=_kind(suffix, data))


def _kind(suffix: str, data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if suffix in FEED_SUFFIXES or head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head):
        return "feed"
    if suffix in HTML_SUFFIXES or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def read_bytes(data: bytes, source: str, *, kind: str, url: str | None = None) -> Iterator[Item]:
    if not data.strip():
        yield SourceError(source, "empty file")
        return
    if kind == "feed":
        yield from read_feed(data, source)
        return
    try:
        text = decode(data)
    except ValueError as exc:
        yield SourceError(source, str(exc))
        return
    if kind == "html":
        yield read_html(text, source, url=url)
    else:
        yield read_text(text, source)


UNICODE_BOMS = [  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def decode(data: bytes) -> str:
    """Text from bytes in whatever encoding they are; ValueError for binary data."""
    for bom, encoding in UNICODE_BOMS:  # UTF-16 and UTF-32 are full of NUL bytes: read them first
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise ValueError(f"broken {encoding} text") from None
    if b"\x00" in data[:8192]:
        raise ValueError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ValueError("unknown text encoding")
    text = str(best)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text[:8192]) * 0.05:
        raise ValueError("binary file, not text")
    return text


def read_text(text: str, source: str) -> Item:
    """A plain text article: the first real line is its headline."""
    junk = lexicon().junk_lines
    title = next(
        (line.strip() for line in text.splitlines() if len(line.strip()) > 3 and line.strip().lower() not in junk),
        "",
    )
    if not title:
        return SourceError(source, "no text")
    return RawArticle(text=text, source=source, title=title[:500])


def read_html(html: str, source: str, *, url: str | None = None) -> Item:
    """The main text, title, date and site of a web page."""
    import trafilatura

    try:
        found = trafilatura.extract(html, output_format="json", with_metadata=True, url=url)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return SourceError(source, f"unreadable HTML: {exc}")
    if not found:
        return SourceError(source, "no article text found in the HTML")
    meta = json.loads(found)
    if len((meta.get("text") or "").split()) < 5:  # a menu or a caption is not an article
        return SourceError(source, "no article text found in the HTML")
    try:
        published = parse_date(meta.get("date"))
    except ValueError:
        published = None
    return RawArticle(
        text=meta["text"],
        source=source,
        title=(meta.get("title") or "")[:500],
        published=published,
        url=url,
        outlet=meta.get("sitename") or meta.get("source-hostname") or "",
    )


def read_feed(data: bytes, source: str) -> Iterator[Item]:
    """Each entry of an RSS or Atom feed: its link, title, date and text."""
    import feedparser
    import lxml.html

    feed = feedparser.parse(data)
    readable = [e for e in feed.entries if e.get("content") or e.get("summary")]
    if feed.bozo and not readable:
        yield SourceError(source, f"broken feed: {feed.get('bozo_exception', 'unreadable')}")
        return
    outlet = feed.feed.get("title", "")
    for n, entry in enumerate(feed.entries, start=1):
        where = f"{source}#{n}"
        body = entry.get("content", [{}])[0].get("value") or entry.get("summary") or ""
        try:
            text = lxml.html.fromstring(body).text_content() if body.strip() else ""
        except Exception:
            text = body
        title = entry.get("title", "")
        if not text.strip():
            yield SourceError(where, "feed entry without text")
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(*stamp[:3]) if stamp else None
        yield RawArticle(
            text=f"{title}\n\n{text}" if title else text,
            source=where,
            title=title[:500],
            published=published,
            url=entry.get("link") or None,
            outlet=outlet,
        )


def read_url(url: str) -> Iterator[Item]:
    """Fetch a page or feed through the guarded fetch (public addresses only, a size
    limit and a deadline for the whole fetch)."""
    try:
        page = fetch(url, max_bytes=max_chars() * 4)
    except FetchRefused as exc:
        yield SourceError(url, str(exc))
        return
    content_type = page.content_type
    if "xml" in content_type or "rss" in content_type or "atom" in content_type:
        kind = "feed"
    elif "html" in content_type:
        kind = "html"
    else:
        kind = _kind(Path(url).suffix.lower(), page.data)
    yield from read_bytes(page.data, url, kind=kind, url=page.final_url)


def read_jsonl(path: Path) -> Iterator[RawArticle | SourceError]:
    """Lines of {"id", "text" or "file", "title"?, "published"?, "url"?, "outlet"?}.

    "file" names a text file relative to the JSONL file, as in a corpus folder.
    """
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        yield SourceError(str(path), exc.strerror or str(exc))
        return
    with handle:
        number = 0
        while True:
            number += 1
            where = f"{path}:{number}"
            try:
                line = handle.readline()
            except UnicodeDecodeError as exc:
                yield SourceError(where, f"not UTF-8 ({exc.reason})")
                continue
            if not line:
                break
            if not line.strip():
                continue
            yield _jsonl_row(line, where, path.parent)


def _jsonl_row(line: str, where: str, folder: Path | None) -> RawArticle | SourceError:
    """One JSONL line; a "file" key is read only below ``folder``, and only when the
    JSONL file itself was given on the command line (an upload has no folder)."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return SourceError(where, f"not JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return SourceError(where, "not JSON: nested too deeply")
    if not isinstance(row, dict):
        return SourceError(where, "a line must be a JSON object")
    text = row.get("text")
    if text is None and row.get("file"):
        if folder is None:
            return SourceError(where, '"file" is read only from JSONL files given to the ingest command')
        text = _corpus_file(folder, str(row["file"]))
        if isinstance(text, SourceError):
            return SourceError(where, text.reason)
    if not isinstance(text, str) or not text.strip():
        return SourceError(where, 'no article text ("text" or "file")')
    try:
        published = parse_date(row.get("published"))
    except ValueError as exc:
        return SourceError(where, f"bad published date: {exc}")
    return RawArticle(
        text=text,
        source=where,
        id=str(row["id"]) if row.get("id") is not None else None,
        title=str(row.get("title") or ""),
        published=published,
        url=row["url"] if isinstance(row.get("url"), str) else None,
        outlet=str(row.get("outlet") or ""),
    )


def _corpus_file(folder: Path, name: str) -> str | SourceError:
    """The text of a file named by a JSONL line: inside the JSONL file's folder once
    resolved (no "..", no absolute path, no link leading out of it)."""
    root = folder.resolve()
    try:
        path = (root / name).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return SourceError(name, f"cannot read {name}: no such file in {folder}")
    if not path.is_relative_to(root) or not path.is_file():
        return SourceError(name, f"cannot read {name}: only files inside {folder} are read")
    if path.stat().st_size > max_chars() * 4:
        return SourceError(name, f"cannot read {name}: over the size limit")
    try:
        return decode(path.read_bytes())
    except (OSError, ValueError) as exc:
        return SourceError(name, f"cannot read {name}: {exc}")


def read_submission(
    *, text: str | None = None, url: str | None = None, title: str = "", published: date | None = None, outlet: str = ""
) -> Item:
    """One article given through the API or the upload form: its text, or a URL to fetch.

    With text, the URL is only the source the user claims: the page at that address is
    not this text, so it stays free for the real page to be ingested as its own article.
    """
    if not text:
        found = read_sources([url], published=published, outlet=outlet)
        return next(iter(found), SourceError(url, "no article at this address"))
    item = read_text(text, "submitted text")
    if isinstance(item, SourceError):
        return item
    return _checked(replace(item, title=title[:500] or item.title, claimed_url=url), published, outlet)


def read_upload(name: str, data: bytes, *, published: date | None = None, outlet: str = "") -> Item:
    """The first article of an uploaded file (text, HTML, feed or JSONL)."""
    suffix = Path(name).suffix.lower()
    if len(data) > max_chars() * 4:
        return SourceError(name, f"file of {len(data):,} bytes is over the size limit")
    if suffix in JSONL_SUFFIXES:
        try:
            line = next((ln for ln in decode(data).splitlines() if ln.strip()), "")
        except ValueError as exc:
            return SourceError(name, str(exc))
        items = [_jsonl_row(line, f"{name}:1", folder=None)] if line else [SourceError(name, "empty file")]
    else:
        items = list(read_bytes(data, name, kind=_kind(suffix, data)))
    item = items[0] if items else SourceError(name, "no article found")
    return _checked(item, published, outlet) if isinstance(item, RawArticle) else item
