"""File-system type and label of a stick's volume, read from its first sectors.

Only the kernel-uevent fallback needs this: with a udev daemon, udev's blkid builtin
puts ID_FS_TYPE and ID_FS_LABEL into the properties. We read the few sectors ourselves
instead of running `blkid`: no subprocess on the insertion path, and a plain read-only
open never competes with the exclusive open of a wipe that may start at that moment.

Knows the file systems a desk meets on sticks: FAT (vfat), exFAT, NTFS (no label), ext2/3/4
and ISO 9660. Anything else, a partition table or an unreadable device gives (None, None).
"""

from __future__ import annotations

import os
import struct

HEAD = 0x8800  # boot sector, ext superblock (at 1024) and the ISO 9660 descriptor (32 KiB)
MAX_DIR_READ = 64 * 1024  # labels sit in the first entries of the root directory

_FAT_LABEL_ATTR = 0x08
_FAT_LFN_ATTR = 0x0F
_EXFAT_LABEL_ENTRY = 0x83
_EXT_MAGIC = 0xEF53
_EXT_HAS_JOURNAL = 0x4
_EXT4_INCOMPAT = 0x40 | 0x80 | 0x200  # extents, 64bit, flex_bg: what blkid calls ext4


def probe_fs(node: str) -> tuple[str | None, str | None]:
    """(fs_type, label) of the volume at `node`; (None, None) when unknown."""
    try:
        fd = os.open(node, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return None, None
    try:
        head = os.pread(fd, HEAD, 0)
        return _identify(fd, head)
    except (OSError, struct.error, ValueError, ZeroDivisionError):
        return None, None
    finally:
        os.close(fd)


def _identify(fd: int, head: bytes) -> tuple[str | None, str | None]:
    if head[3:11] == b"EXFAT   ":
        return "exfat", _exfat_label(fd, head)
    if head[3:11] == b"NTFS    ":
        return "ntfs", None
    if head[510:512] == b"\x55\xaa" and (head[0x52:0x57] == b"FAT32" or head[0x36:0x39] == b"FAT"):
        return "vfat", _fat_label(fd, head)
    if len(head) >= 1024 + 0x88:
        (magic,) = struct.unpack_from("<H", head, 1024 + 0x38)
        if magic == _EXT_MAGIC:
            return _ext_type(head), _text(head[1024 + 0x78 : 1024 + 0x88], "utf-8")
    if head[0x8001:0x8006] == b"CD001":
        return "iso9660", _text(head[0x8028:0x8048], "ascii")
    return None, None


def _text(raw: bytes, encoding: str) -> str | None:
    return raw.split(b"\0", 1)[0].decode(encoding, "replace").strip() or None


def _fat_label(fd: int, boot: bytes) -> str | None:
    # The root directory's label entry is what Windows shows and renames; the copy in
    # the boot sector is often stale, so it is only the fallback.
    bps, spc, reserved, fats, root_entries, fat16_size = struct.unpack_from(
        "<HBHBHxxxH", boot, 0x0B
    )
    fat32 = fat16_size == 0
    fat_size = struct.unpack_from("<I", boot, 0x24)[0] if fat32 else fat16_size
    first_data = (reserved + fats * fat_size) * bps
    if fat32:
        root_cluster = struct.unpack_from("<I", boot, 0x2C)[0]
        offset, length = first_data + (root_cluster - 2) * spc * bps, spc * bps
    else:
        offset, length = first_data, root_entries * 32
    directory = os.pread(fd, min(length, MAX_DIR_READ), offset)
    for start in range(0, len(directory) - 31, 32):
        entry = directory[start : start + 32]
        if entry[0] == 0:
            break
        if entry[0] != 0xE5 and entry[11] != _FAT_LFN_ATTR and entry[11] & _FAT_LABEL_ATTR:
            return _fat_name(entry[:11])
    return _fat_name(boot[0x47:0x52] if fat32 else boot[0x2B:0x36])


def _fat_name(raw: bytes) -> str | None:
    # Sticks labelled on Japanese Windows store Shift_JIS (cp932) in the 8.3 name.
    name = raw.decode("cp932", "replace").strip()
    return None if name in ("", "NO NAME") else name


def _exfat_label(fd: int, boot: bytes) -> str | None:
    heap_offset, _, root_cluster = struct.unpack_from("<III", boot, 88)
    sector_shift, cluster_shift = boot[108], boot[109]
    offset = (heap_offset << sector_shift) + ((root_cluster - 2) << (sector_shift + cluster_shift))
    directory = os.pread(fd, min(1 << (sector_shift + cluster_shift), MAX_DIR_READ), offset)
    for start in range(0, len(directory) - 31, 32):
        entry = directory[start : start + 32]
        if entry[0] == 0:
            break
        if entry[0] == _EXFAT_LABEL_ENTRY:
            count = min(entry[1], 11)
            return entry[2 : 2 + 2 * count].decode("utf-16-le", "replace").strip() or None
    return None


def _ext_type(head: bytes) -> str:
    compat, incompat = struct.unpack_from("<II", head, 1024 + 0x5C)
    if incompat & _EXT4_INCOMPAT:
        return "ext4"
    return "ext3" if compat & _EXT_HAS_JOURNAL else "ext2"
