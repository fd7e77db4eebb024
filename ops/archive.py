"""Backup archives: write one, check one, restore one.

An archive is a gzip-compressed tar file holding `manifest.json`, the database dump (`database.pgdump`, the
custom format of pg_dump, or `database.sqlite3`, SQLite's online backup) and every media file under
`media/`. The manifest names the application version, the applied migrations, the row count of every table,
the SHA-256 of the dump and of every media file, and the time. With a passphrase the whole archive is
encrypted with age (scrypt passphrase recipient, through pyrage); age authenticates what it decrypts, so a
tampered encrypted archive fails to open. An unencrypted archive is checked member by member against the
manifest's checksums.

Restoring checks everything first (readable, decrypts, manifest complete, every checksum right) and touches
the target only after that; then it compares every table's row count and every media file's checksum with the
manifest and reports each difference.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from .targets import Target

FORMAT_VERSION = 1
AGE_MAGIC = b"age-encryption.org/v1"
LAST_SUCCESS_FILE = "last-success.json"


class ArchiveError(Exception):
    """The archive cannot be used: unreadable, wrongly encrypted, incomplete or tampered with."""


class RestoreRefused(Exception):
    """The target may not be overwritten (it holds data and FORCE was not given)."""


@dataclass
class RestoreReport:
    manifest: dict[str, Any]
    differences: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_checksums(root: Path) -> dict[str, str]:
    """SHA-256 of every file under the media root, by POSIX path relative to it."""
    root = Path(root)
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256_file(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("wildlife-seizure-db")
    except Exception:  # the project is not installed as a distribution (e.g. a copied tree)
        return "unknown"


# -- writing ------------------------------------------------------------------------------------------------
def create_backup(
    backup_dir: Path | None = None,
    passphrase: str | None = None,
    target: Target | None = None,
    media_root: Path | None = None,
    now: datetime | None = None,
) -> Path:
    """Write one archive into `backup_dir` and return its path."""
    backup_dir = Path(backup_dir or settings.BACKUP_DIR)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    target = target or Target.from_settings()
    passphrase = settings.BACKUP_PASSPHRASE if passphrase is None else passphrase
    now = now or datetime.now(UTC)
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    dump_name = "database.pgdump" if target.engine == "postgresql" else "database.sqlite3"
    with tempfile.TemporaryDirectory(prefix="wsdb-backup-") as tmp:
        tmp_path = Path(tmp)
        dump_path = tmp_path / dump_name
        counts = target.dump(dump_path)
        files = media_checksums(media_root)
        manifest = {
            "format": FORMAT_VERSION,
            "application": "wildlife-seizure-db",
            "version": _version(),
            "created_at": now.isoformat(),
            "database": {
                "engine": target.engine,
                "file": dump_name,
                "sha256": sha256_file(dump_path),
                "migrations": target.applied_migrations(),
                "row_counts": counts,
            },
            "media": {"files": files, "count": len(files)},
            "encrypted": bool(passphrase),
        }
        tar_path = tmp_path / "archive.tar.gz"
        with tarfile.open(tar_path, "w:gz") as tar:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(now.timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump_path, arcname=dump_name)
            for rel in files:
                tar.add(media_root / rel, arcname=f"media/{rel}")
        name = f"wildlife-{stamp}.tar.gz" + (".age" if passphrase else "")
        final = backup_dir / name
        partial = backup_dir / (name + ".partial")
        if passphrase:
            _encrypt_file(tar_path, partial, passphrase)
        else:
            shutil.copyfile(tar_path, partial)
        os.replace(partial, final)  # an archive is either complete or absent
    (backup_dir / LAST_SUCCESS_FILE).write_text(
        json.dumps({"archive": final.name, "finished_at": datetime.now(UTC).isoformat(),
                    "size": final.stat().st_size})
    )
    return final


def _encrypt_file(src: Path, dest: Path, passphrase: str) -> None:
    import pyrage

    dest.write_bytes(pyrage.passphrase.encrypt(src.read_bytes(), passphrase))


def _decrypt_file(src: Path, dest: Path, passphrase: str) -> None:
    import pyrage

    try:
        dest.write_bytes(pyrage.passphrase.decrypt(src.read_bytes(), passphrase))
    except Exception as exc:  # pyrage raises DecryptError (and others for a damaged header)
        raise ArchiveError(
            "The archive cannot be decrypted: the passphrase is wrong or the archive is damaged."
        ) from exc


# -- checking -----------------------------------------------------------------------------------------------
def open_archive(path: Path, workdir: Path, passphrase: str | None = None) -> dict[str, Any]:
    """Decrypt and unpack `path` into `workdir`, check it against its manifest, return the manifest."""
    path = Path(path)
    if not path.is_file():
        raise ArchiveError(f"No such archive: {path}")
    passphrase = settings.BACKUP_PASSPHRASE if passphrase is None else passphrase
    with open(path, "rb") as fh:
        head = fh.read(len(AGE_MAGIC))
    tar_path = path
    if head == AGE_MAGIC:
        if not passphrase:
            raise ArchiveError("The archive is encrypted: set BACKUP_PASSPHRASE to restore it.")
        tar_path = workdir / "archive.tar.gz"
        _decrypt_file(path, tar_path, passphrase)
    unpack = workdir / "unpacked"
    unpack.mkdir()
    try:
        with tarfile.open(tar_path, "r:gz") as tar:
            tar.extractall(unpack, filter="data")  # refuses absolute paths, links out of the folder
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        raise ArchiveError(f"The archive is unreadable or truncated: {exc}") from exc
    manifest_path = unpack / "manifest.json"
    if not manifest_path.is_file():
        raise ArchiveError("The archive has no manifest.json.")
    try:
        manifest = json.loads(manifest_path.read_text())
        db = manifest["database"]
        db_file, db_sum, counts = db["file"], db["sha256"], db["row_counts"]
        files = manifest["media"]["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ArchiveError(f"The manifest is incomplete: {exc}") from exc
    if not isinstance(counts, dict) or not isinstance(files, dict):
        raise ArchiveError("The manifest is incomplete: row counts or media list missing.")
    dump = unpack / db_file
    if not dump.is_file():
        raise ArchiveError(f"The archive has no database dump ({db_file}).")
    if sha256_file(dump) != db_sum:
        raise ArchiveError("The database dump does not match its checksum in the manifest.")
    media_dir = unpack / "media"
    present = media_checksums(media_dir)
    for rel, digest in files.items():
        if rel not in present:
            raise ArchiveError(f"The media file {rel} named in the manifest is missing from the archive.")
        if present[rel] != digest:
            raise ArchiveError(f"The media file {rel} does not match its checksum in the manifest.")
    extra = sorted(set(present) - set(files))
    if extra:
        raise ArchiveError(f"The archive holds files the manifest does not name: {', '.join(extra[:5])}")
    return manifest


def verify_archive(path: Path, passphrase: str | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="wsdb-verify-") as tmp:
        return open_archive(path, Path(tmp), passphrase)


# -- restoring ----------------------------------------------------------------------------------------------
def restore_backup(
    path: Path,
    target: Target | None = None,
    media_root: Path | None = None,
    passphrase: str | None = None,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> RestoreReport:
    target = target or Target.from_settings()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    say = progress or (lambda _msg: None)
    with tempfile.TemporaryDirectory(prefix="wsdb-restore-") as tmp:
        work = Path(tmp)
        manifest = open_archive(Path(path), work, passphrase)  # raises before anything is touched
        say(f"Archive checked: {len(manifest['database']['row_counts'])} tables, "
            f"{manifest['media']['count']} media files, made {manifest['created_at']}.")
        engine = manifest["database"]["engine"]
        if engine != target.engine:
            raise ArchiveError(f"The archive holds a {engine} database; the target is {target.engine}.")
        if not force:
            if target.holds_data():
                raise RestoreRefused(f"{target.describe()} already holds data. Restore with FORCE=1 to replace it.")
            if media_root.exists() and any(p.is_file() for p in media_root.rglob("*")):
                raise RestoreRefused(f"The media folder {media_root} is not empty. Restore with FORCE=1 to replace it.")
        unpack = work / "unpacked"
        say(f"Restoring the database into {target.describe()} ...")
        target.load(unpack / manifest["database"]["file"])
        say(f"Restoring {manifest['media']['count']} media files into {media_root} ...")
        if force and media_root.exists():
            for child in media_root.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        media_root.mkdir(parents=True, exist_ok=True)
        src_media = unpack / "media"
        for rel in manifest["media"]["files"]:
            dest = media_root / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src_media / rel, dest)
    return RestoreReport(manifest=manifest, differences=compare_with_manifest(manifest, target, media_root))


def compare_with_manifest(manifest: dict[str, Any], target: Target, media_root: Path) -> list[str]:
    differences = []
    expected = manifest["database"]["row_counts"]
    actual = target.row_counts()
    for table in sorted(set(expected) | set(actual)):
        if expected.get(table) != actual.get(table):
            differences.append(
                f"table {table}: {expected.get(table)} rows in the archive, {actual.get(table)} restored"
            )
    files = manifest["media"]["files"]
    present = media_checksums(media_root)
    for rel, digest in sorted(files.items()):
        if present.get(rel) != digest:
            differences.append(f"media file {rel}: checksum differs or file missing")
    return differences


# -- retention ----------------------------------------------------------------------------------------------
def prune_backups(backup_dir: Path | None = None, keep_daily: int | None = None,
                  keep_monthly: int | None = None) -> list[Path]:
    """Keep the newest archive of each of the last N days and of each of the last M months; delete the rest."""
    backup_dir = Path(backup_dir or settings.BACKUP_DIR)
    keep_daily = settings.BACKUP_KEEP_DAILY if keep_daily is None else keep_daily
    keep_monthly = settings.BACKUP_KEEP_MONTHLY if keep_monthly is None else keep_monthly
    archives = sorted(
        (p for p in backup_dir.glob("wildlife-*.tar.gz*") if not p.name.endswith(".partial")),
        key=lambda p: p.name, reverse=True,
    )
    keep: set[Path] = set()
    days: dict[str, Path] = {}
    months: dict[str, Path] = {}
    for p in archives:  # newest first
        stamp = p.name.split("-", 1)[1][:8]  # YYYYMMDD
        days.setdefault(stamp, p)
        months.setdefault(stamp[:6], p)
    keep.update(list(days.values())[:keep_daily])
    keep.update(list(months.values())[:keep_monthly])
    removed = [p for p in archives if p not in keep]
    for p in removed:
        p.unlink()
    return removed


def last_success(backup_dir: Path | None = None) -> dict[str, Any] | None:
    path = Path(backup_dir or settings.BACKUP_DIR) / LAST_SUCCESS_FILE
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None
