"""Wipe runs, erasure certificates and disposals: the wipe run's states and its one
table of moves.

A run is recorded in_progress before the first byte is written and ends once: verified,
failed, cancelled, or interrupted (a crash or a pulled stick found later). An ended run
never moves again; a new attempt is a new run.
"""

from __future__ import annotations

import enum

from ledger_tui.domain.errors import IllegalTransition


class WipeState(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    VERIFIED = "verified"
    FAILED = "failed"
    INTERRUPTED = "interrupted"
    CANCELLED = "cancelled"


class CertificateKind(enum.StrEnum):
    WIPE = "wipe"
    DESTROY = "destroy"
    RETURN_TO_FILE = "return_to_file"


class ErasureCategory(enum.StrEnum):
    """NIST SP 800-88 sanitisation category, printed as given on the certificate."""

    CLEAR = "clear"
    PURGE = "purge"
    DESTROY = "destroy"


class DisposalMethod(enum.StrEnum):
    SHRED = "shred"  # physical destruction (shredder for paper and discs)
    RETURN_TO_FILE = "return_to_file"  # the papers go back into the section's files


W = WipeState

#: The one table of allowed wipe-run moves. Anything not listed is refused.
TRANSITIONS: dict[WipeState, frozenset[WipeState]] = {
    W.IN_PROGRESS: frozenset({W.VERIFIED, W.FAILED, W.INTERRUPTED, W.CANCELLED}),
    W.VERIFIED: frozenset(),
    W.FAILED: frozenset(),
    W.INTERRUPTED: frozenset(),
    W.CANCELLED: frozenset(),
}


def check_wipe_transition(current: WipeState, target: WipeState, control_number: str) -> None:
    """Raise `IllegalTransition` unless `current -> target` is in the table."""
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(
            "error.wiping.illegal_transition",
            control_number=control_number,
            current=current,
            target=target,
        )
