"""The fonts embedded in every form: IPAexGothic for Japanese, a monospace for passwords.

reportlab embeds (subsets) TrueType fonts only; it refuses CFF-flavoured .otf files, so
the font must be a real .ttf. IPAexGothic is under the IPA Font License v1.0, which
allows embedding it in documents. Registration parses the font file once per process.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ledger_tui.domain.errors import DomainError

#: Where Debian (fonts-ipaexfont-gothic) and other distributions put IPAexGothic.
GOTHIC_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/ipa-ex-gothic/ipaexg.ttf",
    "/usr/share/fonts/ipaex-gothic/ipaexg.ttf",
    "/usr/share/fonts/TTF/ipaexg.ttf",
    "/usr/local/share/fonts/ipaexg.ttf",
)
#: A monospace with distinct 0/O and 1/l for passwords (Debian fonts-dejavu-core).
MONO_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/TTF/DejaVuSansMono.ttf",
)

GOTHIC_ENV = "LEDGER_TUI_FONT"
MONO_ENV = "LEDGER_TUI_MONO_FONT"


@dataclass(frozen=True, slots=True)
class FontSet:
    """reportlab names of the registered fonts and the files they came from."""

    gothic: str
    mono: str
    gothic_path: Path
    mono_path: Path


def _first_existing(env: str, candidates: tuple[str, ...]) -> tuple[Path | None, list[str]]:
    override = os.environ.get(env, "").strip()
    searched = [override] if override else list(candidates)
    for name in searched:
        if Path(name).is_file():
            return Path(name), searched
    return None, searched


def _register(name: str, path: Path) -> str:
    try:
        pdfmetrics.registerFont(TTFont(name, str(path)))
    except (TTFError, OSError) as exc:
        raise DomainError("error.print.font_unusable", path=str(path), detail=str(exc)) from exc
    return name


@cache
def form_fonts() -> FontSet:
    """Find and register the fonts once per process; a missing Japanese font is an error
    the operator can fix, a missing monospace falls back to the Japanese font."""
    gothic_path, searched = _first_existing(GOTHIC_ENV, GOTHIC_CANDIDATES)
    if gothic_path is None:
        raise DomainError("error.print.font_missing", paths=", ".join(searched))
    gothic = _register("LedgerGothic", gothic_path)
    mono_path, _ = _first_existing(MONO_ENV, MONO_CANDIDATES)
    if mono_path is None:
        return FontSet(gothic, gothic, gothic_path, gothic_path)
    return FontSet(gothic, _register("LedgerMono", mono_path), gothic_path, mono_path)
