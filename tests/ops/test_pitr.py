"""Point-in-time recovery with pgBackRest, exercised on a test-owned PostgreSQL cluster.

The cluster is made with the server's own `initdb` on a free port, archives its WAL with the archiving settings of
`deploy/postgres/archiving.sql` and backs up with the options of `deploy/postgres/pgbackrest.conf` (only the paths,
port and account are the test's own). The test writes rows, notes the moment, then makes the mistake the README's
procedure is for (a wrong DELETE), restores to the noted moment and reads the rows back.

Needs `pgbackrest` and the PostgreSQL server binaries: skipped locally without them, failing in CI
(REQUIRE_SERVICES=1; `.ci/run` installs pgbackrest).
"""
from __future__ import annotations

import configparser
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import unavailable

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "postgres"
STANZA = "wildlife"


def _server_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A throw-away PostgreSQL cluster run as the `postgres` account when the tests run as root."""

    def __init__(self, root: Path, bindir: Path) -> None:
        self.root = root
        self.bindir = bindir
        self.data = root / "data"
        self.port = _free_port()
        self.conf = root / "pgbackrest.conf"
        self.env = {"PGBACKREST_CONFIG": str(self.conf), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                    "HOME": str(root), "LC_ALL": "C.UTF-8"}

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = list(args)
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", "env", *[f"{k}={v}" for k, v in self.env.items()], *cmd]
            env = None
        else:
            env = {**os.environ, **self.env}
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180)
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
        return result

    def pg(self, tool: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return self.run(str(self.bindir / tool), *args, **kwargs)

    def sql(self, statement: str) -> str:
        out = self.pg("psql", "-X", "-At", "-h", str(self.root), "-p", str(self.port), "-d", "postgres",
                      "-v", "ON_ERROR_STOP=1", "-c", statement)
        return out.stdout.strip()

    def start(self) -> None:
        self.pg("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "-t", "120",
                "-o", f"-p {self.port} -k {self.root} -c listen_addresses=''", "start")

    def stop(self) -> None:
        self.pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def pgbackrest(self, *args: str) -> subprocess.CompletedProcess:
        return self.run("pgbackrest", f"--stanza={STANZA}", *args)


def _write_pgbackrest_conf(cluster: Cluster) -> None:
    """The deployed configuration, with the test's paths, port and account in place of the container's."""
    conf = configparser.ConfigParser(interpolation=None)
    conf.optionxform = str  # pgBackRest option names are case-sensitive
    conf.read(DEPLOY / "pgbackrest.conf")
    assert conf.has_section(STANZA), "deploy/postgres/pgbackrest.conf has no [wildlife] stanza"
    for key, value in {"repo1-path": cluster.root / "repo", "lock-path": cluster.root / "lock",
                       "log-path": cluster.root / "log", "spool-path": cluster.root / "spool"}.items():
        conf["global"][key] = str(value)
    conf[STANZA].update({"pg1-path": str(cluster.data), "pg1-port": str(cluster.port),
                         "pg1-socket-path": str(cluster.root), "pg1-user": "postgres", "pg1-database": "postgres"})
    with cluster.conf.open("w") as fh:
        conf.write(fh)


def _archiving_statements() -> list[str]:
    text = re.sub(r"(?m)^\s*--.*$", "", (DEPLOY / "archiving.sql").read_text())
    return [s.strip() for s in text.split(";") if s.strip()]


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    bindir = _server_bin()
    if bindir is None or not shutil.which("pgbackrest"):
        unavailable("point-in-time recovery needs pgbackrest and the PostgreSQL server binaries")
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            unavailable("running as root, and there is no postgres account to run a cluster as")
    root = Path(tempfile.mkdtemp(prefix="pitr-"))
    root.chmod(0o755)
    if os.geteuid() == 0:
        os.chown(root, owner.pw_uid, owner.pw_gid)
    c = Cluster(root, bindir)
    _write_pgbackrest_conf(c)
    c.pg("initdb", "-D", str(c.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
    try:
        yield c
    finally:
        c.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_restore_to_a_moment_before_a_wrong_delete(cluster: Cluster) -> None:
    cluster.start()
    statements = _archiving_statements()
    assert any("archive_command" in s and "archive-push" in s for s in statements)
    for statement in statements:
        cluster.sql(statement)
    cluster.stop()
    cluster.start()  # archiving settings take effect after a restart, as the README says
    assert cluster.sql("SHOW archive_mode") == "on"

    cluster.pgbackrest("stanza-create")
    cluster.pgbackrest("check")
    cluster.pgbackrest("--type=full", "backup")

    cluster.sql("CREATE TABLE seizure (id int PRIMARY KEY, reference text NOT NULL)")
    cluster.sql("INSERT INTO seizure SELECT g, 'KG-2026-' || g FROM generate_series(1, 500) g")
    cluster.sql("SELECT pg_switch_wal()")
    time.sleep(1.1)
    target = cluster.sql("SELECT now()")
    time.sleep(1.1)
    cluster.sql("DELETE FROM seizure WHERE id > 20")  # the mistake
    cluster.sql("INSERT INTO seizure VALUES (9001, 'written after the mistake')")
    cluster.sql("SELECT pg_switch_wal()")
    cluster.pgbackrest("check")  # waits until the segment holding the mistake is archived
    assert cluster.sql("SELECT count(*) FROM seizure") == "21"

    cluster.stop()
    cluster.pgbackrest("--delta", "--type=time", f"--target={target}", "--target-action=promote", "restore")
    cluster.start()
    for _ in range(120):  # recovery replays the archive, then promotes
        if cluster.sql("SELECT pg_is_in_recovery()") == "f":
            break
        time.sleep(0.5)
    assert cluster.sql("SELECT pg_is_in_recovery()") == "f"
    assert cluster.sql("SELECT count(*) FROM seizure") == "500"
    assert cluster.sql("SELECT count(*) FROM seizure WHERE id = 9001") == "0"
    assert cluster.sql("SELECT reference FROM seizure WHERE id = 500") == "KG-2026-500"
