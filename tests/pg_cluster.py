"""A throwaway PostgreSQL for ``make test-postgres``: ``python -m tests.pg_cluster -- COMMAND...``.

Creates a cluster in a temporary folder with Debian's ``initdb`` (``/usr/lib/postgresql/*/bin``), starts it on
127.0.0.1 only, on a free port, with trust authentication and no durability (a test database), runs COMMAND
with ``DISPUTE_BOT_TEST_POSTGRES_URL`` pointing at it, then stops the server and deletes the folder, whatever
COMMAND did (failed, interrupted, killed by SIGTERM). Exits with COMMAND's status; 4 when PostgreSQL is not
installed or would not start.

PostgreSQL refuses to run as root: as root, the server runs as the ``postgres`` user (which Debian's package
creates), through ``runuser``; the tests still connect over TCP as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from types import FrameType

from tests.bot.shared_db import POSTGRES_ENV
from tests.loopback import free_port

NOT_AVAILABLE = 4
SERVICE_USER = "postgres"


def find_bin() -> Path | None:
    """The newest installed server's bin folder (initdb and pg_ctl are not on PATH in Debian)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).resolve().parent if on_path else None


class Cluster:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="dispute-bot-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            account = pwd.getpwnam(SERVICE_USER)
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self.as_user = ["runuser", "-u", SERVICE_USER, "--"]
        self.started = False

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       cwd=self.root)

    def start(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C", "--no-sync")
        self.serve()

    def serve(self) -> None:
        """Start the server on the cluster made by ``start`` (again, after ``halt``: a database restarting)."""
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.root} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
                  "-w", "-t", "60", "start")
        self.started = True

    def halt(self, mode: str = "immediate") -> None:
        """Stop the server, keeping its data (``serve`` starts it again)."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")
        self.started = False

    def stop(self) -> None:
        try:
            if self.started:
                self.halt()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _stop_on_signal(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through the ``finally`` that stops the server


def main(argv: list[str]) -> int:
    command = argv[argv.index("--") + 1:] if "--" in argv else argv
    if not command:
        print("usage: python -m tests.pg_cluster -- COMMAND...", file=sys.stderr)
        return 2
    bindir = find_bin()
    if bindir is None:
        print("PostgreSQL is not installed (no initdb): apt-get install postgresql", file=sys.stderr)
        return NOT_AVAILABLE
    signal.signal(signal.SIGTERM, _stop_on_signal)
    cluster = Cluster(bindir)
    try:
        try:
            cluster.start()
        except (subprocess.CalledProcessError, OSError, KeyError) as exc:
            detail = exc.stderr.decode(errors="replace") if isinstance(exc, subprocess.CalledProcessError) else exc
            log = cluster.log.read_text(errors="replace") if cluster.log.exists() else ""
            print(f"PostgreSQL would not start: {detail}\n{log}", file=sys.stderr)
            return NOT_AVAILABLE
        print(f"PostgreSQL {bindir.parent.name} on 127.0.0.1:{cluster.port} (throwaway, {cluster.root})",
              file=sys.stderr)
        child = subprocess.Popen(command, env={**os.environ, POSTGRES_ENV: cluster.url})
        try:
            return child.wait()
        finally:
            if child.poll() is None:  # interrupted: the tests stop before their server does
                child.terminate()
                try:
                    child.wait(30)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
