"""The encrypted load against a plain copy of the same bytes to the same stick, in one run.

`bench_load(device_path)` formats the device FAT32 (it must be a scratch device: a loop
device, or a stick you may erase), then in alternating rounds
- copies a ~200 MiB incompressible file onto it with `mcopy` (the plain copy) and reads
  it back through the same cluster reader the verification uses (the plain read);
- loads the same file with `services.loading.load_medium` into a scratch SQLite ledger:
  the whole service (checks, AES-256 AE-2 encryption, writing through mtools, reading
  back and verifying every byte, the ledger's unit of work).
The phases are timed from the load's own progress reports: "write" (start to the first
report of the read-back: checks, encryption and the stick's final flush included) and
"verify" (the read-back).
Targets (issue 5): write time <= 1.15x the plain copy, verify speed >= 0.95x the plain
read. The best round of each is compared. The figures are page-cache speeds on a loop
device; a real stick is slower for both sides alike.

Standalone (root): `python scripts/bench_load.py [DEVICE] [--mib N]`; without DEVICE a
512 MiB loop device over a temporary file is made and detached afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MTOOLS_ENV = {"MTOOLS_SKIP_CHECK": "1", "LC_ALL": "C.UTF-8", "MTOOLSRC": "/dev/null"}
CONTROL = "BENCH-USB-001"


def _incompressible(path: Path, size_mib: int) -> None:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    stream = Cipher(algorithms.AES(os.urandom(32)), modes.CTR(bytes(16))).encryptor()
    with path.open("wb") as out:
        for _ in range(size_mib):
            out.write(stream.update(bytes(1 << 20)))


def _plain_copy(device: str, source: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        ["mcopy", "-o", "-i", device, str(source), "::/plain.bin"],
        capture_output=True,
        env={**os.environ, **MTOOLS_ENV},
        check=False,
    )
    fd = os.open(device, os.O_RDONLY)  # like the load: the copy counts once on the device
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode(errors="replace"))
    return elapsed


def _plain_read(device: str, name: str, hashed: bool = False) -> float:
    """Read the file back through the cluster reader (`hashed`: and SHA-256 it, the least
    any full check of the bytes costs)."""
    import hashlib

    from ledger_tui.system.stick.fatfs import Stick

    digest = hashlib.sha256()
    started = time.perf_counter()
    with Stick(device).open(name) as handle:
        while chunk := handle.read(1 << 20):
            if hashed:
                digest.update(chunk)
    return time.perf_counter() - started


class _Desk:
    """A scratch ledger with the device registered as a blank stick and a draft loan."""

    def __init__(self, folder: Path, device: str) -> None:
        from datetime import timedelta

        from ledger_tui.domain.clock import local_date
        from ledger_tui.domain.media import MediumState
        from ledger_tui.services import auth, organisation
        from ledger_tui.services.ledger.bootstrap import open_ledger
        from ledger_tui.services.lending import loans as lending
        from ledger_tui.services.loading.stick import detected_serial
        from ledger_tui.services.register import media

        self.ledger = open_ledger(f"sqlite:///{folder / 'bench.sqlite3'}", folder / "keys")
        self.actor = auth.create_first_admin(self.ledger, "admin", "Admin", "admin-password-1")
        today = local_date(self.ledger.clock())
        organisation.add_section(self.ledger, self.actor, "ZEI", "税務課")
        organisation.add_contractor(self.ledger, self.actor, "株式会社ベンチ")
        form = organisation.ContractForm(
            title="bench",
            section_code="ZEI",
            contractor_name="株式会社ベンチ",
            period_start=today,
            period_end=today + timedelta(days=30),
            provided_items=["氏名"],
            allowed_media_kinds=["usb"],
            allowed_transfer_methods=["hand"],
        )
        self.contract = organisation.add_contract(self.ledger, self.actor, form).id
        media.register_medium(
            self.ledger, self.actor, media.MediumForm(CONTROL, serial=detected_serial(device))
        )
        media.change_state(self.ledger, self.actor, CONTROL, MediumState.WIPE_PENDING, "new")
        with self.ledger.unit_of_work() as uow:  # as a verified wipe would (bench only)
            medium = media.get_medium(uow, CONTROL)
            media.move_medium(uow, self.actor, medium, MediumState.BLANK, "bench: wiped")
            uow.commit()
        self.loan = lending.create_loan(self.ledger, self.actor, CONTROL, self.contract).id

    def reset(self, device: str, archive: str) -> None:
        """Back to a blank stick with a draft loan, for the next round."""
        from ledger_tui.domain.media import MediumState
        from ledger_tui.services.lending import loans as lending
        from ledger_tui.services.register import media
        from ledger_tui.system.stick.fatfs import Stick

        Stick(device).delete(archive)
        with self.ledger.unit_of_work() as uow:
            lending.abandon_load(uow, self.actor, self.loan, "bench")
            uow.commit()
        with self.ledger.unit_of_work() as uow:  # as a verified wipe would (bench only)
            medium = media.get_medium(uow, CONTROL)
            media.move_medium(uow, self.actor, medium, MediumState.BLANK, "bench: wiped")
            uow.commit()


def _load(desk: _Desk, device: str, source: Path) -> tuple[float, float, float, str]:
    """(write seconds, verify seconds, whole seconds, archive name) of one load."""
    from ledger_tui.services.loading.load import load_medium
    from ledger_tui.services.loading.progress import LoadProgress

    marks: dict[str, float] = {}

    def progress(step: LoadProgress) -> None:
        now = time.perf_counter()
        marks.setdefault(f"{step.phase}_start", now)
        if step.done >= step.total:
            marks[step.phase] = now

    started = time.perf_counter()
    result = load_medium(desk.ledger, desk.actor, CONTROL, device, [source], progress=progress)
    ended = time.perf_counter()
    # The write runs from the start to the verify's first report, so it includes the
    # stick's final flush (as the plain copy's time does); the verify from there on.
    return (
        marks["verify_start"] - started,
        marks["verify"] - marks["verify_start"],
        ended - started,
        result.archives[0].name,
    )


def _row(
    name: str, value: float, unit: str, target: str = "", ok: bool | None = None
) -> dict[str, Any]:
    return {"name": name, "value": round(value, 3), "unit": unit, "target": target, "ok": ok}


def bench_load(device_path: str, size_mib: int = 200, rounds: int = 3) -> list[dict[str, Any]]:
    """Measure load write/verify against a plain copy/read on `device_path` (formatted!)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ["LEDGER_TUI_ALLOW_LOOP_DEVICES"] = "1"  # a loop device stands in for a stick
    subprocess.run(
        ["mkfs.vfat", "-F", "32", "-n", "BENCH", device_path], check=True, capture_output=True
    )
    size = size_mib << 20
    copies, reads, hashed, writes, verifies, wholes = [], [], [], [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-load-") as scratch:
        folder = Path(scratch)
        source = folder / "photos.bin"
        _incompressible(source, size_mib)
        desk = _Desk(folder, device_path)
        from ledger_tui.system.stick.fatfs import Stick

        for _ in range(rounds):
            copies.append(_plain_copy(device_path, source))
            reads.append(_plain_read(device_path, "plain.bin"))
            hashed.append(_plain_read(device_path, "plain.bin", hashed=True))
            Stick(device_path).delete("plain.bin")
            write, verify, whole, archive = _load(desk, device_path, source)
            writes.append(write)
            verifies.append(verify)
            wholes.append(whole)
            desk.reset(device_path, archive)
        desk.ledger.engine.dispose()
    copy, read, write, verify = min(copies), min(reads), min(writes), min(verifies)
    write_ratio = write / copy
    verify_ratio = (size / verify) / (size / read)
    return [
        _row("plain copy (mcopy)", size / copy / 1e6, "MB/s"),
        _row("plain read", size / read / 1e6, "MB/s"),
        _row("plain read + SHA-256", size / min(hashed) / 1e6, "MB/s"),
        _row("load: encrypt + write", size / write / 1e6, "MB/s"),
        _row("load: verify (read back)", size / verify / 1e6, "MB/s"),
        _row("load: whole (checks, write, verify, ledger)", min(wholes), "s"),
        _row("load write time / copy time", write_ratio, "x", "<= 1.15x", write_ratio <= 1.15),
        _row(
            "verify speed / plain read speed", verify_ratio, "x", ">= 0.95x", verify_ratio >= 0.95
        ),
        _row("load average (1 min)", os.getloadavg()[0], ""),
    ]


def _with_scratch_loop(size_mib: int) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="bench-load-dev-") as folder:
        backing = Path(folder) / "stick.img"
        with open(backing, "wb") as handle:
            handle.truncate(max(512, size_mib * 2 + 64) << 20)
        device = subprocess.run(
            ["losetup", "--find", "--show", str(backing)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        try:
            return bench_load(device, size_mib)
        finally:
            subprocess.run(["losetup", "-d", device], check=False)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("device", nargs="?", help="scratch device (formatted!)")
    parser.add_argument("--mib", type=int, default=200)
    args = parser.parse_args()
    rows = bench_load(args.device, args.mib) if args.device else _with_scratch_loop(args.mib)
    print(json.dumps(rows, ensure_ascii=False, indent=2))
    return 0 if all(row["ok"] is not False for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
