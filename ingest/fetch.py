"""The one way Parley fetches a URL: GET over http(s) with the address guarded, a total
deadline, a size limit and a generic refusal message.

The address filter is requests-hardened's: it resolves the host once, refuses private,
loopback, link-local, multicast and reserved addresses (IPv4-mapped IPv6 included) and
connects to the address it checked; as redirects are followed here, hop by hop, through
the same adapter, every hop is checked again. On that same pinned address we also refuse
the IPv6 ranges the library lets through (found by probing version 1.3.0): the reserved
``::/8`` beyond ``::`` and ``::1`` (IPv4-compatible ``::127.0.0.1``, IPv4-translated
``::ffff:0:7f00:1``) and the deprecated site-local ``fec0::/10``.

Every failure to reach a server (address refused, connection refused or reset, a port
that speaks another protocol, TLS, too many redirects) gets the same message, so that
the message cannot be used to scan ports; the detail goes to the "parley.fetch" log.
"""

import http.client
import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from django.conf import settings
from requests.adapters import HTTPAdapter
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import InvalidIPAddress
from requests_hardened.ip_filter_adapter import IPFilterAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

log = logging.getLogger("parley.fetch")

USER_AGENT = "Parley/1.0"
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
CANNOT_FETCH = "this address cannot be fetched"
TOO_SLOW = "the page took too long to fetch"
# urllib3 decodes these with bounded output per read (so a gzip bomb is not inflated
# into memory); anything else would reach us still encoded.
DECODABLE = {"", "identity", "gzip", "x-gzip", "deflate"}
REDIRECTS = {301, 302, 303, 307, 308}


class FetchRefused(Exception):
    """The URL was not fetched; str() is a message fit for the user."""


@dataclass(frozen=True)
class Fetched:
    data: bytes
    content_type: str
    final_url: str


def fetch(url: str, *, max_bytes: int, deadline: float | None = None) -> Fetched:
    """GET ``url`` and return its body, decoded from gzip/deflate, of at most ``max_bytes``.

    ``deadline`` (seconds, default ``settings.PARLEY_FETCH_DEADLINE`` or 30) bounds the
    whole fetch, redirects included, except DNS look-ups, which the resolver bounds.
    Raises FetchRefused for anything but a 2xx page within the limits.
    """
    if deadline is None:
        deadline = getattr(settings, "PARLEY_FETCH_DEADLINE", 30)
    guard = not getattr(settings, "PARLEY_FETCH_ALLOW_PRIVATE", False)
    end = time.monotonic() + deadline
    watchdog = _Watchdog(deadline)
    with ExitStack() as stack:
        stack.enter_context(watchdog)
        try:
            response = _follow(url, end, lambda: stack.enter_context(_session(watchdog, guard)))
            with response:
                data = _read_body(response, url, max_bytes, watchdog)
        except FetchRefused:
            raise
        except (
            requests.RequestException,
            urllib3.exceptions.HTTPError,
            http.client.HTTPException,
            OSError,
            ValueError,
        ) as exc:
            if watchdog.expired or time.monotonic() >= end:
                raise _refused(url, f"deadline of {deadline}s passed ({exc!r})", TOO_SLOW) from None
            raise _refused(url, repr(exc)) from None
        if watchdog.stop():  # fired before we were done: the body may have been cut short
            raise _refused(url, f"deadline of {deadline}s passed", TOO_SLOW)
    return Fetched(data=data, content_type=response.headers.get("Content-Type", ""), final_url=response.url)


def _follow(url: str, end: float, new_session: Callable[[], requests.Session]) -> requests.Response:
    """The first response that is not a redirect; each hop's URL is checked first and its
    address by the adapter. Each hop has a session of its own, so that nothing (a cookie,
    a kept-alive connection the server may have closed meanwhile) goes from one to the next."""
    for _hop in range(MAX_REDIRECTS + 1):
        _check_url(url)
        remaining = end - time.monotonic()
        if remaining <= 0:
            raise _refused(url, "deadline passed between redirects", TOO_SLOW)
        session = new_session()
        response = session.get(url, stream=True, allow_redirects=False, timeout=(remaining, remaining))
        location = session.get_redirect_target(response) if response.status_code in REDIRECTS else None
        if location is None:
            return response
        response.close()
        url = urljoin(response.url, location)
    raise _refused(url, f"more than {MAX_REDIRECTS} redirects")


def _check_url(url: str) -> None:
    """Only http(s), with a host and no credentials; refused before any connection."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise _refused(url, f"scheme {parts.scheme!r} is not fetched")
    if not parts.hostname:
        raise _refused(url, "no host")
    if "@" in parts.netloc:
        raise _refused(url, "credentials in the URL")
    parts.port  # noqa: B018 - raises ValueError on a port that is not one


def _read_body(response: requests.Response, url: str, max_bytes: int, watchdog: "_Watchdog") -> bytes:
    if not 200 <= response.status_code < 300:
        raise _refused(url, f"status {response.status_code}", f"HTTP {response.status_code}")
    too_big = f"the page is over the size limit of {max_bytes:,} bytes"
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    if encoding not in DECODABLE:
        raise _refused(url, f"content encoding {encoding!r}", f"unsupported content encoding {encoding!r}")
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise _refused(url, f"Content-Length {length}", too_big)
    chunks, total = [], 0
    while chunk := response.raw.read(min(CHUNK, max_bytes + 1 - total), decode_content=True):
        total += len(chunk)
        if total > max_bytes:
            raise _refused(url, f"body over {max_bytes} bytes", too_big)
        if watchdog.expired:
            raise _refused(url, "deadline passed while reading the body", TOO_SLOW)
        chunks.append(chunk)
    return b"".join(chunks)


def _refused(url: str, detail: str, message: str = CANNOT_FETCH) -> FetchRefused:
    before, at, after = url.partition("@")
    if at:  # keep credentials out of the log
        url = before.partition("//")[0] + "//***@" + after
    log.warning("fetch of %s refused: %s", url, detail)
    return FetchRefused(message)


def _session(watchdog: "_Watchdog", guard: bool) -> requests.Session:
    """A new session (so no cookie is kept), no proxy or .netrc from the environment,
    our adapters for both schemes."""
    config = Config(
        ip_filter_enable=False,  # our adapters below filter (or not, when private is allowed)
        ip_filter_allow_loopback_ips=False,
        never_redirect=True,  # _follow checks each hop itself
        default_timeout=None,
        user_agent_override=USER_AGENT,
    )
    session = HTTPSession(config)
    session.trust_env = False
    session.headers["Accept-Encoding"] = "gzip, deflate"
    session.mount("http://", _Adapter(watchdog, guard, https=False))
    session.mount("https://", _Adapter(watchdog, guard, https=True))
    return session


def _forbidden_too(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """What requests-hardened 1.3.0 lets through and we refuse."""
    if ip.version == 6 and ip.ipv4_mapped is None:
        return ip.is_reserved or ip.is_site_local
    return False


class _Adapter(IPFilterAdapter):
    """requests-hardened's filtering adapter, plus a check of our own on the address it
    pinned, and connections whose sockets the watchdog can shut down."""

    def __init__(self, watchdog: "_Watchdog", guard: bool, *, https: bool):
        self._watchdog = watchdog  # before super().__init__, which calls init_poolmanager
        self._guard = guard
        super().__init__(is_https_proto=https)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": partial(_HTTPPool, watchdog=self._watchdog),
            "https": partial(_HTTPSPool, watchdog=self._watchdog),
        }

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        if not self._guard:
            return HTTPAdapter.build_connection_pool_key_attributes(self, request, verify, cert)
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        ip = ipaddress.ip_address(host_params["host"].strip("[]"))
        if _forbidden_too(ip):
            raise InvalidIPAddress(ip)
        return host_params, pool_kwargs


class _Watched:
    """A urllib3 connection that hands each socket it opens to the watchdog."""

    def __init__(self, *args, watchdog: "_Watchdog", **kwargs):
        super().__init__(*args, **kwargs)
        self._watchdog = watchdog

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        self._watchdog.watch(sock)
        return sock


class _WatchedHTTPConnection(_Watched, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection  # the pool passes its extra keywords (watchdog=) on to it


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _Watchdog:
    """Shuts down every socket of one fetch when its deadline passes, so that a blocked
    connect, TLS handshake or read returns at once: the per-read timeout alone would let
    a server that trickles a byte at a time hold the fetch for ever.

    It keeps a duplicate of each socket: shutdown() acts on the connection behind all
    its descriptors, and TLS wrapping detaches the original socket object."""

    def __init__(self, seconds: float):
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._stopped = False
        self.expired = False

    def __enter__(self) -> "_Watchdog":
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
        for sock in self._sockets:
            sock.close()

    def watch(self, sock: socket.socket) -> None:
        duplicate = sock.dup()
        with self._lock:
            self._sockets.append(duplicate)
            if self.expired:
                _shut(duplicate)

    def stop(self) -> bool:
        """Stop watching; whether the deadline had already passed."""
        self._timer.cancel()
        with self._lock:
            self._stopped = True
            return self.expired

    def _expire(self) -> None:
        with self._lock:
            if self._stopped:
                return
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed by the other end
