"""ingest.fetch: the guarded fetch. Every server here listens on loopback only, serves a
bounded number of bytes and is stopped by its fixture."""

import gzip
import socket
import threading
import time
import tracemalloc

import pytest
import urllib3.util.connection
from requests_hardened import ip_filter_adapter

from ingest.fetch import CANNOT_FETCH, FetchRefused, fetch

LIMIT = 100_000


class Server:
    """A TCP listener on loopback that records each connection it accepts and hands it
    to ``handler(conn, server)``; also on [::1] at the same port when ``ipv6``."""

    def __init__(self, handler=None, *, ipv6=False):
        self.handler = handler or http_handler(200, b"served", content_type="text/plain")
        self.accepted = []  # peer addresses
        self.requests = []  # request heads read by http_handler
        self.stopping = threading.Event()
        self.listeners = [self._listen(socket.AF_INET, "127.0.0.1", 0)]
        self.port = self.listeners[0].getsockname()[1]
        self.ipv6 = False
        if ipv6 and socket.has_ipv6:
            try:
                self.listeners.append(self._listen(socket.AF_INET6, "::1", self.port))
                self.ipv6 = True
            except OSError:
                pass
        self.threads = [threading.Thread(target=self._accept, args=(s,), daemon=True) for s in self.listeners]
        for thread in self.threads:
            thread.start()

    @staticmethod
    def _listen(family, host, port):
        sock = socket.socket(family, socket.SOCK_STREAM)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind((host, port))
        sock.listen(16)
        sock.settimeout(0.05)
        return sock

    def _accept(self, listener):
        give_up = time.monotonic() + 60
        while not self.stopping.is_set() and time.monotonic() < give_up:
            try:
                conn, peer = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted.append(peer)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        with conn:
            conn.settimeout(5)
            try:
                self.handler(conn, self)
            except OSError:
                pass  # the client went away

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(5)
        for listener in self.listeners:
            listener.close()


def read_head(conn, server):
    head = b""
    while b"\r\n\r\n" not in head and len(head) < 16_384:
        data = conn.recv(4096)
        if not data:
            break
        head += data
    server.requests.append(head.decode("latin-1"))
    return head


def http_handler(status, body=b"", *, content_type="text/html", headers=()):
    def handle(conn, server):
        read_head(conn, server)
        lines = [f"HTTP/1.1 {status} X", f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
        lines += [*headers, "Connection: close", "", ""]
        conn.sendall("\r\n".join(lines).encode() + body)

    return handle


def trickle_handler(head, body=b""):
    """Sends ``head`` then ``body``; each byte of the part named slow 0.2 s apart."""

    def handle(conn, server):
        read_head(conn, server)
        fast, slow = (b"", head + body) if not body else (head, body)
        conn.sendall(fast)
        for byte in slow:
            if server.stopping.wait(0.2):
                return
            conn.sendall(bytes([byte]))

    return handle


@pytest.fixture
def serve():
    servers = []

    def start(handler=None, **kwargs):
        servers.append(Server(handler, **kwargs))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture(autouse=True)
def guarded(settings):
    settings.PARLEY_FETCH_ALLOW_PRIVATE = False


@pytest.fixture
def private_allowed(settings):
    settings.PARLEY_FETCH_ALLOW_PRIVATE = True


@pytest.fixture
def news_example(monkeypatch):
    """Lets the library's host filter treat one name, news.example, as a public host
    at 127.0.0.1; every other host still goes through the real filter."""
    real = ip_filter_adapter.filter_host

    def filter_host(hostname, port, *, allow_loopback):
        if hostname == "news.example":
            return "127.0.0.1"
        return real(hostname, port, allow_loopback=allow_loopback)

    monkeypatch.setattr(ip_filter_adapter, "filter_host", filter_host)


@pytest.fixture
def no_connections(monkeypatch):
    """Fails the test on any attempt to open a connection (and so sends no traffic to
    addresses that are not this machine's)."""

    def refuse(address, *args, **kwargs):
        raise AssertionError(f"a connection to {address} was attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib3.util.connection, "create_connection", refuse)


def refused(url, **kwargs):
    kwargs.setdefault("max_bytes", LIMIT)
    with pytest.raises(FetchRefused) as info:
        fetch(url, **kwargs)
    return str(info.value)


# --- addresses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "form",
    [
        "127.0.0.1",
        "localhost",
        "[::1]",
        "0.0.0.0",
        "2130706433",
        "0x7f000001",
        "[::ffff:127.0.0.1]",
        "127.1",
        "[::127.0.0.1]",  # IPv4-compatible: requests-hardened lets it through, we do not
    ],
)
def test_loopback_in_any_form_is_refused_without_connecting(serve, form):
    server = serve(ipv6=True)
    if form == "[::1]" and not server.ipv6:
        pytest.skip("cannot listen on [::1] here")
    assert refused(f"http://{form}:{server.port}/") == CANNOT_FETCH
    assert server.accepted == []


@pytest.mark.parametrize(
    "host",
    [
        "169.254.169.254",
        "10.0.0.1",
        "192.168.1.1",
        "172.16.0.1",
        "100.64.0.1",
        "224.0.0.1",
        "[fe80::1]",
        "[fc00::1]",
        "[fec0::1]",  # site-local: requests-hardened lets it through, we do not
        "[::ffff:0:7f00:1]",  # IPv4-translated, likewise
    ],
)
def test_private_and_special_addresses_are_refused_without_connecting(no_connections, host):
    started = time.monotonic()
    assert refused(f"http://{host}/latest/meta-data/") == CANNOT_FETCH
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1:{port}/",
        "gopher://127.0.0.1:{port}/_GET",
        "javascript:alert(1)",
        "http:///etc/passwd",
        "http://user:secret@127.0.0.1:{port}/",
        "http://news.example@127.0.0.1:{port}/",
    ],
)
def test_other_schemes_no_host_and_credentials_are_refused(serve, private_allowed, url):
    server = serve()  # private addresses allowed: only the URL check stands in the way
    assert refused(url.format(port=server.port)) == CANNOT_FETCH
    assert server.accepted == []


def test_the_filter_is_on_by_default(serve, settings):
    del settings.PARLEY_FETCH_ALLOW_PRIVATE
    server = serve()
    assert refused(server.url()) == CANNOT_FETCH
    assert server.accepted == []


# --- redirects ---------------------------------------------------------------------------


def test_a_redirect_to_a_private_address_is_refused(serve, news_example):
    target = serve()
    public = serve(http_handler(302, headers=[f"Location: http://127.0.0.1:{target.port}/admin"]))
    assert refused(f"http://news.example:{public.port}/story") == CANNOT_FETCH
    assert len(public.requests) == 1  # the first hop was allowed
    assert target.accepted == []


def test_a_redirect_to_a_file_is_refused(serve, news_example):
    public = serve(http_handler(302, headers=["Location: file:///etc/passwd"]))
    assert refused(f"http://news.example:{public.port}/story") == CANNOT_FETCH
    assert len(public.requests) == 1


def test_redirects_stop_after_five(serve, private_allowed):
    def handle(conn, server):
        read_head(conn, server)
        hop = len(server.requests)
        conn.sendall(f"HTTP/1.1 302 X\r\nLocation: /hop{hop}\r\nContent-Length: 0\r\n\r\n".encode())

    server = serve(handle)
    assert refused(server.url()) == CANNOT_FETCH
    assert len(server.requests) == 6  # the first request and five redirects


# --- the page itself ---------------------------------------------------------------------


def test_a_page_is_fetched_when_private_addresses_are_allowed(serve, private_allowed):
    def handle(conn, server):
        head = read_head(conn, server)
        if head.startswith(b"GET /old "):
            conn.sendall(b"HTTP/1.1 302 X\r\nLocation: /new\r\nSet-Cookie: session=abc\r\nContent-Length: 0\r\n\r\n")
        else:
            body = b"<p>Talks in Geneva</p>"
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n")
            conn.sendall(b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))

    server = serve(handle)
    page = fetch(server.url("/old"), max_bytes=LIMIT)
    assert page.data == b"<p>Talks in Geneva</p>"
    assert page.content_type == "text/html; charset=utf-8"
    assert page.final_url == server.url("/new")
    assert all("User-Agent: Parley/1.0\r\n" in head for head in server.requests)
    assert not any("cookie:" in head.lower() for head in server.requests)  # no cookie kept, even on a redirect


def test_an_http_error_says_its_status(serve, private_allowed):
    server = serve(http_handler(404, b"not here"))
    assert refused(server.url()) == "HTTP 404"


# --- deadline ----------------------------------------------------------------------------

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 40\r\n\r\n"


TLS_RECORD = b"\x16\x03\x03\x00\x40" + b"\x02" * 64  # a handshake record of 64 bytes


@pytest.mark.parametrize("slow", ["head", "body", "tls"])
def test_a_trickling_server_is_cut_off_at_the_deadline(serve, private_allowed, slow):
    body = b"x" * 40
    handler = {
        "head": trickle_handler(HEAD + body),
        "body": trickle_handler(HEAD, body),
        "tls": trickle_handler(TLS_RECORD),  # the TLS handshake, one byte at a time
    }[slow]
    server = serve(handler)
    url = server.url().replace("http:", "https:") if slow == "tls" else server.url()
    started = time.monotonic()
    message = refused(url, deadline=1.5)
    assert time.monotonic() - started < 2.5
    assert "too long" in message


# --- size --------------------------------------------------------------------------------


def test_a_body_over_the_limit_is_refused(serve, private_allowed):
    server = serve(http_handler(200, b"x" * 5_000))
    assert "over the size limit" in refused(server.url(), max_bytes=1_000)


def test_a_body_over_the_limit_without_content_length_is_refused(serve, private_allowed):
    def handle(conn, server):
        read_head(conn, server)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n" + b"x" * 5_000)

    server = serve(handle)
    assert "over the size limit" in refused(server.url(), max_bytes=1_000)


def test_a_gzip_bomb_is_refused_without_inflating_it(serve, private_allowed):
    member = gzip.compress(b"\0" * 10_000_000, compresslevel=9)  # about 10 KB
    bomb = member * 100  # gzip allows members one after another: 1 GB once inflated
    assert len(bomb) < 2_000_000

    def handle(conn, server):
        read_head(conn, server)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n")
        conn.sendall(b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(bomb))
        conn.sendall(bomb)

    server = serve(handle)
    tracemalloc.start()
    try:
        message = refused(server.url(), max_bytes=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "over the size limit" in message
    assert peak < 20_000_000


def test_a_gzip_page_within_the_limit_is_decoded(serve, private_allowed):
    server = serve(http_handler(200, gzip.compress(b"<p>hello</p>"), headers=["Content-Encoding: gzip"]))
    assert fetch(server.url(), max_bytes=LIMIT).data == b"<p>hello</p>"


# --- ports that do not answer HTTP: one message, whatever happened -----------------------


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(data):
    def handle(conn, server):
        conn.sendall(data)

    return handle


@pytest.mark.parametrize(
    "handler",
    [
        answers(b"-ERR not http\r\n"),
        answers(b"J\x00\x00\x00\n5.7.44\x00\x08\x00\x00\x00abcdefgh\x00\xff\xf7\x08\x02\x00"),  # like MySQL
        answers(b""),  # closes at once
    ],
    ids=["redis-like", "mysql-like", "closes"],
)
def test_a_port_that_speaks_another_protocol_reads_like_a_closed_one(serve, private_allowed, handler):
    closed = refused(f"http://127.0.0.1:{closed_port()}/")
    server = serve(handler)
    assert refused(server.url()) == closed == CANNOT_FETCH
    assert len(server.accepted) == 1
