"""The desk witness: outside the database, beside the keys, the highest trail entry this
desk has seen signed (seq and hash). A database put back to an older copy, or whose tail
was cut and an older head row replayed, is behind the witness (or holds another entry at
its seq); the trail alone cannot show that, since the older copy is self-consistent.

The file is signed with the audit key (as the head is), so an edited witness is seen.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ledger_tui.domain import audit as chain


@dataclass(frozen=True, slots=True)
class Witnessed:
    seq: int
    entry_hash: str
    seen_at: str


class WitnessDamaged(Exception):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"witness file damaged: {path}")


class Witness:
    def __init__(self, directory: Path, ledger_id: str, key: bytes) -> None:
        self.path = directory / f"witness-{ledger_id}.json"
        self._ledger_id = ledger_id
        self._key = key
        self._seen: Witnessed | None = None
        self._loaded = False

    def read(self) -> Witnessed | None:
        if not self._loaded:
            self._seen = self._read()
            self._loaded = True
        return self._seen

    def _read(self) -> Witnessed | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            seen = Witnessed(int(data["seq"]), str(data["hash"]), str(data["seen_at"]))
            signature = str(data["signature"])
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError):
            raise WitnessDamaged(self.path) from None
        if not chain.head_signature_ok(
            self._key, self._ledger_id, seen.seq, seen.entry_hash, signature
        ):
            raise WitnessDamaged(self.path)
        return seen

    def seen(self) -> tuple[int, str] | None:
        seen = self.read()
        return None if seen is None else (seen.seq, seen.entry_hash)

    def saw(self, seq: int, entry_hash: str, force: bool = False) -> None:
        """Remember (seq, hash) if it is beyond what this desk saw before; `force` (only
        after an administrator's recorded recovery) also moves it back."""
        if not force:
            current = self._read()  # another process of this desk may have moved it on
            if current is not None and current.seq >= seq:
                return
        when = datetime.now(UTC).isoformat(timespec="seconds")
        data = {
            "ledger_id": self._ledger_id,
            "seq": seq,
            "hash": entry_hash,
            "seen_at": when,
            "signature": chain.sign_head(self._key, self._ledger_id, seq, entry_hash),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, json.dumps(data, sort_keys=True).encode())
        finally:
            os.close(fd)
        os.replace(tmp, self.path)
        self._seen, self._loaded = Witnessed(seq, entry_hash, when), True
