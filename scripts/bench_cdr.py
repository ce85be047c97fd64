"""CD-R benchmark: the desk's disc write + read-back verification of an encrypted
archive, against `xorriso` writing the same archive into an image plainly.

Both sides start from the same staging folder holding one AES-256 archive (made once,
not timed) and write an ISO 9660 + Joliet image file on the same file system. The
desk's side is what the load does with a `disc.DiscStore`: `burn` (the image made),
the archive read from its extent on the image and verified against its manifest
(decrypted, authenticated, every file hashed) while those reads also take the image's
SHA-256, and `finish` (the image's bytes outside the extent hashed);
the reference is the bare `xorriso -as mkisofs` run of the same staging folder. The
archive is made once before any timing (its encryption is the load's write phase, not
the disc's). The two sides run interleaved (desk, plain, desk, plain, ...) so a busy
machine weighs on both alike; the row gives the medians and the median of the rounds'
ratios, and the desk's median time split into its phases (image, archive, rest).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Any

from ledger_tui.system.archive.reader import ArchiveReader, verify_against_manifest
from ledger_tui.system.archive.writer import ArchiveSource, write_archive
from ledger_tui.system.stick import disc

PASSWORD = "BENCH-CDR0-PASS-WORD-AAAA-BBBB-CCCC-DDDD"


def _incompressible(path: Path, size_mib: int) -> None:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    stream = Cipher(algorithms.AES(os.urandom(32)), modes.CTR(bytes(16))).encryptor()
    with path.open("wb") as out:
        for _ in range(size_mib):
            out.write(stream.update(bytes(1 << 20)))


def _timed(run: Any) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def bench_cdr(size_mib: int = 200, rounds: int = 5) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="ledger-bench-cdr-") as folder:
        base = Path(folder)
        source = base / "data.bin"
        _incompressible(source, size_mib)
        staging = base / "staging"
        staging.mkdir()
        name = "教-CD-001.zip"
        with source.open("rb") as plain, (staging / name).open("wb") as out:
            manifest = write_archive(
                [ArchiveSource("data.bin", plain, source.stat().st_size)],
                out,
                PASSWORD,
                archive_name=name,
            )
        image = base / "disc.iso"

        phases: dict[str, list[float]] = {"image": [], "archive": [], "rest": []}

        def desk() -> None:  # the load's own steps: DiscStore.burn, open + verify, finish
            image.unlink(missing_ok=True)
            store = disc.DiscStore(staging, str(image), "LEDGER_BENCH")
            started = time.perf_counter()
            store.burn()
            made = time.perf_counter()
            with store.open(name) as handle:
                contents = ArchiveReader(handle, archive_name=name).extract_all(PASSWORD)
            verify_against_manifest(contents, manifest)
            read = time.perf_counter()
            store.finish()
            phases["image"].append(made - started)
            phases["archive"].append(read - made)
            phases["rest"].append(time.perf_counter() - read)

        def plain() -> None:
            image.unlink(missing_ok=True)
            subprocess.run(
                [
                    "xorriso",
                    "-as",
                    "mkisofs",
                    "-quiet",
                    "-J",
                    "-joliet-long",
                    "-V",
                    "LEDGER_BENCH",
                    "-o",
                    str(image),
                    str(staging),
                ],
                check=True,
                capture_output=True,
            )

        _timed(desk), _timed(plain)  # warm the caches alike
        for phase in phases.values():
            phase.clear()
        pairs = [(_timed(desk), _timed(plain)) for _ in range(rounds)]
    ours = median(a for a, _ in pairs)
    reference = median(b for _, b in pairs)
    ratio = median(a / b for a, b in pairs)
    split = ", ".join(f"{k} {median(v):.2f}" for k, v in phases.items())
    return [
        {
            "name": f"CD-R image write + verify, {size_mib} MiB ({split} s)",
            "value": ours,
            "unit": "s",
            "target": "<= 1.15x",
            "ok": ratio <= 1.15,
            "reference": f"xorriso plain {reference:.2f} s",
            "ratio": ratio,
        }
    ]
