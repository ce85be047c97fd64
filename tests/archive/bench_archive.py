"""Throughput of the encrypted load against plain copies, on a real FAT32 loop device.

Run as root: `.venv/bin/python -m tests.archive.bench_archive [MiB]`. Not a test (no timed
asserts in tests); scripts/bench.py can call `measure()`. Each figure is the best of three.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from ledger_tui.system.archive.reader import ArchiveReader, verify_against_manifest
from ledger_tui.system.archive.writer import ArchiveSource, write_archive
from ledger_tui.system.stick.fatfs import Stick

PASSWORD = "K7MX-3FHT-9ACE-WXYV"


class _Null:
    def write(self, data: bytes | bytearray) -> int:
        return len(data)


def _best(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(size_mib: int = 200, runs: int = 3) -> dict[str, float]:
    size = size_mib << 20
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "source.bin"  # incompressible, like data already zipped
        stream = Cipher(algorithms.AES(os.urandom(32)), modes.CTR(bytes(16))).encryptor()
        with source.open("wb") as out:
            for _ in range(size_mib):
                out.write(stream.update(bytes(1 << 20)))
        image = Path(scratch) / "stick.img"
        with image.open("wb") as out:
            out.truncate(size * 2 + (64 << 20))
        device = subprocess.run(
            ["losetup", "--find", "--show", str(image)], check=True, capture_output=True, text=True
        ).stdout.strip()
        try:
            subprocess.run(["mkfs.vfat", "-F", "32", device], check=True, capture_output=True)
            stick = Stick(device)

            def plain_copy() -> None:
                with stick.writer("plain.bin", overwrite=True) as out, source.open("rb") as f:
                    while chunk := f.read(1 << 20):
                        out.write(chunk)

            manifests = []

            def load() -> None:
                with stick.writer("load.zip", overwrite=True) as out, source.open("rb") as f:
                    manifests.append(
                        write_archive(
                            [ArchiveSource("a.bin", f, size)],
                            out,
                            PASSWORD,
                            archive_name="load.zip",
                        )
                    )

            def encrypt_only() -> None:
                with source.open("rb") as f:
                    write_archive(
                        [ArchiveSource("a.bin", f, size)], _Null(), PASSWORD, archive_name="x.zip"
                    )

            def verify() -> None:
                with stick.open("load.zip") as handle:
                    contents = ArchiveReader(handle).extract_all(PASSWORD)
                verify_against_manifest(contents, manifests[-1])

            def plain_read() -> None:
                with stick.open("load.zip") as handle:
                    while handle.read(1 << 20):
                        pass

            def plain_read_hashed() -> None:
                stick.read_into("load.zip", hashlib.sha256().update)

            result = {
                "copy_s": _best(runs, plain_copy),
                "load_s": _best(runs, load),
                "encrypt_only_s": _best(runs, encrypt_only),
                "verify_s": _best(runs, verify),
                "read_s": _best(runs, plain_read),
                "read_sha256_s": _best(runs, plain_read_hashed),
            }
        finally:
            subprocess.run(["losetup", "-d", device], check=False)
    result["load_over_copy"] = result["load_s"] / result["copy_s"]
    result["verify_speed_over_read"] = result["read_s"] / result["verify_s"]
    for key in [k for k in result if k.endswith("_s")]:
        result[key.replace("_s", "_MBps")] = size / result[key] / 1e6
    return result


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print(f"{size} MiB incompressible")
    for key, value in measure(size).items():
        print(f"{key:>24}: {value:8.3f}")


if __name__ == "__main__":
    main()
