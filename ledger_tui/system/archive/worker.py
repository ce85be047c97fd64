"""Helper threads for the hashing, writing and reading that archive jobs do besides AES.

SHA-256 of the plaintext, SHA-256 of the archive bytes and writing to the stick all
release the GIL (hashlib and file writes do), so running them in one ordered helper
thread lets a second core work while the main thread encrypts. Tasks run in the order
they were submitted; the queue is bounded, so memory stays bounded; the first error a
task raises is re-raised in the submitting thread at its next call.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any, BinaryIO, Self

_STOP = object()


class OrderedWorker:
    def __init__(self, depth: int = 8) -> None:
        self._tasks: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._abandoned = False
        self._thread = threading.Thread(target=self._run, name="archive-worker", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            task = self._tasks.get()
            try:
                if task is _STOP:
                    return
                if self._error is None and not self._abandoned:  # after a failure, drop the rest
                    function, argument = task
                    function(argument)
            except BaseException as error:
                self._error = error
            finally:
                self._tasks.task_done()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def submit(self, function: Callable[[Any], object], argument: Any) -> None:
        self._raise()
        self._tasks.put((function, argument))

    def drain(self) -> None:
        """Wait until every submitted task ran; re-raise the first failure."""
        self._tasks.join()
        self._raise()

    def close(self) -> None:
        self._tasks.put(_STOP)
        self._thread.join()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is not None:  # the job failed: what is queued is no longer wanted
            self._abandoned = True
        self.close()


class Prefetcher:
    """Reads a stream front to back in a helper thread, a few chunks ahead of its reader.

    On a real stick the next chunk arrives while the current one is decrypted; reads
    release the GIL. `read(n)` returns exactly n bytes unless the stream ends first.
    """

    def __init__(
        self,
        stream: BinaryIO,
        end: int,
        chunk: int = 1 << 20,
        depth: int = 4,
    ) -> None:
        self._chunks: queue.Queue[bytes | BaseException] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._buffer = b""
        self._offset = 0
        self._finished = False
        self._thread = threading.Thread(
            target=self._run, args=(stream, end, chunk), name="archive-prefetch", daemon=True
        )
        self._thread.start()

    def _run(self, stream: BinaryIO, end: int, chunk: int) -> None:
        try:
            stream.seek(0)
            position = 0
            while position < end and not self._stop.is_set():
                data = stream.read(min(chunk, end - position))
                if not data:
                    break
                position += len(data)
                self._chunks.put(data)
            self._chunks.put(b"")
        except BaseException as error:
            self._chunks.put(error)

    def read(self, size: int) -> bytes:
        parts = []
        while size > 0:
            if self._offset == len(self._buffer):
                if self._finished:
                    break
                item = self._chunks.get()
                if isinstance(item, BaseException):
                    raise item
                if not item:
                    self._finished = True
                    break
                self._buffer, self._offset = item, 0
            take = min(size, len(self._buffer) - self._offset)
            if take == len(self._buffer) and self._offset == 0:
                parts.append(self._buffer)  # a whole chunk: no copy
            else:
                parts.append(self._buffer[self._offset : self._offset + take])
            self._offset += take
            size -= take
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def close(self) -> None:
        self._stop.set()
        while self._thread.is_alive():  # unblock a put() waiting for room
            try:
                self._chunks.get(timeout=0.05)
            except queue.Empty:
                pass
        self._thread.join()
