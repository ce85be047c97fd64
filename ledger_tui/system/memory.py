"""Handing freed memory back to the operating system.

CPython frees the objects of a big scan (the login-time check of a million-entry trail)
into glibc's heap, which keeps the pages; the desk's resident size would stay at its
peak for the rest of the day. `malloc_trim(0)` returns the free pages. Elsewhere than
glibc this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import cache


@cache
def _malloc_trim() -> ctypes._NamedFuncPointer | None:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        return ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None


def release_free_memory() -> bool:
    """Collect garbage and give free heap pages back; True where glibc could do it."""
    gc.collect()
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
