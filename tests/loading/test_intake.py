"""Intake of returned sticks on real loop devices: the loaded archive and a results archive
the contractor made with the real 7-Zip, decrypted into a folder (files 0600) or only
verified and counted, compared with the back-slip; and each refusal (wrong password,
corrupt archive, unexpected extra file, missing archive, existing destination file)
recorded as a failed intake with the loan left as it was."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.models.loads import Intake, IntakeArchive
from ledger_tui.domain.errors import DomainError
from ledger_tui.domain.loads import IntakeOutcome
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState
from ledger_tui.services.lending import slips
from ledger_tui.services.loading.intake import intake_returned
from ledger_tui.services.loading.load import LoadResult, load_medium
from ledger_tui.services.trail import verify as audit
from ledger_tui.system.archive.errors import CorruptArchive, WrongPassword
from tests.integration.lending_world import RESPONSIBLE_CODE
from tests.loading.conftest import Desk, run_7z
from tests.loading.data import address_csv

MTOOLS_ENV = {"MTOOLS_SKIP_CHECK": "1", "PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"}
RESULTS = "調査結果.csv"


def _lend(desk: Desk, tmp_path: Path, rows: int = 40) -> LoadResult:
    """Load the stick and hand it out (out-slip confirmed at the counter)."""
    source = tmp_path / "src"
    source.mkdir(exist_ok=True)
    result = load_medium(
        desk.ledger,
        desk.actor,
        desk.control_number,
        desk.path,
        [address_csv(source / "住所録.csv", rows)],
    )
    out = slips.draft_out_slip(
        desk.ledger, desk.actor, desk.loan.id, desk.world.out_form(record_count=rows)
    )
    slips.confirm_at_counter(desk.ledger, desk.actor, out.id, RESPONSIBLE_CODE)
    return result


def _back_slip(desk: Desk, count: int, explanation: str = "") -> str:
    back = slips.draft_back_slip(
        desk.ledger,
        desk.actor,
        desk.loan.id,
        desk.world.back_form(record_count=count, mismatch_explanation=explanation),
    )
    return slips.confirm_at_counter(desk.ledger, desk.actor, back.id, RESPONSIBLE_CODE).number


def _contractor_archive(
    desk: Desk,
    tmp_path: Path,
    seven_zip: Path,
    password: str,
    rows: int = 3,
    name: str = "results.zip",
) -> Path:
    """The contractor's results, zipped with 7-Zip (AES-256) and copied onto the stick."""
    work = tmp_path / "contractor"
    work.mkdir(exist_ok=True)
    lines = ["住所,居住の有無,表札"] + [f"西新宿{i}丁目,有,有" for i in range(rows)]
    (work / RESULTS).write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    archive = work / name
    done = run_7z(
        seven_zip, "a", "-tzip", "-mem=AES256", f"-p{password}", archive, RESULTS, cwd=work
    )
    assert done.returncode == 0, done.stdout + done.stderr
    _put(desk, archive, name)
    return work / RESULTS


def _put(desk: Desk, path: Path, name: str) -> None:
    subprocess.run(
        ["mcopy", "-i", desk.path, str(path), f"::/{name}"],
        check=True,
        capture_output=True,
        env=MTOOLS_ENV,
    )


def _intakes(desk: Desk) -> list[Intake]:
    with desk.ledger.read_session() as session:
        return list(session.scalars(select(Intake).order_by(Intake.id)))


def _trail(desk: Desk, action: str) -> list[dict[str, object]]:
    with desk.ledger.read_session() as session:
        return [
            json.loads(e.details)
            for e in session.scalars(
                select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
            )
        ]


def _assert_refused(desk: Desk, key: str, state: LoanState = LoanState.OUT) -> Intake:
    intake = _intakes(desk)[-1]
    assert (intake.outcome, intake.failure_key) == (IntakeOutcome.FAILED, key)
    assert intake.returned_records is None
    assert _trail(desk, "intake.failed")[-1]["reason"] == key
    assert desk.loan_view().state is state
    assert audit.verify_trail(desk.ledger).ok
    return intake


def test_intake_into_a_folder_then_verify_only_after_the_back_slip(
    desk: Desk, tmp_path: Path, seven_zip: Path
) -> None:
    loaded = _lend(desk, tmp_path)
    password = loaded.archives[0].password
    results = _contractor_archive(desk, tmp_path, seven_zip, password, rows=40)
    dest = tmp_path / "受入"
    dest.mkdir()

    taken = intake_returned(desk.ledger, desk.actor, desk.control_number, desk.path, dest_dir=dest)

    assert taken.loan_state is LoanState.OUT and taken.back_slip_number is None
    assert [(a.name, a.password_source, a.unchanged) for a in taken.archives] == [
        ("results.zip", "loan", False),
        ("税-USB-101.zip", "loan", True),
    ]
    assert taken.returned_records == 40  # the new results; the loaded data came back as is
    assert taken.archives[1].records == 40
    written = dest / "results" / RESULTS
    assert written.read_bytes() == results.read_bytes()
    assert (dest / "税-USB-101" / "住所録.csv").is_file()
    for path in (written, dest / "税-USB-101" / "住所録.csv"):
        assert os.stat(path).st_mode & 0o777 == 0o600
    assert os.stat(dest / "results").st_mode & 0o777 == 0o700
    assert taken.archives[0].files[0].path == written
    assert taken.archives[0].files[0].sha256 == hashlib.sha256(results.read_bytes()).hexdigest()

    number = _back_slip(desk, count=40)
    again = intake_returned(desk.ledger, desk.actor, desk.control_number, desk.path)
    assert again.loan_state is LoanState.BACK
    assert (again.back_slip_number, again.back_slip_count, again.count_matches) == (
        number,
        40,
        True,
    )
    assert desk.loan_view().state is LoanState.BACK
    assert desk.medium_state() is MediumState.WIPE_PENDING

    first, second = _intakes(desk)
    assert first.destination == str(dest) and second.destination is None
    assert (second.outcome, second.returned_records, second.count_matches) == (
        IntakeOutcome.VERIFIED,
        40,
        True,
    )
    entries = _trail(desk, "intake.verified")
    assert [e["mode"] for e in entries] == ["folder", "verify_only"]
    assert entries[1]["count_matches"] is True and entries[1]["loan_state"] == "back"
    assert audit.verify_trail(desk.ledger).ok


def test_count_that_differs_from_the_back_slip(sqlite_desk: Desk, tmp_path: Path) -> None:
    _lend(sqlite_desk, tmp_path, rows=12)
    _back_slip(sqlite_desk, count=10, explanation="2件は転居先不明")
    taken = intake_returned(
        sqlite_desk.ledger, sqlite_desk.actor, sqlite_desk.control_number, sqlite_desk.path
    )
    assert (taken.returned_records, taken.count_matches) == (12, False)


def test_wrong_password_then_the_contractors(desk: Desk, tmp_path: Path, seven_zip: Path) -> None:
    _lend(desk, tmp_path)
    _contractor_archive(desk, tmp_path, seven_zip, "THEIR-OWN-PASSWORD")
    with pytest.raises(WrongPassword):
        intake_returned(desk.ledger, desk.actor, desk.control_number, desk.path)
    intake = _assert_refused(desk, "archive.error.wrong_password")
    with desk.ledger.read_session() as session:
        rows = session.scalars(
            select(IntakeArchive).where(IntakeArchive.intake_id == intake.id)
        ).all()
    assert [(r.name, r.outcome) for r in rows] == [("results.zip", IntakeOutcome.FAILED)]

    taken = intake_returned(
        desk.ledger, desk.actor, desk.control_number, desk.path, password="THEIR-OWN-PASSWORD"
    )
    assert [a.password_source for a in taken.archives] == ["given", "loan"]


def _flip_byte_inside(desk: Desk, name: str) -> None:
    """Change one byte in the middle of the archive, on the device itself."""
    with desk.stick.open(name) as handle:
        data = handle.read()
    probe = data[len(data) // 2 : len(data) // 2 + 64]
    with open(desk.path, "r+b") as device:
        image = device.read()
        offset = image.index(probe)
        assert image.count(probe) == 1
        device.seek(offset)
        device.write(bytes([image[offset] ^ 0x01]))
        device.flush()
        os.fsync(device.fileno())


def test_corrupt_archive_leaves_nothing_in_the_folder(sqlite_desk: Desk, tmp_path: Path) -> None:
    desk = sqlite_desk
    loaded = _lend(desk, tmp_path, rows=3000)
    _flip_byte_inside(desk, loaded.archives[0].name)
    dest = tmp_path / "dest"
    dest.mkdir()
    with pytest.raises(CorruptArchive) as corrupt:
        intake_returned(desk.ledger, desk.actor, desk.control_number, desk.path, dest_dir=dest)
    assert corrupt.value.params["detail"] == "archive.detail.auth_code"
    _assert_refused(desk, "archive.error.corrupt")
    assert list(dest.iterdir()) == []


def test_unexpected_extra_file(sqlite_desk: Desk, tmp_path: Path) -> None:
    desk = sqlite_desk
    _lend(desk, tmp_path)
    note = tmp_path / "メモ.txt"
    note.write_text("平文のメモ", encoding="utf-8")
    _put(desk, note, "メモ.txt")
    with pytest.raises(DomainError) as refused:
        intake_returned(desk.ledger, desk.actor, desk.control_number, desk.path)
    assert refused.value.key == "intake.error.unexpected_file"
    assert refused.value.params["file"] == "メモ.txt"
    _assert_refused(desk, "intake.error.unexpected_file")


def test_stick_without_archives(sqlite_desk: Desk, tmp_path: Path) -> None:
    desk = sqlite_desk
    loaded = _lend(desk, tmp_path)
    desk.stick.delete(loaded.archives[0].name)
    with pytest.raises(DomainError) as refused:
        intake_returned(desk.ledger, desk.actor, desk.control_number, desk.path)
    assert refused.value.key == "intake.error.no_archives"
    _assert_refused(desk, "intake.error.no_archives")


def test_missing_archive_and_existing_destination(
    sqlite_desk: Desk, tmp_path: Path, seven_zip: Path
) -> None:
    desk = sqlite_desk
    loaded = _lend(desk, tmp_path)
    password = loaded.archives[0].password
    _contractor_archive(desk, tmp_path, seven_zip, password)
    dest = tmp_path / "dest"
    (dest / "results").mkdir(parents=True)
    (dest / "results" / RESULTS).write_text("already here", encoding="utf-8")
    with pytest.raises(DomainError) as refused:
        intake_returned(desk.ledger, desk.actor, desk.control_number, desk.path, dest_dir=dest)
    assert refused.value.key == "intake.error.dest_exists"
    assert (dest / "results" / RESULTS).read_text(encoding="utf-8") == "already here"
    assert sorted(p.name for p in dest.rglob("*")) == ["results", RESULTS]

    name = loaded.archives[0].name
    desk.stick.delete(name)
    with pytest.raises(DomainError) as refused:
        intake_returned(desk.ledger, desk.actor, desk.control_number, desk.path)
    assert refused.value.key == "intake.error.missing_archive"
    _assert_refused(desk, "intake.error.missing_archive")

    # an archive under the loaded name that lacks the loaded file
    _contractor_archive(desk, tmp_path, seven_zip, password, name=name)
    with pytest.raises(DomainError) as refused:
        intake_returned(desk.ledger, desk.actor, desk.control_number, desk.path)
    assert (refused.value.key, refused.value.params["file"]) == (
        "intake.error.missing_file",
        "住所録.csv",
    )
    _assert_refused(desk, "intake.error.missing_file")


def test_a_loan_not_yet_out_cannot_be_taken_in(sqlite_desk: Desk, tmp_path: Path) -> None:
    desk = sqlite_desk
    load_medium(
        desk.ledger,
        desk.actor,
        desk.control_number,
        desk.path,
        [address_csv(tmp_path / "a.csv", 3)],
    )
    with pytest.raises(DomainError) as refused:
        intake_returned(desk.ledger, desk.actor, desk.control_number, desk.path)
    assert refused.value.key == "intake.error.loan_not_out"
    _assert_refused(desk, "intake.error.loan_not_out", state=LoanState.LOADED)
    assert desk.medium_state() is MediumState.LOADED


def test_stick_lent_blank_for_collection_needs_the_contractors_password(
    sqlite_desk: Desk, tmp_path: Path, seven_zip: Path
) -> None:
    desk = sqlite_desk
    out = slips.draft_out_slip(
        desk.ledger, desk.actor, desk.loan.id, desk.world.out_form(record_count=0)
    )
    slips.confirm_at_counter(desk.ledger, desk.actor, out.id, RESPONSIBLE_CODE)
    _contractor_archive(desk, tmp_path, seven_zip, "COLLECTED-2025", rows=5)
    with pytest.raises(DomainError) as refused:
        intake_returned(desk.ledger, desk.actor, desk.control_number, desk.path)
    assert refused.value.key == "intake.error.password_needed"
    _assert_refused(desk, "intake.error.password_needed")
    taken = intake_returned(
        desk.ledger, desk.actor, desk.control_number, desk.path, password="COLLECTED-2025"
    )
    assert (taken.returned_records, taken.archives[0].password_source) == (5, "given")
