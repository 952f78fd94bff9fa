"""Load test: gunicorn with production settings on 127.0.0.1, locust headless for a
bounded time, then requests per second, p50/p99 latency and errors per endpoint.

    .venv/bin/python bench/load.py [--seconds 30] [--users 20] [--workers 3]

Uses the configured database with the demo data (loaded if missing); stops by itself.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8123)
    args = parser.parse_args()

    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "load-test-only-" + "k" * 40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "PARLEY_ANON_RATE": "1000000/minute",  # measure the server, not the throttle
        "PARLEY_LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [BIN / "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/health/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        with tempfile.TemporaryDirectory() as out:
            subprocess.run(
                [BIN / "locust", "-f", ROOT / "bench" / "locustfile.py", "--headless", "--host", url,
                 "-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s",
                 "--csv", f"{out}/load", "--only-summary", "--loglevel", "ERROR"],
                cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            rows = list(csv.DictReader(open(f"{out}/load_stats.csv")))
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{args.users} users for {args.seconds} s against gunicorn ({args.workers} workers), production settings")
    print(f"{'endpoint':<22}{'requests':>10}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'errors':>8}")
    for row in rows:
        print(
            f"{row['Name']:<22}{row['Request Count']:>10}{float(row['Requests/s']):>8.1f}"
            f"{row['50%']:>8}{row['99%']:>8}{row['Failure Count']:>8}"
        )
    errors = sum(int(r["Failure Count"]) for r in rows if r["Name"] == "Aggregated")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
