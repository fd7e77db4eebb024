"""Backups that restore: a real PostgreSQL database and media folder, restored into a second empty database.

Needs PostgreSQL (pg_dump reads committed data, so these tests commit): skipped locally without it, failing in
CI (REQUIRE_SERVICES=1). The SQLite tests run everywhere.
"""
from __future__ import annotations

import io
import sqlite3
import tarfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from ops.archive import ArchiveError, RestoreRefused, create_backup, media_checksums, restore_backup, verify_archive
from ops.targets import Target
from seizures.models import Attachment
from tests.conftest import unavailable
from tests.factories import CaseFactory, PersonFactory, SeizedItemFactory, add_party

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")
SURNAME = "Жумабеков"


@pytest.fixture
def pg_source(transactional_db, settings, tmp_path):
    if connection.vendor != "postgresql":
        unavailable("backup/restore of PostgreSQL needs a PostgreSQL test database (set DATABASE_URL)")
    settings.MEDIA_ROOT = tmp_path / "media"
    case = CaseFactory()
    SeizedItemFactory(case=case, quantity=Decimal("4.5"))
    SeizedItemFactory(case=case)
    add_party(case, PersonFactory(agency=case.agency, full_name=f"{SURNAME} Нурлан Асанович"))
    Attachment.objects.create(case=case, file=ContentFile(PNG, name="horn.png"), description="photo")
    Attachment.objects.create(case=case, file=ContentFile(b"%PDF-1.4 protocol", name="protocol.pdf"))
    (settings.MEDIA_ROOT / "permits").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "permits" / "signed-KG-2024-001.pdf").write_bytes(b"%PDF-1.4 signed permit")
    return Target.from_settings(connection.settings_dict), settings.MEDIA_ROOT


def test_postgresql_backup_restores_into_an_empty_database(pg_source, empty_pg, tmp_path):
    source, media = pg_source
    archive = create_backup(backup_dir=tmp_path / "backups", passphrase="", target=source, media_root=media)
    manifest = verify_archive(archive, passphrase="")
    assert manifest["database"]["row_counts"]["seizures_case"] == 1
    assert manifest["database"]["row_counts"]["seizures_attachment"] == 2
    assert len(manifest["media"]["files"]) == 3
    assert any(m.startswith("seizures.") for m in manifest["database"]["migrations"])

    restored_media = tmp_path / "restored-media"
    report = restore_backup(archive, target=empty_pg, media_root=restored_media, passphrase="")
    assert report.ok, report.differences
    assert empty_pg.row_counts() == source.row_counts()
    assert media_checksums(restored_media) == media_checksums(media)


def test_encrypted_archive_hides_names_and_refuses_another_passphrase(pg_source, empty_pg, tmp_path):
    source, media = pg_source
    archive = create_backup(backup_dir=tmp_path / "b", passphrase="correct horse battery", target=source,
                            media_root=media)
    assert archive.name.endswith(".tar.gz.age")
    raw = archive.read_bytes()
    assert SURNAME.encode() not in raw and b"Zhumabekov" not in raw and b"PNG" not in raw
    empty_before = empty_pg.row_counts()
    with pytest.raises(ArchiveError, match="passphrase"):
        restore_backup(archive, target=empty_pg, media_root=tmp_path / "m", passphrase="wrong horse")
    with pytest.raises(ArchiveError, match="BACKUP_PASSPHRASE"):
        restore_backup(archive, target=empty_pg, media_root=tmp_path / "m", passphrase="")
    assert empty_pg.row_counts() == empty_before and not (tmp_path / "m").exists()
    report = restore_backup(archive, target=empty_pg, media_root=tmp_path / "m", passphrase="correct horse battery")
    assert report.ok, report.differences
    assert empty_pg.row_counts()["seizures_person"] == source.row_counts()["seizures_person"]


def test_truncated_and_tampered_archives_leave_the_target_untouched(pg_source, tmp_path):
    source, media = pg_source
    archive = create_backup(backup_dir=tmp_path / "b", passphrase="", target=source, media_root=media)
    counts = source.row_counts()
    sums = media_checksums(media)

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(ArchiveError, match="unreadable or truncated"):
        restore_backup(truncated, target=source, media_root=media, passphrase="", force=True)

    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive, "r:gz") as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else None
            if member.name.endswith("signed-KG-2024-001.pdf"):
                data = b"%PDF-1.4 forged permit!"
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data) if data is not None else None)
    with pytest.raises(ArchiveError, match="checksum"):
        restore_backup(tampered, target=source, media_root=media, passphrase="", force=True)

    assert source.row_counts() == counts
    assert media_checksums(media) == sums


def test_restore_into_a_database_holding_data_needs_force(pg_source, tmp_path):
    source, media = pg_source
    archive = create_backup(backup_dir=tmp_path / "b", passphrase="", target=source, media_root=media)
    CaseFactory()  # written after the backup: the restore must bring the database back to the archive
    counts = source.row_counts()
    with pytest.raises(RestoreRefused, match="FORCE=1"):
        restore_backup(archive, target=source, media_root=media, passphrase="")
    assert source.row_counts() == counts
    connection.close()  # the restore drops the schema under the test's connection
    report = restore_backup(archive, target=source, media_root=media, passphrase="", force=True)
    assert report.ok, report.differences
    assert source.row_counts()["seizures_case"] == counts["seizures_case"] - 1


def test_restore_command_exits_non_zero_and_names_the_problem(pg_source, tmp_path):
    source, media = pg_source
    bad = tmp_path / "bad.tar.gz"
    bad.write_bytes(b"\x1f\x8b\x08 not really an archive")
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("restore", str(bad))


# -- SQLite -------------------------------------------------------------------------------------------------
def _sqlite_db(path: Path) -> Target:
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app TEXT, name TEXT, applied TEXT);"
        "INSERT INTO django_migrations (app, name, applied) VALUES ('seizures', '0001_initial', '2026-01-01');"
        "CREATE TABLE seizures_case (id INTEGER PRIMARY KEY, reference TEXT);"
        "INSERT INTO seizures_case (reference) VALUES ('KG-CUS-2026-000001'), ('KG-CUS-2026-000002');"
        "CREATE TABLE seizures_person (id INTEGER PRIMARY KEY, full_name TEXT);"
        f"INSERT INTO seizures_person (full_name) VALUES ('{SURNAME} Нурлан');"
    )
    conn.commit()
    conn.close()
    return Target(engine="sqlite", name=str(path))


def test_sqlite_backup_restores_and_verifies(tmp_path):
    source = _sqlite_db(tmp_path / "live.sqlite3")
    media = tmp_path / "media"
    (media / "attachments" / "2026").mkdir(parents=True)
    (media / "attachments" / "2026" / "horn.png").write_bytes(PNG)
    archive = create_backup(backup_dir=tmp_path / "b", passphrase="s3cret", target=source, media_root=media)
    assert SURNAME.encode() not in archive.read_bytes()

    target = Target(engine="sqlite", name=str(tmp_path / "restored" / "db.sqlite3"))
    report = restore_backup(archive, target=target, media_root=tmp_path / "m2", passphrase="s3cret")
    assert report.ok, report.differences
    assert target.row_counts() == source.row_counts() == {"django_migrations": 1, "seizures_case": 2,
                                                          "seizures_person": 1}
    assert media_checksums(tmp_path / "m2") == media_checksums(media)

    with pytest.raises(RestoreRefused):
        restore_backup(archive, target=target, media_root=tmp_path / "m3", passphrase="s3cret")


def test_retention_keeps_daily_and_monthly_archives(tmp_path):
    from ops.archive import prune_backups

    names = [f"wildlife-2026{m:02d}{d:02d}T011500Z.tar.gz" for m in (9, 10, 11) for d in (1, 10, 20, 28)]
    for n in names:
        (tmp_path / n).write_bytes(b"x")
    removed = prune_backups(tmp_path, keep_daily=3, keep_monthly=3)
    kept = sorted(p.name for p in tmp_path.glob("wildlife-*"))
    assert kept == sorted(["wildlife-20261128T011500Z.tar.gz", "wildlife-20261120T011500Z.tar.gz",
                           "wildlife-20261110T011500Z.tar.gz", "wildlife-20261028T011500Z.tar.gz",
                           "wildlife-20260928T011500Z.tar.gz"])
    assert len(removed) == len(names) - 5
