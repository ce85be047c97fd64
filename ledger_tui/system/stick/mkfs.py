"""Re-initialise a wiped stick: a fresh FAT32 (small sticks FAT16, large ones exFAT) file
system labelled from the control number, then checked by fsck and read back.

Volume labels. FAT allows 11 characters of uppercase ASCII, and control numbers hold
Japanese (税-USB-003), so the label is derived: the ASCII letter/digit runs of the control
number, uppercased and joined by "-" (税-USB-003 -> USB-003); if that is longer than 11,
the runs without separators; if still longer, its last 11 characters (the distinguishing
number sits at the end); "LEDGER" if nothing is left. exFAT labels are Unicode (15 UTF-16
units): the control number is used as it is when it fits, else the same rule with 15.
The full control number stays in the result for the certificate.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass

from ledger_tui.domain.errors import DomainError
from ledger_tui.i18n import Lang, t
from ledger_tui.system.stick.blockdev import DeviceMissing, device_size

MIB = 1024 * 1024
GIB = 1024 * MIB
EXFAT_THRESHOLD = 32 * GIB
# Below this FAT32 gets fewer than 65525 clusters and other systems may misread it.
FAT32_MIN_BYTES = 33 * MIB
FAT_LABEL_MAX = 11
EXFAT_LABEL_MAX = 15
EXFAT_FORBIDDEN = set('"*/:<>?\\|')
TOOL_TIMEOUT = 600  # seconds; mkfs on a large slow stick writes its FATs
PACKAGES = {
    "mkfs.vfat": "dosfstools",
    "fsck.vfat": "dosfstools",
    "mdir": "mtools",
    "mkfs.exfat": "exfatprogs",
    "fsck.exfat": "exfatprogs",
    "exfatlabel": "exfatprogs",
}


class FilesystemError(DomainError):
    """Making or checking the file system failed; the stick is wiped but not initialised."""


@dataclass(frozen=True)
class FilesystemResult:
    fs_type: str  # "vfat" or "exfat"
    fat_bits: int | None  # 32 or 16 for vfat
    label: str
    control_number: str
    tool_versions: tuple[str, ...]
    check_summary: str  # the checker's verdict line
    listing: str  # root directory (mdir) or label read back (exfatlabel)
    fat16_small_device: bool

    def notes(self, lang: Lang | None = None) -> list[str]:
        """Remarks for the certificate and the screen."""
        found = []
        if self.fat16_small_device:
            found.append(t("mkfs.note.fat16_small_device", lang, limit_mib=FAT32_MIN_BYTES // MIB))
        if self.label != self.control_number:
            found.append(
                t(
                    "mkfs.note.label_derived",
                    lang,
                    control_number=self.control_number,
                    label=self.label,
                )
            )
        return found


def _ascii_label(control_number: str, limit: int) -> str:
    runs = [run.upper() for run in re.findall(r"[A-Za-z0-9]+", control_number)]
    for candidate in ("-".join(runs), "".join(runs)):
        if len(candidate) <= limit:
            return candidate or "LEDGER"
    return "".join(runs)[-limit:]


def volume_label(control_number: str, fs_type: str) -> str:
    """The volume label for `control_number` on `fs_type` (rule in the module docstring)."""
    if fs_type == "exfat":
        fits = len(control_number.encode("utf-16-le")) // 2 <= EXFAT_LABEL_MAX
        clean = all(c.isprintable() and c not in EXFAT_FORBIDDEN for c in control_number)
        if control_number and fits and clean:
            return control_number
        return _ascii_label(control_number, EXFAT_LABEL_MAX)
    return _ascii_label(control_number, FAT_LABEL_MAX)


def _run(tool: str, *args: str, error_key: str) -> str:
    path = shutil.which(
        tool, path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
    )
    if path is None:
        raise FilesystemError("error.mkfs.tool_missing", tool=tool, package=PACKAGES[tool])
    env = {**os.environ, "LC_ALL": "C.UTF-8", "MTOOLS_SKIP_CHECK": "1"}
    try:
        done = subprocess.run(
            [path, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=TOOL_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise FilesystemError(error_key, tool=tool, detail="timeout") from None
    if done.returncode != 0:
        detail = _last_line(done.stderr) or _last_line(done.stdout) or f"exit {done.returncode}"
        raise FilesystemError(error_key, tool=tool, detail=detail)
    return done.stdout


def _first_line(output: str) -> str:
    return next((line.strip() for line in output.splitlines() if line.strip()), "")


def _last_line(output: str) -> str:
    return next((line.strip() for line in reversed(output.splitlines()) if line.strip()), "")


def _size_of(path: str) -> int:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise DeviceMissing("error.wipe.device_missing", device=path) from None
    try:
        return device_size(fd)
    finally:
        os.close(fd)


def make_filesystem(
    path: str, control_number: str, fs: str = "auto", exfat_threshold: int = EXFAT_THRESHOLD
) -> FilesystemResult:
    """Make the file system on the whole device `path` and check it.

    fs="auto" chooses exFAT above `exfat_threshold` bytes, else FAT (FAT16 below
    FAT32_MIN_BYTES). Raises FilesystemError with a desk-ready message."""
    if fs not in ("auto", "vfat", "exfat"):
        raise FilesystemError("error.mkfs.unknown_fs", fs=fs)
    size = _size_of(path)
    fs_type = fs if fs != "auto" else ("exfat" if size > exfat_threshold else "vfat")
    label = volume_label(control_number, fs_type)
    if fs_type == "exfat":
        return _make_exfat(path, control_number, label)
    return _make_vfat(path, control_number, label, 32 if size >= FAT32_MIN_BYTES else 16)


def _make_vfat(path: str, control_number: str, label: str, bits: int) -> FilesystemResult:
    made = _run("mkfs.vfat", "-F", str(bits), "-n", label, path, error_key="error.mkfs.failed")
    checked = _run("fsck.vfat", "-n", path, error_key="error.mkfs.check_failed")
    listing = _run("mdir", "-i", path, "::", error_key="error.mkfs.check_failed")
    version = _run("mdir", "--version", error_key="error.mkfs.check_failed")
    found = re.search(r"Volume in drive \S* is (.*)", listing)
    read_back = found.group(1).strip() if found else ""
    if read_back != label:
        raise FilesystemError("error.mkfs.label_mismatch", expected=label, found=read_back or "-")
    return FilesystemResult(
        fs_type="vfat",
        fat_bits=bits,
        label=label,
        control_number=control_number,
        tool_versions=(_first_line(made), _first_line(checked), _first_line(version)),
        check_summary=_last_line(checked),
        listing=listing.strip(),
        fat16_small_device=bits == 16,
    )


def _make_exfat(path: str, control_number: str, label: str) -> FilesystemResult:
    made = _run("mkfs.exfat", "-L", label, path, error_key="error.mkfs.failed")
    checked = _run("fsck.exfat", "-n", path, error_key="error.mkfs.check_failed")
    listing = _run("exfatlabel", path, error_key="error.mkfs.check_failed")
    found = re.search(r"label: (.*)", listing)
    read_back = found.group(1).strip() if found else ""
    if read_back != label:
        raise FilesystemError("error.mkfs.label_mismatch", expected=label, found=read_back or "-")
    return FilesystemResult(
        fs_type="exfat",
        fat_bits=None,
        label=label,
        control_number=control_number,
        tool_versions=(_first_line(made),),
        check_summary=_last_line(checked),
        listing=_last_line(listing),
        fat16_small_device=False,
    )
