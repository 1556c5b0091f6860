#!/usr/bin/env python3
"""`make chaos`, disk full (issue 20): a release build serving from a database on a small
tmpfs that a filler file fills up and that is then freed, cycle after cycle, while
ratings are posted as residents post them; then a graceful stop, and a count of what is
stored. Prints one row per phase: the answers, how many were acknowledged (303), how
many of those are stored after the stop, and how many were lost. Needs root (mount).

  disk_full.py [--backend sqlite|postgres] [--cycles N] [--posts N] [--megabytes N]
"""
import argparse
import collections
import http.client
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

BINARY = "target/release/opendoor"
TOKEN = re.compile(r'name="token" value="([^"]+)"')


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, data


def rate(port, n):
    """Posts rating n (a 差评 every third); returns the status."""
    # Spread over the 24 demo officers and many client addresses, so no rate limit is met.
    path = f"/o/{n // 8 % 3 + 1}0000{n % 8 + 1}"
    status, page = request(port, "GET", path)
    token = TOKEN.search(page).group(1) if status == 200 else "missing"
    level = ["1", "4", "5"][n % 3]
    fields = [("token", token), ("level", level), ("service_type", "counter"),
              ("comment", f"chaos rating {n}")]
    if level == "1":
        fields.append(("problems", "rude"))
    body = urllib.parse.urlencode(fields)
    headers = {"content-type": "application/x-www-form-urlencoded",
               "x-forwarded-for": f"10.{n // 60000 % 250}.{n // 250 % 240}.{n % 250 + 1}"}
    status, _ = request(port, "POST", path, body, headers)
    return status


def fill(folder):
    """Writes a file until the file system has no byte left; returns its path."""
    path = os.path.join(folder, "filler")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    for size in (1 << 20, 1 << 16, 1 << 12):
        chunk = b"\0" * size
        try:
            while True:
                os.write(fd, chunk)
        except OSError:
            pass
    try:
        os.close(fd)
    except OSError:
        pass
    return path


def wait_ready(port, server, log):
    for _ in range(300):
        if server.poll() is not None:
            sys.exit(f"the server stopped during start-up:\n{open(log).read()}")
        try:
            status, _ = request(port, "GET", "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"the server did not start:\n{open(log).read()}")


def psql(sql, database="postgres"):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-At",
                           "-c", sql], check=True, capture_output=True, text=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--cycles", type=int, default=3)
    parser.add_argument("--posts", type=int, default=12, help="ratings per phase")
    parser.add_argument("--megabytes", type=int, default=24)
    parser.add_argument("--port", type=int, default=3300)
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("disk_full.py needs root to mount a tmpfs")

    work = tempfile.mkdtemp(prefix="opendoor-chaos-")
    # PostgreSQL's server runs as its own user and must reach the tablespace below.
    os.chmod(work, 0o755)
    mount = os.path.join(work, "disk")
    os.mkdir(mount)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={args.megabytes}m", "tmpfs", mount],
                   check=True)
    name = "chaos_" + uuid.uuid4().hex[:12]
    env = dict(os.environ, LEPTOS_SITE_ROOT="target/site", OPENDOOR_DEMO_PASSWORD="chaos-password",
               OPENDOOR_DEMO_BARE="true",
               OPENDOOR_AUDIT_KEY="chaos-audit-key-0123456789",
               OPENDOOR_MAIL_DIR=os.path.join(work, "mail"), RUST_LOG="warn")
    if args.backend == "sqlite":
        database = os.path.join(mount, "opendoor.db")
        env["DATABASE_URL"] = f"sqlite://{database}"
    else:
        space = os.path.join(mount, "pg")
        os.mkdir(space)
        shutil.chown(space, "postgres", "postgres")
        shutil.chown(mount, "postgres", "postgres")
        psql(f"CREATE TABLESPACE {name} LOCATION '{space}'")
        psql(f"CREATE DATABASE {name} TABLESPACE {name}")
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    log = os.path.join(work, "server.log")
    server = None
    try:
        server = subprocess.Popen([BINARY, "serve", "--demo", "--trust-forwarded-for",
                                   "--addr", f"127.0.0.1:{args.port}"],
                                  env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)
        wait_ready(args.port, server, log)
        phases = []
        n = 0

        def phase(label, posts, until_refused=False):
            """Posts `posts` ratings; with `until_refused`, until `posts` were refused
            (what still fits in free pages is taken), at most 400."""
            nonlocal n
            answers = collections.Counter()
            acknowledged = []
            sent = 0
            while (answers[503] < posts and sent < 400) if until_refused else sent < posts:
                status = rate(args.port, n)
                answers[status] += 1
                if status == 303:
                    acknowledged.append(n)
                n += 1
                sent += 1
            phases.append((label, answers, acknowledged))

        phase("before", 3)
        for cycle in range(1, args.cycles + 1):
            filler = fill(mount)
            phase(f"disk full ({cycle})", args.posts, until_refused=True)
            readyz, _ = request(args.port, "GET", "/readyz")
            phases[-1][1][f"readyz {readyz}"] += 1
            os.remove(filler)
            phase(f"space freed ({cycle})", args.posts)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        stopped_cleanly = server.returncode == 0

        if args.backend == "sqlite":
            db = sqlite3.connect(database)
            stored = lambda i: db.execute("SELECT COUNT(*) FROM ratings WHERE comment = ?",
                                          (f"chaos rating {i}",)).fetchone()[0]
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        else:
            rows = psql("SELECT comment FROM ratings WHERE comment LIKE 'chaos rating %'", name)
            present = collections.Counter(rows.splitlines())
            stored = lambda i: present[f"chaos rating {i}"]
            integrity = "n/a"

        print(f"\n== disk full, {args.backend} on a {args.megabytes} MB tmpfs, {args.cycles} cycles")
        print(f"{'phase':<20} {'answers':<34} {'acknowledged':>12} {'stored':>7} {'lost':>5} {'5xx other than 503':>19}")
        total_lost = 0
        total_500 = 0
        for label, answers, acknowledged in phases:
            kept = sum(1 for i in acknowledged if stored(i) == 1)
            lost = len(acknowledged) - kept
            bad = sum(c for s, c in answers.items() if isinstance(s, int) and s >= 500 and s != 503)
            total_lost += lost
            total_500 += bad
            shown = " ".join(f"{s}×{c}" for s, c in sorted(answers.items(), key=str))
            print(f"{label:<20} {shown:<34} {len(acknowledged):>12} {kept:>7} {lost:>5} {bad:>19}")
        print(f"graceful stop: {'exit 0' if stopped_cleanly else f'exit {server.returncode}'}; integrity_check: {integrity}")
        failures = []
        if total_lost:
            failures.append(f"{total_lost} acknowledged ratings lost")
        if total_500:
            failures.append(f"{total_500} answers were 5xx other than 503")
        if not stopped_cleanly:
            failures.append("the server did not stop cleanly")
        if integrity not in ("ok", "n/a"):
            failures.append(f"integrity_check: {integrity}")
        if not any(a[503] for label, a, _ in phases if label.startswith("disk full")):
            failures.append("the full disk never refused a rating (the test did not fill it)")
        unexpected = sum(c for _, a, _ in phases for s, c in a.items()
                         if isinstance(s, int) and s not in (303, 503))
        if unexpected:
            failures.append(f"{unexpected} answers were neither 303 nor 503")
        for label, answers, acknowledged in phases:
            if label.startswith("space freed") and len(acknowledged) != args.posts:
                failures.append(f"{label}: writes did not resume ({len(acknowledged)} of {args.posts})")
        if failures:
            print("server log (tail):\n" + "".join(open(log).readlines()[-40:]))
            sys.exit("FAILED: " + "; ".join(failures))
        print("OK: 0 lost, writes resumed after every cycle")
    finally:
        if server and server.poll() is None:
            server.kill()
            server.wait()
        if args.backend == "postgres":
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-c",
                            f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-c",
                            f"DROP TABLESPACE IF EXISTS {name}"], capture_output=True)
        subprocess.run(["umount", "-l", mount])
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
