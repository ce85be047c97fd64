"""Encrypted loading onto real FAT32 loop devices: the archive opens in the real 7-Zip
with the returned password, the manifest and the ledger rows agree, the loan and the
medium are loaded and the trail holds no password; splitting per investigator; counts of
UTF-8, BOM and CP932 CSVs; retrieval of sealed passwords, each logged."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.models.loads import Load, LoadArchive
from ledger_tui.domain.errors import DomainError
from ledger_tui.domain.loads import LoadState
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState
from ledger_tui.services.loading.load import load_medium, plan_load
from ledger_tui.services.loading.progress import LoadProgress
from ledger_tui.services.loading.records import (
    loads_of_loan,
    retrieve_password,
    save_password_notice_pdf,
    show_load,
)
from ledger_tui.services.trail import verify as audit
from ledger_tui.system.secrets.passwords import is_generated_form
from tests.loading.conftest import Desk, run_7z
from tests.loading.data import AREAS, address_csv, random_file
from tests.printing import pdftools


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _trail(desk: Desk) -> list[AuditEntry]:
    with desk.ledger.read_session() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def test_load_opens_in_7zip_and_is_recorded(desk: Desk, tmp_path: Path, seven_zip: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    csv_file = address_csv(source / "住所録.csv", 120)
    photo = random_file(source / "案内図.pdf", 300_000)
    plan = plan_load([csv_file, photo])
    assert plan.total_records == 121 and len(plan.archives) == 1

    result = load_medium(
        desk.ledger,
        desk.actor,
        desk.control_number,
        desk.path,
        [csv_file, photo],
        expected_records=plan.total_records,
    )

    assert result.total_records == 121
    (archive,) = result.archives
    assert archive.name == "税-USB-101.zip" and is_generated_form(archive.password)
    assert [f.name for f in archive.files] == ["住所録.csv", "案内図.pdf"]
    assert [f.records for f in archive.files] == [120, 1]
    assert {f.name: f.method for f in archive.files} == {
        "住所録.csv": "deflate",
        "案内図.pdf": "stored",
    }
    # on the stick, opened by the contractor's tool with the password shown once
    assert [f.name for f in desk.stick.list_files()] == [archive.name]
    copy = tmp_path / "copy.zip"
    with desk.stick.open(archive.name) as handle:
        copy.write_bytes(handle.read())
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == archive.sha256
    out = tmp_path / "out"
    done = run_7z(seven_zip, "x", f"-p{archive.password}", f"-o{out}", copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _sha(out / "住所録.csv") == _sha(csv_file) == archive.files[0].sha256
    assert _sha(out / "案内図.pdf") == _sha(photo) == archive.files[1].sha256
    assert run_7z(seven_zip, "t", "-pWRONG-PASSWORD", copy).returncode != 0

    # the ledger: load verified with its manifest; loan and medium loaded
    view = show_load(desk.ledger, result.load_id)
    assert view.state is LoadState.VERIFIED and view.records == 121
    assert view.detected_serial == str(desk.device.backing)
    (row,) = view.archives
    assert (row.name, row.size, row.sha256, row.records) == (
        archive.name,
        archive.size,
        archive.sha256,
        121,
    )
    assert row.files == tuple((f.name, f.size, f.sha256, f.records) for f in archive.files)
    assert desk.loan_view().state is LoanState.LOADED
    assert desk.medium_state() is MediumState.LOADED
    with desk.ledger.read_session() as session:
        sealed = session.scalars(select(LoadArchive.sealed_password)).one()
    assert archive.password not in sealed

    # the trail: intact, with the manifest and never the password
    assert audit.verify_trail(desk.ledger).ok
    actions = [e.action for e in _trail(desk)]
    assert actions[-3:] == ["medium.state", "loan.loaded", "load.verified"]
    assert actions.count("load.started") == 1
    verified = next(e for e in _trail(desk) if e.action == "load.verified")
    details = json.loads(verified.details)
    assert details["records"] == 121
    assert details["archives"][0]["sha256"] == archive.sha256
    assert all(archive.password not in e.details for e in _trail(desk))
    assert "password" not in repr(result)


def test_split_gives_each_investigator_an_archive_and_password(
    sqlite_desk: Desk, tmp_path: Path, seven_zip: Path
) -> None:
    desk = sqlite_desk
    csv_file = address_csv(tmp_path / "住所録.csv", 31, areas=True)
    plan = plan_load([csv_file], "地区")
    assert [a.split_key for a in plan.archives] == list(AREAS)
    assert [a.records for a in plan.archives] == [11, 10, 10]

    result = load_medium(
        desk.ledger, desk.actor, desk.control_number, desk.path, [csv_file], split_column="地区"
    )

    names = [a.name for a in result.archives]
    assert names == [f"税-USB-101_{area}.zip" for area in AREAS]
    assert len({a.password for a in result.archives}) == 3
    assert [a.records for a in result.archives] == [11, 10, 10]
    assert sorted(f.name for f in desk.stick.list_files()) == sorted(names)
    for index, archive in enumerate(result.archives):
        copy = tmp_path / archive.name
        with desk.stick.open(archive.name) as handle:
            copy.write_bytes(handle.read())
        other = result.archives[(index + 1) % 3].password
        assert run_7z(seven_zip, "t", f"-p{other}", copy).returncode != 0
        out = tmp_path / f"out{index}"
        done = run_7z(seven_zip, "x", f"-p{archive.password}", f"-o{out}", copy)
        assert done.returncode == 0, done.stdout + done.stderr
        (part,) = list(out.iterdir())
        assert part.name == f"住所録_{archive.split_key}.csv"
        lines = part.read_text("utf-8").splitlines()
        assert lines[0].startswith("地区,") and len(lines) == archive.records + 1
        assert {line.split(",")[0] for line in lines[1:]} == {archive.split_key}
    view = show_load(desk.ledger, result.load_id)
    assert view.split_column == "地区"
    assert [(a.split_key, a.records) for a in view.archives] == [
        (a.split_key, a.records) for a in result.archives
    ]


def test_counts_utf8_bom_and_cp932(sqlite_desk: Desk, tmp_path: Path) -> None:
    desk = sqlite_desk
    files = [
        address_csv(tmp_path / "a.csv", 5, encoding="utf-8"),
        address_csv(tmp_path / "b.csv", 7, encoding="utf-8-sig"),
        address_csv(tmp_path / "c.csv", 9, encoding="cp932"),
    ]
    plan = plan_load(files)
    counted = [(f.records, f.encoding) for f in plan.archives[0].files]
    assert counted == [(5, "utf-8"), (7, "utf-8-sig"), (9, "cp932")]
    result = load_medium(desk.ledger, desk.actor, desk.control_number, desk.path, files)
    assert result.total_records == 21
    assert [(f.records, f.encoding) for f in result.archives[0].files] == counted


def test_password_retrieval_is_logged_each_time(sqlite_desk: Desk, tmp_path: Path) -> None:
    desk = sqlite_desk
    csv_file = address_csv(tmp_path / "住所録.csv", 3)
    result = load_medium(desk.ledger, desk.actor, desk.control_number, desk.path, [csv_file])
    password = result.archives[0].password
    for _ in range(2):
        assert retrieve_password(desk.ledger, desk.actor, result.load_id) == password
    # a notice that cannot be written takes no number and is not logged
    with pytest.raises(DomainError):
        save_password_notice_pdf(
            desk.ledger, desk.actor, result.load_id, tmp_path / "no-such-dir" / "n.pdf"
        )
    notice = save_password_notice_pdf(
        desk.ledger, desk.actor, result.load_id, tmp_path / "notice.pdf", result.archives[0].name
    )
    assert notice.stat().st_mode & 0o777 == 0o600
    printed = "".join(pdftools.text(notice).split())
    assert result.archives[0].name in printed
    # Printed with its hyphens; pdftotext drops the one where the line wraps.
    assert password.replace("-", "") in printed.replace("-", "")
    assert printed.count("-") >= password.count("-") - 1
    retrievals = [
        json.loads(e.details) for e in _trail(desk) if e.action == "load.password_retrieved"
    ]
    assert [r["purpose"] for r in retrievals] == ["screen", "screen", "notice"]
    assert all(r["archive"] == result.archives[0].name for r in retrievals)
    assert retrievals[2]["notice"].endswith("-0001")
    assert all(password not in e.details for e in _trail(desk))
    assert [v.id for v in loads_of_loan(desk.ledger, desk.loan.id)] == [result.load_id]
    with desk.ledger.read_session() as session:
        assert session.scalar(select(Load.attempt)) == 1


def test_progress_reports_bytes_rate_and_eta_per_phase(sqlite_desk: Desk, tmp_path: Path) -> None:
    desk = sqlite_desk
    size = 3 << 20  # more than one 1 MiB chunk
    steps: list[LoadProgress] = []
    result = load_medium(
        desk.ledger,
        desk.actor,
        desk.control_number,
        desk.path,
        [random_file(tmp_path / "a.bin", size)],
        progress=steps.append,
    )
    phases = [s.phase for s in steps]
    assert phases == ["write"] * phases.count("write") + ["verify"] * phases.count("verify")
    writes = [s for s in steps if s.phase == "write"]
    verifies = [s for s in steps if s.phase == "verify"]
    assert writes[0].done < size  # the first chunk is reported at once
    assert (writes[-1].done, writes[-1].total) == (size, size)
    archive = result.archives[0]
    assert (verifies[-1].done, verifies[-1].total) == (archive.size, archive.size)
    assert all((s.archive, s.index, s.archives) == (archive.name, 1, 1) for s in steps)
    assert writes[-1].rate > 0 and writes[-1].eta_seconds == 0
    assert [s.done for s in steps if s.phase == "write"] == sorted(s.done for s in writes)
