"""A fake-capacity stick for the tests: a FUSE file that reports more bytes than it
keeps, with a real loop device over it (the kernel here has no device-mapper, so no
dm-linear table can map the tail onto the head).

Run as `python counterfeit.py MOUNTPOINT REPORTED REAL MODE`: the file MOUNTPOINT/stick.img
reports REPORTED bytes but keeps REAL; MODE "wrap" maps every offset modulo REAL (what
was written past REAL overwrites the start, as a fake controller does), "short" drops
writes past REAL and reads zeros there. `CounterfeitStick` starts it, waits for the
file, attaches the loop device, and undoes all of it (only its own loop device).
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

FILE = "stick.img"


class CounterfeitStick:
    def __init__(self, folder: Path, reported: int, real: int, mode: str = "wrap") -> None:
        self.mountpoint = folder / "fuse"
        self.mountpoint.mkdir()
        self.backing = self.mountpoint / FILE
        self.reported, self.real = reported, real
        self._server = subprocess.Popen(
            [sys.executable, __file__, str(self.mountpoint), str(reported), str(real), mode],
            stderr=subprocess.PIPE,
        )
        self.path = ""
        try:
            self._wait_for_file()
            self.path = subprocess.run(
                ["losetup", "--find", "--show", str(self.backing)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
        except BaseException:
            self.close()
            raise

    def _wait_for_file(self) -> None:
        for _ in range(500):  # the FUSE mount appears within a second or so
            if self._server.poll() is not None:
                assert self._server.stderr is not None
                raise RuntimeError(f"FUSE server failed: {self._server.stderr.read().decode()}")
            if os.path.ismount(self.mountpoint) and self.backing.exists():
                return
            time.sleep(0.01)
        raise RuntimeError("the FUSE file did not appear")

    def close(self) -> None:
        if self.path:
            subprocess.run(["losetup", "-d", self.path], check=False, capture_output=True)
            self.path = ""
        subprocess.run(
            ["fusermount3", "-u", str(self.mountpoint)], check=False, capture_output=True
        )
        try:
            self._server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._server.kill()
            self._server.wait()
        if self._server.stderr is not None:
            self._server.stderr.close()


def _serve(mountpoint: str, reported: int, real: int, mode: str) -> None:
    import mfusepy as fuse

    data = bytearray(real)

    def cells(offset: int, size: int) -> list[tuple[int, int, int]]:
        """(position in the request, cell, length) pieces of a transfer."""
        pieces, done = [], 0
        while done < size:
            at = offset + done
            if mode == "wrap":
                cell = at % real
                length = min(size - done, real - cell)
            else:
                cell = at if at < real else -1
                length = min(size - done, real - at) if at < real else size - done
            pieces.append((done, cell, length))
            done += length
        return pieces

    class Counterfeit(fuse.Operations):  # type: ignore[misc]
        use_ns = True

        def getattr(self, path: str, fh: Any = None) -> dict[str, int]:
            if path == "/":
                return {"st_mode": stat.S_IFDIR | 0o755, "st_nlink": 2}
            if path == f"/{FILE}":
                return {"st_mode": stat.S_IFREG | 0o644, "st_nlink": 1, "st_size": reported}
            raise fuse.FuseOSError(errno.ENOENT)

        def readdir(self, path: str, fh: Any) -> list[str]:
            return [".", "..", FILE]

        def open(self, path: str, flags: int) -> int:
            return 0

        def truncate(self, path: str, length: int, fh: Any = None) -> int:
            return 0

        def read(self, path: str, size: int, offset: int, fh: Any) -> bytes:
            out = bytearray(max(0, min(size, reported - offset)))
            for done, cell, length in cells(offset, len(out)):
                if cell >= 0:
                    out[done : done + length] = data[cell : cell + length]
            return bytes(out)

        def write(self, path: str, buf: bytes, offset: int, fh: Any) -> int:
            for done, cell, length in cells(offset, len(buf)):
                if cell >= 0:
                    data[cell : cell + length] = buf[done : done + length]
            return len(buf)

        def fsync(self, path: str, datasync: int, fh: Any) -> int:
            return 0

        def flush(self, path: str, fh: Any) -> int:
            return 0

    # direct_io: no page cache over the file, every read and write reaches the server
    fuse.FUSE(Counterfeit(), mountpoint, foreground=True, nothreads=True, direct_io=True)


if __name__ == "__main__":
    _serve(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
