"""Archive passwords the desk reads to a contractor over the phone.

A password is groups of four characters joined by hyphens, e.g. ``K7MX-3FHT-...``. The
hyphens are part of the password: what the contractor hears and reads is exactly what
they type into 7-Zip, with nothing to leave out. Characters are ASCII only (7-Zip
refuses to create ZIPs with other passwords, and every keyboard has these) and drawn
with `secrets` from 23 characters that cannot be mistaken for one another on paper, on
screen or on the phone: upper-case letters without B D G I O Q S Z and digits without
0 1 2 5 8 (each dropped one has a twin: 8/B, 0/O/D/Q, 1/I, 2/Z, 5/S, 6/G). One case only,
so nobody has to say "capital". Length follows from the alphabet: enough characters
for at least 128 bits of entropy, rounded up to whole groups (32 characters, 144 bits).
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass

from ledger_tui.i18n import Lang, t

ALPHABET = "ACEFHJKLMNPRTUVWXY34679"
GROUP = 4
SEPARATOR = "-"
MIN_BITS = 128
BITS_PER_CHAR = math.log2(len(ALPHABET))
LENGTH = math.ceil(math.ceil(MIN_BITS / BITS_PER_CHAR) / GROUP) * GROUP
ENTROPY_BITS = LENGTH * BITS_PER_CHAR

# ICAO/NATO spelling alphabet: the standard words for reading letters aloud.
_SPELLING = {
    "A": "Alfa",
    "C": "Charlie",
    "E": "Echo",
    "F": "Foxtrot",
    "H": "Hotel",
    "J": "Juliett",
    "K": "Kilo",
    "L": "Lima",
    "M": "Mike",
    "N": "November",
    "P": "Papa",
    "R": "Romeo",
    "T": "Tango",
    "U": "Uniform",
    "V": "Victor",
    "W": "Whiskey",
    "X": "X-ray",
    "Y": "Yankee",
}


def generate_password() -> str:
    """A fresh password: LENGTH random characters of ALPHABET, grouped with hyphens."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return SEPARATOR.join(chars[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def is_generated_form(password: str) -> bool:
    """Whether `password` has the shape `generate_password` produces."""
    groups = password.split(SEPARATOR)
    return len(groups) == LENGTH // GROUP and all(
        len(g) == GROUP and set(g) <= set(ALPHABET) for g in groups
    )


@dataclass(frozen=True)
class SpokenGroup:
    """One group of the password and how to say each of its characters."""

    text: str
    words: tuple[str, ...]


def reading_aid(password: str, lang: Lang | None = None) -> list[SpokenGroup]:
    """How to read `password` aloud, group by group (letters with their spelling word)."""
    groups = []
    for group in password.split(SEPARATOR):
        words = []
        for char in group:
            if char.isdigit():
                words.append(t("archive.password.digit", lang, digit=char))
            elif char.upper() in _SPELLING:
                words.append(
                    t("archive.password.letter", lang, letter=char, word=_SPELLING[char.upper()])
                )
            else:
                words.append(char)
        groups.append(SpokenGroup(group, tuple(words)))
    return groups
