"""The audit trail's hash chain: canonical encoding, entry hash, signed head.

Each entry's SHA-256 covers the previous entry's hash and a canonical encoding of the
entry. The newest (seq, hash) is also kept as a head signed with HMAC under a key stored
outside the database, so deleting the tail (truncation) or rewriting the whole chain
cannot go unnoticed by someone who can edit the database but cannot read the key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS_HASH = "0" * 64
_SEP = "\x1e"


def canonical_details(details: dict[str, object]) -> str:
    """Stable JSON text for the details: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(
        details, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def canonical_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("audit times must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def entry_hash(
    seq: int,
    recorded_at: str,
    actor: str,
    action: str,
    subject: str,
    details: str,
    prev_hash: str,
) -> str:
    """SHA-256 over the canonical encoding of one entry, chained to `prev_hash`."""
    payload = _SEP.join((str(seq), recorded_at, actor, action, subject, details, prev_hash))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def sign_head(key: bytes, ledger_id: str, seq: int, head_hash: str) -> str:
    message = f"{ledger_id}{_SEP}{seq}{_SEP}{head_hash}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def head_signature_ok(key: bytes, ledger_id: str, seq: int, head_hash: str, sig: str) -> bool:
    return hmac.compare_digest(sign_head(key, ledger_id, seq, head_hash), sig)


@dataclass(frozen=True, slots=True)
class ChainReport:
    """Result of verifying the trail. `first_bad_seq` is None when the chain is intact."""

    entries: int
    ok: bool
    first_bad_seq: int | None = None
    reason: str = ""
    reason_params: tuple[tuple[str, object], ...] = ()


def sign_checkpoint(key: bytes, ledger_id: str, seq: int, head_hash: str, made_at: str) -> str:
    """A checkpoint's signature: another message than a head's (a checkpoint file can
    never be replayed as a head row)."""
    message = _SEP.join(("checkpoint", ledger_id, str(seq), head_hash, made_at)).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
