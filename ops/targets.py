"""The database a backup is read from or restored into, independent of Django's connections.

A target is a Django-style settings dict (ENGINE, NAME, USER, PASSWORD, HOST, PORT). Backups and restores
talk to it through the engine's own tools (pg_dump/pg_restore, SQLite's online backup API) and a direct
connection, so a restore can go into a database other than the one the application runs on (for a trial
restore) and never depends on the state of Django's connection pool.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import environ
from django.conf import settings

# Tables that `migrate` fills on an empty database; rows there do not mean the database "holds data".
SCAFFOLD_TABLES = {"django_migrations", "django_content_type", "auth_permission", "django_site"}


class TargetError(Exception):
    """The target database cannot be read or written as asked."""


@dataclass
class Target:
    engine: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    @classmethod
    def from_settings(cls, db: dict[str, Any] | None = None) -> Target:
        db = db or settings.DATABASES["default"]
        engine = db["ENGINE"]
        return cls(
            engine="postgresql" if "postgresql" in engine else "sqlite" if "sqlite" in engine else engine,
            name=str(db["NAME"]),
            user=db.get("USER") or "",
            password=db.get("PASSWORD") or "",
            host=db.get("HOST") or "",
            port=str(db.get("PORT") or ""),
        )

    @classmethod
    def from_url(cls, url: str) -> Target:
        return cls.from_settings(environ.Env.db_url_config(url))

    # -- connections -------------------------------------------------------------------------------------
    def _pg_env(self) -> dict[str, str]:
        env = dict(os.environ)
        for key, value in (("PGHOST", self.host), ("PGPORT", self.port), ("PGUSER", self.user),
                           ("PGPASSWORD", self.password), ("PGDATABASE", self.name)):
            if value:
                env[key] = value
        return env

    def connect(self):
        if self.engine == "postgresql":
            import psycopg2

            kwargs = {"dbname": self.name, "user": self.user or None, "password": self.password or None,
                      "host": self.host or None, "port": self.port or None, "connect_timeout": 5}
            return psycopg2.connect(**{k: v for k, v in kwargs.items() if v is not None})
        if self.engine == "sqlite":
            return sqlite3.connect(self.name, timeout=20)
        raise TargetError(f"Unsupported database engine: {self.engine}")

    def describe(self) -> str:
        if self.engine == "postgresql":
            return f"PostgreSQL database {self.name!r} on {self.host or 'local socket'}:{self.port or 5432}"
        return f"SQLite file {self.name}"

    # -- inspection --------------------------------------------------------------------------------------
    def table_names(self) -> list[str]:
        conn = self.connect()
        try:
            cur = conn.cursor()
            if self.engine == "postgresql":
                cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
            else:
                cur.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                            "ORDER BY name")
            return [row[0] for row in cur.fetchall()]
        finally:
            conn.close()

    def row_counts(self) -> dict[str, int]:
        """Rows of every table (full-text shadow tables included), by exact COUNT(*)."""
        if self.engine == "sqlite" and not Path(self.name).exists():
            return {}
        tables = self.table_names()
        conn = self.connect()
        try:
            cur = conn.cursor()
            counts = {}
            for table in tables:
                cur.execute('SELECT COUNT(*) FROM "{}"'.format(table.replace('"', '""')))
                counts[table] = int(cur.fetchone()[0])
            return counts
        finally:
            conn.close()

    def holds_data(self) -> bool:
        return any(n for t, n in self.row_counts().items() if t not in SCAFFOLD_TABLES)

    def applied_migrations(self) -> list[str]:
        if "django_migrations" not in self.table_names():
            return []
        conn = self.connect()
        try:
            cur = conn.cursor()
            cur.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            return [f"{app}.{name}" for app, name in cur.fetchall()]
        finally:
            conn.close()

    # -- dump and load -----------------------------------------------------------------------------------
    def dump(self, path: Path) -> dict[str, int]:
        """Write the dump and return the row count of every table as the dump holds it.

        On PostgreSQL the counts and pg_dump read one exported snapshot, so rows written meanwhile by the
        running application cannot make the manifest disagree with the dump.
        """
        if self.engine == "postgresql":
            conn = self.connect()
            try:
                conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
                cur = conn.cursor()
                cur.execute("SELECT pg_export_snapshot()")
                snapshot = cur.fetchone()[0]
                cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
                counts = {}
                for (table,) in cur.fetchall():
                    cur.execute('SELECT COUNT(*) FROM "{}"'.format(table.replace('"', '""')))
                    counts[table] = int(cur.fetchone()[0])
                _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                      "--file", str(path)], env=self._pg_env(), what="pg_dump")
            finally:
                conn.rollback()
                conn.close()
            return counts
        if self.engine == "sqlite":
            source = sqlite3.connect(self.name, timeout=20)
            dest = sqlite3.connect(str(path))
            try:
                source.backup(dest)  # SQLite's online backup: a consistent copy while the app writes
            finally:
                dest.close()
                source.close()
            return Target(engine="sqlite", name=str(path)).row_counts()
        raise TargetError(f"Unsupported database engine: {self.engine}")

    def load(self, path: Path) -> None:
        """Replace the whole content of the target with the dump (the caller has checked it may)."""
        if self.engine == "postgresql":
            conn = self.connect()
            try:
                conn.autocommit = True
                cur = conn.cursor()
                cur.execute("DROP SCHEMA IF EXISTS public CASCADE")
                cur.execute("CREATE SCHEMA public")
            finally:
                conn.close()
            _run(["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
                  "--dbname", self.name, str(path)], env=self._pg_env(), what="pg_restore")
        elif self.engine == "sqlite":
            target = Path(self.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            tmp = target.with_name(target.name + ".restoring")
            shutil.copyfile(path, tmp)
            os.replace(tmp, target)
        else:
            raise TargetError(f"Unsupported database engine: {self.engine}")


def _run(cmd: list[str], env: dict[str, str], what: str) -> None:
    if shutil.which(cmd[0]) is None:
        raise TargetError(f"{cmd[0]} is not installed (package postgresql-client).")
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise TargetError(f"{what} failed: {proc.stderr.strip()[-2000:]}")
