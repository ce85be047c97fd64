"""Generated passwords: ASCII, unambiguous, at least 128 bits, readable over the phone."""

from __future__ import annotations

import math
import re

from ledger_tui.system.secrets import passwords
from ledger_tui.system.secrets.passwords import generate_password, is_generated_form, reading_aid

# Characters that are read or heard as one another: at most one of each group is used.
CONFUSABLE = ["0ODQ", "1Il", "2Z", "5S", "8B", "6G"]


def test_alphabet_is_ascii_and_unambiguous() -> None:
    alphabet = passwords.ALPHABET
    assert alphabet.isascii() and len(set(alphabet)) == len(alphabet)
    assert all(len(set(group) & set(alphabet)) <= 1 for group in CONFUSABLE)
    assert alphabet == alphabet.upper()  # one case: nobody has to say "capital"


def test_length_gives_at_least_128_bits() -> None:
    bits = passwords.LENGTH * math.log2(len(passwords.ALPHABET))
    assert bits >= 128 and passwords.ENTROPY_BITS == bits
    # no shorter whole number of groups would do
    assert (passwords.LENGTH - passwords.GROUP) * math.log2(len(passwords.ALPHABET)) < 128


def test_generated_passwords_are_grouped_with_hyphens_included() -> None:
    made = {generate_password() for _ in range(500)}
    assert len(made) == 500
    groups = passwords.LENGTH // passwords.GROUP
    char = f"[{passwords.ALPHABET}]"
    pattern = re.compile(rf"^{char}{{4}}(-{char}{{4}}){{{groups - 1}}}$")
    assert all(pattern.match(p) and is_generated_form(p) for p in made)
    assert set("".join(made).replace("-", "")) == set(passwords.ALPHABET)
    assert not is_generated_form("ABCD-EFGH")


def test_reading_aid_spells_each_group() -> None:
    groups = reading_aid("AC34-XY79", "ja")
    assert [g.text for g in groups] == ["AC34", "XY79"]
    assert groups[0].words == ("A（Alfa の A）", "C（Charlie の C）", "数字の 3", "数字の 4")
    english = reading_aid("AC34-XY79", "en")
    assert english[1].words == ("X as in X-ray", "Y as in Yankee", "digit 7", "digit 9")
