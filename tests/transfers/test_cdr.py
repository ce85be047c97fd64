"""Encrypted CD-Rs on image files: xorriso writes the ISO 9660 + Joliet image, the disc is
read back and every archive verified; the real 7-Zip reads the image and opens the
archive; a failed burn (a truncated image) is refused and the disc goes to shredding."""

from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from ledger_tui.db.models import AuditEntry, Medium
from ledger_tui.db.models.loads import Load, LoadState, LoadTarget
from ledger_tui.domain.errors import DomainError
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.loading.load import load_disc
from ledger_tui.services.loading.records import save_password_notice_pdf
from ledger_tui.services.trail.verify import verify_trail
from ledger_tui.services.wiping.disposals import destroy_medium
from ledger_tui.system.stick import disc
from tests.archive.conftest import run_7z
from tests.loading.data import address_csv
from tests.printing import pdftools
from tests.transfers.conftest import LAW_CODE, LawFirm

CD = "教-CD-001"


def _state(law: LawFirm) -> MediumState:
    with law.ledger.read_session() as session:
        return session.scalars(select(Medium.state).where(Medium.control_number == CD)).one()


def _loads(law: LawFirm) -> list[Load]:
    with law.ledger.read_session() as session:
        return list(session.scalars(select(Load).order_by(Load.id)))


def test_load_a_cdr_image_read_it_back_and_open_it_with_7zip(
    law: LawFirm, tmp_path: Path, seven_zip: Path
) -> None:
    ledger, actor = law.ledger, law.actor
    loan = lending.create_loan(ledger, actor, CD, law.contract_id)
    image = tmp_path / "disc.iso"
    source = address_csv(tmp_path / "滞納者一覧.csv", 4)
    result = load_disc(ledger, actor, CD, image, [source])
    (archive,) = result.archives
    assert archive.name == f"{CD}.zip" and archive.records == 4

    # The session is on record: volume id, size and SHA-256 of the image as written.
    (load,) = _loads(law)
    assert (load.state, load.target) == (LoadState.VERIFIED, LoadTarget.DISC)
    assert load.image_size == image.stat().st_size
    assert load.image_sha256 == hashlib.sha256(image.read_bytes()).hexdigest()
    assert load.volume_id.startswith("LEDGER_L")
    assert _state(law) is MediumState.LOADED
    assert lending.show_loan(ledger, loan.id).state is LoanState.LOADED

    # xorriso lists the Joliet name; 7-Zip reads the image and opens the archive.
    listed = subprocess.run(
        ["xorriso", "-indev", str(image), "-find", "/", "-type", "f"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"'/{archive.name}'" in listed.stdout
    assert archive.name in run_7z(seven_zip, "l", image).stdout
    out = tmp_path / "from-disc"
    assert run_7z(seven_zip, "e", image, f"-o{out}", archive.name).returncode == 0
    copied = out / archive.name
    assert hashlib.sha256(copied.read_bytes()).hexdigest() == archive.sha256
    assert run_7z(seven_zip, "t", f"-p{archive.password}", copied).returncode == 0
    assert run_7z(seven_zip, "t", "-pwrong", copied).returncode != 0

    # The password notice for the CD-R, then out by hand and back; the disc is shredded.
    notice_pdf = save_password_notice_pdf(ledger, actor, result.load_id, tmp_path / "n.pdf")
    notice = "".join(pdftools.text(notice_pdf).split())
    assert archive.password.replace("-", "") in notice.replace("-", "")
    out_slip = slips.draft_out_slip(ledger, actor, loan.id, law.form("hand"))
    slips.confirm_at_counter(ledger, actor, out_slip.id, LAW_CODE)
    assert _state(law) is MediumState.LENT
    back = slips.draft_back_slip(ledger, actor, loan.id, law.back_form("hand"))
    slips.confirm_at_counter(ledger, actor, back.id, LAW_CODE)
    assert _state(law) is MediumState.WIPE_PENDING
    destroy_medium(ledger, actor, CD, method="shred", witness="立会 次郎")
    assert _state(law) is MediumState.DESTROYED
    assert lending.show_loan(ledger, loan.id).state is LoanState.CLOSED
    with ledger.read_session() as session:
        verified = [
            json.loads(e.details)
            for e in session.scalars(select(AuditEntry).where(AuditEntry.action == "load.verified"))
        ]
    assert verified[0]["disc"]["sha256"] == load.image_sha256
    assert verify_trail(ledger).ok


def test_a_truncated_burn_is_refused_and_the_disc_is_spent(
    law: LawFirm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger, actor = law.ledger, law.actor
    loan = lending.create_loan(ledger, actor, CD, law.contract_id)
    real = disc.write_disc

    def short_burn(staging: Path, target: str, volume_id: str) -> disc.DiscSession:
        session = real(staging, target, volume_id)
        with open(target, "r+b") as handle:  # the burn stopped part way
            handle.truncate(session.size // 2)
        return session

    monkeypatch.setattr(disc, "write_disc", short_burn)
    image = tmp_path / "disc.iso"
    with pytest.raises(DomainError) as refused:
        load_disc(ledger, actor, CD, image, [address_csv(tmp_path / "a.csv", 3)])
    assert refused.value.key == "load.disc.short"
    assert "使用できません" in refused.value.message("ja")
    (load,) = _loads(law)
    assert (load.state, load.failure_key) == (LoadState.FAILED, "load.disc.short")
    assert _state(law) is MediumState.WIPE_PENDING  # spent: to its shredding
    assert lending.show_loan(ledger, loan.id).state is LoanState.DRAFT
    assert verify_trail(ledger).ok


def test_a_refused_target_leaves_the_disc_blank(law: LawFirm, tmp_path: Path) -> None:
    ledger, actor = law.ledger, law.actor
    lending.create_loan(ledger, actor, CD, law.contract_id)
    taken = tmp_path / "taken.iso"
    taken.write_bytes(b"x")
    for target, key in (
        (taken, "load.disc.image_exists"),
        (tmp_path / "nowhere" / "d.iso", "load.disc.no_folder"),
        ("/dev/sr9", "load.disc.no_burner"),
    ):
        with pytest.raises(DomainError) as refused:
            load_disc(ledger, actor, CD, target, [address_csv(tmp_path / "a.csv", 3)])
        assert refused.value.key == key
    assert _state(law) is MediumState.BLANK
    assert taken.read_bytes() == b"x"


@pytest.mark.parametrize("drive", ["loop device", "file"])
def test_the_burner_path_burns_onto_a_pseudo_drive_and_reads_it_back(
    law: LawFirm,
    tmp_path: Path,
    seven_zip: Path,
    loop_device_factory: Any,
    drive: str,
) -> None:
    """The burner path itself (a temporary image burned with `xorriso -as cdrecord`, the
    disc read back), on xorriso's `stdio:` pseudo drive named by the desk's burner
    setting: a block device (a loop device, as a drive's disc) or a file. A wrong burn
    command fails the load; what the drive holds is the recorded image, whose archive
    7-Zip opens and whose bytes are the archive's."""
    if drive == "loop device":
        path = loop_device_factory(size_mib=8, name="burner").path
    else:
        path = str(tmp_path / "drive.bin")
        Path(path).write_bytes(b"")
    law.ledger.settings = replace(law.ledger.settings, burner=f"stdio:{path}")
    ledger, actor = law.ledger, law.actor
    loan = lending.create_loan(ledger, actor, CD, law.contract_id)
    result = load_disc(ledger, actor, CD, files=[address_csv(tmp_path / "滞納者一覧.csv", 4)])
    (archive,) = result.archives
    (load,) = _loads(law)
    assert (load.state, load.target, load.device_node) == (
        LoadState.VERIFIED,
        LoadTarget.DISC,
        f"stdio:{path}",
    )
    assert lending.show_loan(ledger, loan.id).state is LoanState.LOADED

    # The drive holds the image the load recorded, byte for byte.
    with open(path, "rb") as disc_bytes:
        image_bytes = disc_bytes.read(load.image_size)
    assert len(image_bytes) == load.image_size
    assert hashlib.sha256(image_bytes).hexdigest() == load.image_sha256
    listed = subprocess.run(
        ["xorriso", "-indev", f"stdio:{path}", "-find", "/", "-type", "f"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"'/{archive.name}'" in listed.stdout
    image = tmp_path / "read-back.iso"
    image.write_bytes(image_bytes)
    out = tmp_path / "from-drive"
    assert run_7z(seven_zip, "e", image, f"-o{out}", archive.name).returncode == 0
    copied = out / archive.name
    assert hashlib.sha256(copied.read_bytes()).hexdigest() == archive.sha256
    assert run_7z(seven_zip, "t", f"-p{archive.password}", copied).returncode == 0
    assert verify_trail(ledger).ok


def test_a_missing_pseudo_drive_is_no_burner(law: LawFirm, tmp_path: Path) -> None:
    lending.create_loan(law.ledger, law.actor, CD, law.contract_id)
    target = f"stdio:{tmp_path / 'absent.bin'}"
    with pytest.raises(DomainError) as refused:
        load_disc(law.ledger, law.actor, CD, target, [address_csv(tmp_path / "a.csv", 3)])
    assert refused.value.key == "load.disc.no_burner"
    assert _state(law) is MediumState.BLANK
