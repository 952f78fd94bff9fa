"""Abuse check: while one account submits slow pages, huge articles and a burst of
submissions, do /health/ and / still answer within a second?

    .venv/bin/python bench/abuse.py [--seconds 40] [--workers 3]

gunicorn with production settings on 127.0.0.1 over a throwaway database with the demo
data; the submission runner (manage.py read_submissions) reads the queue beside it, as
in a deployment. The "slow pages" are a server on 127.0.0.1 that sends a byte a second
(private addresses are allowed for this run only, so that the worker really fetches
them). Every loop is bounded in time and count, and everything stops by itself.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.throwaway import throwaway_database  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LIMIT_SECONDS = 1.0  # what /health/ and / must keep answering within
GOOD = "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Nairobi on Monday to discuss trade. "


class Trickler:
    """Answers every connection one byte a second, for at most ``seconds``."""

    def __init__(self, seconds: float):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.5)
        self.until = time.monotonic() + seconds
        self.connections = 0
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/slow.html"
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while time.monotonic() < self.until:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            threading.Thread(target=self.trickle, args=(conn,), daemon=True).start()

    def trickle(self, conn):
        with conn:
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + b"<p>x</p>" * 1000:
                if time.monotonic() > self.until:
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(1)


def request(url, *, data=None, token=None, timeout=30) -> tuple[int, float]:
    headers = {"Content-Type": "application/json"} if data is not None else {}
    if token:
        headers["Authorization"] = f"Token {token}"
    body = json.dumps(data).encode() if data is not None else None
    started = time.monotonic()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=timeout) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except OSError:
        status = 0  # no answer
    return status, time.monotonic() - started


def attacker(name, url, token, payloads, until, results, pause):
    """Submit ``payloads`` in turn until time is up (at most 200 requests)."""
    codes = results.setdefault(name, {})
    for n in range(200):
        if time.monotonic() > until:
            return
        status, _ = request(url, data=payloads(n), token=token)
        codes[status] = codes.get(status, 0) + 1
        time.sleep(pause)


def probe(url, until, latencies):
    """GET ``url`` four times a second until time is up; (status, seconds, when) each."""
    start = time.monotonic()
    while time.monotonic() < until:
        status, seconds = request(url, timeout=10)
        latencies.append((status, seconds, time.monotonic() - start))
        time.sleep(0.25)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=40)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8124)
    parser.add_argument(
        "--submit-rate", default="", help="PARLEY_SUBMIT_RATE for the run (default: the setting's), e.g. 1000/hour"
    )
    args = parser.parse_args()

    with throwaway_database() as connection:
        from django.contrib.auth.models import User
        from django.core.management import call_command
        from rest_framework.authtoken.models import Token

        from ingest.submissions import database_url

        call_command("load_demo", verbosity=0)
        user = User.objects.create_user("abuser", password="a-long-passphrase")
        token = Token.objects.create(user=user).key
        env = {
            **os.environ,
            "DATABASE_URL": database_url(connection.settings_dict),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "abuse-check-only-" + "k7Q" * 14),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "PARLEY_ANON_RATE": "1000000/minute",  # the probes measure the server, not the throttle
            "PARLEY_SUBMISSION_RUNNER": "external",  # the runner below, so that this script can stop it
            "PARLEY_FETCH_ALLOW_PRIVATE": "1",  # the slow pages are on loopback
            "PARLEY_LOG_LEVEL": "WARNING",
        }
        if args.submit_rate:  # to see what the queue does when the account is not held back
            env["PARLEY_SUBMIT_RATE"] = args.submit_rate
        quiet = {"cwd": ROOT, "env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput"], check=True, **quiet)
        url = f"http://127.0.0.1:{args.port}"
        server = subprocess.Popen(
            [BIN / "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers)],
            **quiet,
        )
        runner = subprocess.Popen([sys.executable, "manage.py", "read_submissions", "--forever"], **quiet)
        try:
            for _ in range(100):
                if request(url + "/health/", timeout=2)[0] == 200:
                    break
                time.sleep(0.2)
            for _ in range(4 * args.workers):  # every worker has loaded the views before the clock starts
                for path in ("/health/", "/"):
                    request(url + path, timeout=30)
            trickler = Trickler(args.seconds + 5)
            until = time.monotonic() + args.seconds
            results, probes = {}, {"/health/": [], "/": []}
            huge = "Talks\n\n" + GOOD * (199_000 // len(GOOD))
            submit = url + "/api/articles/"
            attacks = {  # name: (the n-th request's body, the pause after each)
                "slow pages": (lambda n: {"url": f"{trickler.url}?{n}"}, 1.0),
                "199,000-character articles": (lambda n: {"text": f"{huge} {n}"}, 2.0),
                "burst of submissions": (lambda n: {"text": f"{GOOD} {n}"}, 0.0),
            }
            threads = [threading.Thread(target=probe, args=(url + path, until, probes[path])) for path in probes]
            threads += [
                threading.Thread(target=attacker, args=(name, submit, token, body, until, results, pause))
                for name, (body, pause) in attacks.items()
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(args.seconds + 60)
            with connection.cursor() as cursor:
                cursor.execute("SELECT state, count(*) FROM ingest_submission GROUP BY state ORDER BY state")
                queue = dict(cursor.fetchall())
        finally:
            runner.terminate()
            server.terminate()
            runner.wait(timeout=30)
            server.wait(timeout=30)
            connection.close()

    rate = args.submit_rate or "the default submission rate"
    print(f"{args.seconds} s of abuse from one account ({rate}) against gunicorn ({args.workers} workers)")
    print(f"{'submissions':<30}{'sent':>6}{'202':>6}{'429':>6}{'other':>7}")
    for name, codes in results.items():
        other = sum(n for code, n in codes.items() if code not in (202, 429))
        print(f"{name:<30}{sum(codes.values()):>6}{codes.get(202, 0):>6}{codes.get(429, 0):>6}{other:>7}")
    print(f"slow-page connections the worker made: {trickler.connections}; queue at the end: {queue}")
    print(f"{'probe':<12}{'requests':>9}{'errors':>8}{'p50 ms':>8}{'p99 ms':>8}{'max ms':>8}{'at s':>6}  under 1 s")
    failed = False
    for path, rows in probes.items():
        times = sorted(seconds for _, seconds, _ in rows)
        errors = sum(1 for status, _, _ in rows if status != 200)
        slowest_at = max(rows, key=lambda row: row[1])[2]
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        ok = errors == 0 and times[-1] <= LIMIT_SECONDS
        failed |= not ok
        print(
            f"{path:<12}{len(rows):>9}{errors:>8}{statistics.median(times) * 1000:>8.0f}{p99 * 1000:>8.0f}"
            f"{times[-1] * 1000:>8.0f}{slowest_at:>6.0f}  {'yes' if ok else 'NO'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
