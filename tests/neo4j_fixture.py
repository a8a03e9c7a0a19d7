"""A real Neo4j for the tests: the embedded Community engine of tests/neo4j_server.

A pytest plugin module. ``neo4j_uri`` (session scope) builds the Java launcher
once if needed (``mvn -q package dependency:copy-dependencies``), starts it on
a free port with its data in a temporary folder, waits for its ready line and
yields the Bolt URI; at the end of the session it stops the server (SIGTERM,
and closing its standard input, which also stops it if pytest dies).
``neo4j_clean`` (function scope) empties the database first, keeping
constraints and indexes.

Set ``DEALGRAPH_TEST_NEO4J_URI`` (plus ``NEO4J_USER``/``NEO4J_PASSWORD``) to
test against a server you run yourself, e.g. ``docker compose up -d``; note
that the tests then empty its database.

When the launcher cannot be built or started the tests are skipped with the
reason, except when the ``CI`` variable is set: there they fail.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

__all__ = [
    "LAUNCHER_DIR",
    "Launcher",
    "build_launcher",
    "start_launcher",
    "free_port",
    "neo4j_uri",
    "neo4j_clean",
    "neo4j_launcher",
    "neo4j_store",
    "neo4j_auth_uri",
    "AUTH_PASSWORD",
]

LAUNCHER_DIR = Path(__file__).resolve().parent / "neo4j_server"
MAIN_CLASS = "dealgraph.DealgraphNeo4j"
READY = "DEALGRAPH_NEO4J_READY"
JVM_FLAGS = (
    "-Xms128m",
    "-Xmx2g",  # a 50k-row transaction of the load holds a few hundred MB
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)
BUILD_TIMEOUT_S = 900
START_TIMEOUT_S = 300  # a busy 2-core machine took over 120 s to start it


class LauncherUnavailable(RuntimeError):
    """The launcher could not be built or started (the message says why)."""


def _outputs_fresh() -> bool:
    target = LAUNCHER_DIR / "target"
    marker = target / "classes" / "dealgraph" / "DealgraphNeo4j.class"
    deps = target / "dependency"
    if not marker.exists() or not deps.is_dir() or not any(deps.glob("neo4j-5*.jar")):
        return False
    sources = [LAUNCHER_DIR / "pom.xml", *LAUNCHER_DIR.glob("src/**/*.java")]
    return all(src.stat().st_mtime <= marker.stat().st_mtime for src in sources)


def build_launcher() -> Path:
    """Build the launcher unless it is up to date; return its folder.

    A file lock keeps two test runs from building at once.
    """
    if _outputs_fresh():
        return LAUNCHER_DIR
    mvn = shutil.which("mvn")
    if mvn is None or shutil.which("java") is None:
        raise LauncherUnavailable(
            "Java 17 and Maven are needed to build the Neo4j launcher "
            "(apt-get install -y openjdk-17-jdk-headless maven)"
        )
    (LAUNCHER_DIR / "target").mkdir(exist_ok=True)
    with open(LAUNCHER_DIR / "target" / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _outputs_fresh():
            return LAUNCHER_DIR
        cmd = [mvn, "-q", "-B", "package", "dependency:copy-dependencies"]
        try:
            done = subprocess.run(
                cmd,
                cwd=LAUNCHER_DIR,
                capture_output=True,
                text=True,
                timeout=BUILD_TIMEOUT_S,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as exc:
            raise LauncherUnavailable(f"`{' '.join(cmd)}` took over {BUILD_TIMEOUT_S}s") from exc
        if done.returncode != 0:
            tail = (done.stdout + done.stderr).strip().splitlines()[-15:]
            raise LauncherUnavailable(
                f"`{' '.join(cmd)}` in {LAUNCHER_DIR} failed:\n" + "\n".join(tail)
            )
        # touch the marker so sources edited before the build count as built
        (LAUNCHER_DIR / "target" / "classes" / "dealgraph" / "DealgraphNeo4j.class").touch()
    return LAUNCHER_DIR


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Launcher:
    """One running launcher process."""

    process: subprocess.Popen[bytes]
    port: int
    home: Path
    log: Path
    offset: int = 0

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def output(self) -> str:
        if not self.log.exists():
            return ""
        with open(self.log, "rb") as f:
            f.seek(self.offset)
            return f.read().decode("utf-8", errors="replace")

    def stop(self, *, kill: bool = False, timeout: float = 60) -> None:
        """Stop the server: SIGTERM (clean shutdown) or, with ``kill``, SIGKILL."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()


def start_launcher(
    home: Path,
    port: int | None = None,
    *,
    password: str | None = None,
    pagecache_mb: int | None = None,
    timeout: float = START_TIMEOUT_S,
) -> Launcher:
    """Start the launcher on ``port`` (a free one by default) with its data in ``home``.

    With ``password``, auth is on and user ``neo4j`` has that password.
    """
    folder = build_launcher()
    java = shutil.which("java")
    if java is None:
        raise LauncherUnavailable(
            "java is not on PATH (apt-get install -y openjdk-17-jdk-headless)"
        )
    port = port or free_port()
    home.mkdir(parents=True, exist_ok=True)
    log = home.parent / f"{home.name}.launcher.log"
    offset = log.stat().st_size if log.exists() else 0  # a restart appends to the same log
    classpath = (
        f"{folder / 'target' / 'classes'}{os.pathsep}{folder / 'target' / 'dependency' / '*'}"
    )
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [
                java,
                *JVM_FLAGS,
                "-cp",
                classpath,
                MAIN_CLASS,
                str(port),
                str(home),
                *([f"--password={password}"] if password else []),
                *([f"--pagecache={pagecache_mb}"] if pagecache_mb else []),
            ],
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    launcher = Launcher(process, port, home, log, offset)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if f"{READY} bolt://127.0.0.1:{port}" in launcher.output():
            return launcher
        if process.poll() is not None:
            break
        time.sleep(0.2)
    launcher.stop(kill=True)
    state = f"exited with {process.returncode}" if process.poll() is not None else "timed out"
    tail = "\n".join(launcher.output().splitlines()[-30:])
    raise LauncherUnavailable(
        f"the Neo4j launcher on port {port} {state} before its ready line (log {log}):\n{tail}"
    )


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"Neo4j is required in CI: {reason}", pytrace=False)
    pytest.skip(f"no Neo4j for the tests: {reason}")


@pytest.fixture(scope="session")
def neo4j_launcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launcher | None]:
    """The session's launcher (None when ``DEALGRAPH_TEST_NEO4J_URI`` names a server)."""
    if os.environ.get("DEALGRAPH_TEST_NEO4J_URI"):
        yield None
        return
    home = Path(tempfile.mkdtemp(prefix="neo4j-", dir=tmp_path_factory.getbasetemp()))
    try:
        launcher = start_launcher(home / "home")
    except LauncherUnavailable as exc:
        _unavailable(str(exc))
        return
    try:
        yield launcher
    finally:
        launcher.stop()


#: the password of user neo4j on the server of :func:`neo4j_auth_uri`
AUTH_PASSWORD = "dealgraph-test-password"


@pytest.fixture(scope="session")
def neo4j_auth_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second launcher with auth on (user neo4j, :data:`AUTH_PASSWORD`), for credential tests."""
    home = Path(tempfile.mkdtemp(prefix="neo4j-auth-", dir=tmp_path_factory.getbasetemp()))
    try:
        launcher = start_launcher(home / "home", password=AUTH_PASSWORD)
    except LauncherUnavailable as exc:
        _unavailable(str(exc))
        return
    try:
        yield launcher.uri
    finally:
        launcher.stop()


@pytest.fixture(scope="session")
def neo4j_uri(neo4j_launcher: Launcher | None) -> str:
    """The Bolt URI of a running Neo4j for this test session."""
    external = os.environ.get("DEALGRAPH_TEST_NEO4J_URI")
    return external or (neo4j_launcher.uri if neo4j_launcher else "")


def _auth() -> tuple[str, str] | None:
    """Credentials for ``DEALGRAPH_TEST_NEO4J_URI`` (none for the launcher: auth is off)."""
    password = os.environ.get("NEO4J_PASSWORD")
    if not os.environ.get("DEALGRAPH_TEST_NEO4J_URI") or not password:
        return None
    return (os.environ.get("NEO4J_USER") or "neo4j", password)


def empty_database(uri: str) -> None:
    """Delete every node and relationship; constraints and indexes stay."""
    import neo4j

    with neo4j.GraphDatabase.driver(uri, auth=_auth()) as driver, driver.session() as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


@pytest.fixture
def neo4j_clean(neo4j_uri: str) -> str:
    """The session's Neo4j, emptied for this test; yields its URI."""
    empty_database(neo4j_uri)
    return neo4j_uri


@pytest.fixture
def neo4j_store(neo4j_clean: str) -> Iterator[Any]:
    """A :class:`graph.store.neo4j.Neo4jStore` on the session's emptied Neo4j."""
    from graph.store.neo4j import Neo4jStore

    auth = _auth()
    store = Neo4jStore(
        neo4j_clean, user=auth[0] if auth else None, password=auth[1] if auth else None
    )
    try:
        yield store
    finally:
        store.close()


def main(argv: list[str] | None = None) -> None:
    """Run the launcher in the foreground for local use (``make neo4j``); Ctrl-C stops it."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m tests.neo4j_fixture",
        description="Run Neo4j 5.26 Community (embedded launcher) on 127.0.0.1, auth off.",
    )
    parser.add_argument("--port", type=int, default=7687)
    parser.add_argument("--home", type=Path, default=Path(".dealgraph") / "neo4j")
    parser.add_argument("--pagecache", type=int, default=256, help="page cache in MB")
    args = parser.parse_args(argv)
    _stop_on_signals()  # from here on Ctrl-C or SIGTERM is a clean stop, even mid-build
    try:
        raise SystemExit(_run_until_interrupted(_command(args)))
    except KeyboardInterrupt:
        print("stopped before Neo4j started")
        raise SystemExit(0) from None


def _command(args: Any) -> list[str]:
    """The launcher's command line for :func:`main` (building the launcher if needed)."""
    try:
        folder = build_launcher()
    except LauncherUnavailable as exc:
        raise SystemExit(f"error: {exc}") from None
    java = shutil.which("java") or "java"
    classpath = (
        f"{folder / 'target' / 'classes'}{os.pathsep}{folder / 'target' / 'dependency' / '*'}"
    )
    args.home.mkdir(parents=True, exist_ok=True)
    command = [
        java,
        *JVM_FLAGS,
        "-cp",
        classpath,
        MAIN_CLASS,
        str(args.port),
        str(args.home.resolve()),
        "--keep-running",
        f"--pagecache={args.pagecache}",
    ]
    print(f"starting Neo4j on bolt://127.0.0.1:{args.port} (data in {args.home}); Ctrl-C stops it")
    return command


def _run_until_interrupted(command: list[str]) -> int:
    """Run the launcher; Ctrl-C (or SIGTERM) stops it cleanly and counts as success.

    Stopping is what the user asked for, so this returns 0 once the server has
    shut down (``make`` would otherwise report the launcher's signal status, 130
    or 143, as an error), and the launcher's own status when it ends by itself.
    """
    running: list[subprocess.Popen[bytes]] = []
    stopping: list[int] = []

    def stop(signum: int, _frame: Any) -> None:
        # no exception here: the wait below resumes and sees the server go down
        if not stopping:
            stopping.append(signum)
            for process in running:
                with contextlib.suppress(ProcessLookupError):
                    process.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    process = subprocess.Popen(command)
    running.append(process)
    if stopping:  # a signal came while the launcher was being started
        process.send_signal(signal.SIGTERM)
    try:
        status = process.wait(timeout=None)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if stopping or status in STOPPED_BY_SIGNAL:
        print("Neo4j stopped")
        return 0
    return status


#: exit statuses of a launcher stopped by SIGINT or SIGTERM (the JVM exits 128 + signal)
STOPPED_BY_SIGNAL = (130, 143, -signal.SIGINT, -signal.SIGTERM)


def _stop_on_signals() -> None:
    """Make SIGTERM, like Ctrl-C, raise KeyboardInterrupt (until the launcher runs)."""

    def stop(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


if __name__ == "__main__":
    main()
