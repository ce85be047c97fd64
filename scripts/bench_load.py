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

`bench_load_peer(device_path)` (issue 17) loads 200 MiB incompressible + a 50 MiB CSV
in a child process against the like-for-like 7-Zip pipeline (`7zz a -tzip -mem=AES256
-mx=0` for the incompressible file, then `-mx=1` for the CSV into the same zip, `mcopy`
onto the stick, read back with SHA-256), in interleaved rounds, medians compared; and
the child's peak RSS (its VmHWM) for that load and for the plan of a 2 GiB
CSV, next to the RSS of a child that only imports the load and opens the ledger.

Standalone (root): `python scripts/bench_load.py [DEVICE] [--mib N] [--peer]`; without
DEVICE a 512 MiB loop device over a temporary file is made and detached afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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

        from ledger_tui.config import Settings
        from ledger_tui.domain.clock import local_date
        from ledger_tui.domain.media import MediumState
        from ledger_tui.services import auth, organisation
        from ledger_tui.services.ledger.bootstrap import open_ledger
        from ledger_tui.services.lending import loans as lending
        from ledger_tui.services.loading.stick import detected_serial
        from ledger_tui.services.register import media

        url, keys = f"sqlite:///{folder / 'bench.sqlite3'}", folder / "keys"
        # The bench decides its run's settings: a loop device stands in for a stick.
        settings = Settings(db_url=url, key_dir=keys, allow_loop_devices=True)
        self.ledger = open_ledger(url, keys, settings=settings)
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
    name: str,
    value: float,
    unit: str,
    target: str = "",
    ok: bool | None = None,
    reference: str = "",
    ratio: float | None = None,
) -> dict[str, Any]:
    row = {"name": name, "value": round(value, 3), "unit": unit, "target": target, "ok": ok}
    if reference or ratio is not None:
        row |= {"reference": reference, "ratio": None if ratio is None else round(ratio, 3)}
    return row


# --- issue 17: the load against the 7-Zip pipeline, and its peak RSS -----------------

PEER_PASSWORD = "K7MX-3FHT-9ACE-WXYV-K7MX-3FHT-9ACE-WXYV"


def _address_csv(path: Path, size_mib: int) -> int:
    """A tax-system style CSV (UTF-8, CRLF, quoted fields) of about `size_mib` MiB; its
    record count."""
    import random

    pick = random.Random(1)
    rows = [
        f"{pick.randint(1000000, 9999999)},東京都新宿区西新宿{i % 9 + 1}丁目"
        f'{pick.randint(1, 30)}番,"ハイツ, {i}号",山田 太郎{i},{pick.randint(10**9, 10**10)}'
        for i in range(4000)
    ]
    block = ("\r\n".join(rows) + "\r\n").encode("utf-8")
    copies = max(1, (size_mib << 20) // len(block))
    with path.open("wb") as out:
        out.write("郵便番号,住所,方書,氏名,電話番号\r\n".encode())
        for _ in range(copies):
            out.write(block)
    return copies * len(rows)


def _seven_zip() -> str:
    import shutil

    for name in ("7zz", "7z"):
        if shutil.which(name):
            return name
    raise RuntimeError("7-Zip (7zz or 7z) is not installed")


def _peer(device: str, photos: Path, table: Path, folder: Path) -> float:
    """7-Zip's AES-256 zip of the same files (-mx=0 then -mx=1), mcopy, read back."""
    archive = folder / "peer.zip"
    archive.unlink(missing_ok=True)
    seven = _seven_zip()
    started = time.perf_counter()
    for level, source in (("-mx=0", photos), ("-mx=1", table)):
        subprocess.run(
            [
                seven,
                "a",
                "-tzip",
                "-mem=AES256",
                level,
                f"-p{PEER_PASSWORD}",
                str(archive),
                str(source),
            ],
            check=True,
            capture_output=True,
        )
    subprocess.run(
        ["mcopy", "-o", "-i", device, str(archive), "::/peer.zip"],
        check=True,
        capture_output=True,
        env={**os.environ, **MTOOLS_ENV},
    )
    fd = os.open(device, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    _plain_read(device, "peer.zip", hashed=True)
    elapsed = time.perf_counter() - started
    from ledger_tui.system.stick.fatfs import Stick

    Stick(device).delete("peer.zip")
    archive.unlink()
    return elapsed


def _child(*args: str) -> tuple[dict[str, Any], float]:
    """Run this script as a child with `args`: its JSON answer and its peak RSS (MB).

    The peak is the child's own VmHWM: wait4's ru_maxrss would count the forked copy of
    this (bigger) process before the child's exec."""
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode(errors="replace")[-2000:])
    answer = json.loads(done.stdout)
    return answer, float(answer["peak_rss_kib"]) / 1024


def _peak_rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def _child_main(mode: str, folder: str, device: str, files: list[str]) -> int:
    """In the child: only import and open the ledger (idle), the command line's
    `load --plan` (plan), or the load service (load); print the seconds and the peak."""
    import contextlib
    import io

    url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
    answer: dict[str, Any] = {}
    if mode == "plan":  # as `ledger-tui load --plan FILE` runs it
        from ledger_tui.cli.main import main as cli

        said = io.StringIO()
        started = time.perf_counter()
        with contextlib.redirect_stdout(said):
            code = cli(["--db", url, "--json", "load", "--plan", *files])
        answer["seconds"] = time.perf_counter() - started
        if code != 0:
            raise RuntimeError(f"load --plan exited {code}")
        answer["records"] = json.loads(said.getvalue())["records"]
        answer["peak_rss_kib"] = _peak_rss_kib()
        print(json.dumps(answer))
        return 0
    from ledger_tui.config import Settings
    from ledger_tui.db.uow import Actor
    from ledger_tui.domain.operators import Role
    from ledger_tui.services.ledger.bootstrap import open_ledger
    from ledger_tui.services.loading.load import load_medium

    keys = Path(folder) / "keys"
    settings = Settings(db_url=url, key_dir=keys, allow_loop_devices=True)
    ledger = open_ledger(url, keys, settings=settings)
    actor = Actor("admin", 1, Role.ADMIN, "Admin")  # bench only: no password hashing
    started = time.perf_counter()
    if mode == "load":
        result = load_medium(ledger, actor, CONTROL, device, files)
        answer |= {"archive": result.archives[0].name, "records": result.total_records}
    answer["seconds"] = time.perf_counter() - started
    answer["peak_rss_kib"] = _peak_rss_kib()
    print(json.dumps(answer))
    return 0


def _median(values: list[float]) -> float:
    import statistics

    return statistics.median(values)


def bench_load_peer(
    device_path: str,
    photos_mib: int = 200,
    csv_mib: int = 50,
    rounds: int = 3,
    plan_gib: int = 2,
) -> list[dict[str, Any]]:
    """The load of `photos_mib` incompressible + a `csv_mib` CSV (in a child process)
    against the 7-Zip pipeline, interleaved rounds, medians; peak RSS of the children."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ["LEDGER_TUI_ALLOW_LOOP_DEVICES"] = "1"
    subprocess.run(
        ["mkfs.vfat", "-F", "32", "-n", "BENCH", device_path], check=True, capture_output=True
    )
    loads, peers, load_rss = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-load-peer-") as scratch:
        folder = Path(scratch)
        photos, table = folder / "photos.bin", folder / "住所録.csv"
        _incompressible(photos, photos_mib)
        records = _address_csv(table, csv_mib)
        desk = _Desk(folder, device_path)
        desk.ledger.engine.dispose()
        _, idle_rss = _child("--child", "idle", str(folder), device_path)
        for _ in range(rounds):
            peers.append(_peer(device_path, photos, table, folder))
            answer, rss = _child(
                "--child", "load", str(folder), device_path, str(photos), str(table)
            )
            if answer["records"] != records + 1:
                raise RuntimeError(f"counted {answer['records']}, made {records} + 1")
            loads.append(float(answer["seconds"]))
            load_rss.append(rss)
            desk.reset(device_path, str(answer["archive"]))
        big = folder / "big.csv"
        big_records = _address_csv(big, plan_gib << 10)
        plan, plan_rss = _child("--child", "plan", str(folder), device_path, str(big))
        big.unlink()
        if plan["records"] != big_records:
            raise RuntimeError(f"planned {plan['records']}, made {big_records}")
        desk.ledger.engine.dispose()
    load, peer = _median(loads), _median(peers)
    ratio = load / peer
    size = f"{photos_mib} MiB incompressible + {csv_mib} MiB CSV"
    runs = ", ".join(f"{a:.2f}/{b:.2f}" for a, b in zip(loads, peers, strict=True))
    return [
        _row(
            f"load {size} vs 7-Zip pipeline",
            load,
            "s",
            "<= 1.15x",
            ratio <= 1.15,
            f"7zz -mx=0/-mx=1 + mcopy + sha256 read-back {peer:.2f} s (median; runs {runs})",
            ratio,
        ),
        _row(
            f"peak RSS: load {size} (child)",
            max(load_rss),
            "MB",
            "<= 64",
            max(load_rss) <= 64,
            f"imports + ledger only: {idle_rss:.0f} MB",
            max(load_rss) / idle_rss,
        ),
        _row(
            f"peak RSS: load --plan of a {plan_gib} GiB CSV (child)",
            plan_rss,
            "MB",
            "<= 64",
            plan_rss <= 64,
            f"`ledger-tui load --plan` in-process; a load's child with imports + ledger "
            f"only: {idle_rss:.0f} MB; counted in {plan['seconds']:.1f} s",
            plan_rss / idle_rss,
        ),
        _row("load average (1 min)", os.getloadavg()[0], ""),
    ]


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


def _with_scratch_loop(
    size_mib: int, run: Callable[[str], list[dict[str, Any]]]
) -> list[dict[str, Any]]:
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
            return run(device)
        finally:
            subprocess.run(["losetup", "-d", device], check=False)


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        sys.path.insert(0, str(ROOT))
        mode, folder, device, *files = sys.argv[2:]
        return _child_main(mode, folder, device, files)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("device", nargs="?", help="scratch device (formatted!)")
    parser.add_argument("--mib", type=int, default=200)
    parser.add_argument("--peer", action="store_true", help="only the 7-Zip and RSS rows")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--plan-gib", type=int, default=2)
    args = parser.parse_args()
    if args.peer:
        rows = _with_scratch_loop(
            300, lambda device: bench_load_peer(device, rounds=args.rounds, plan_gib=args.plan_gib)
        )
    elif args.device:
        rows = bench_load(args.device, args.mib)
    else:
        rows = _with_scratch_loop(args.mib, lambda device: bench_load(device, args.mib))
    print(json.dumps(rows, ensure_ascii=False, indent=2))
    return 0 if all(row["ok"] is not False for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
