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


_M_ARENA_MAX = -8  # mallopt's parameter number (glibc malloc.h)


@cache
def one_heap() -> bool:
    """Keep the allocations of threads started from now on in glibc's one main heap
    (arena), for the rest of the process; True where glibc took it.

    The archive pipeline allocates its chunks in one thread and frees them in
    another; with glibc's per-thread arenas each thread's heap keeps pages it once held.
    Measured on a 40 MiB + 10 MiB load (scripts/bench_load.py's phases): the peak grew
    by 32 MB over the idle desk with per-thread arenas, by 21 MB with one. The threads
    allocate a few large blocks a second, so sharing one arena's lock costs nothing
    measurable."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_ARENA_MAX, 1))
