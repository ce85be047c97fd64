"""Parts of the text catalogue, one module per area, each defining `TEXTS`.

Every module in this package is part of the catalogue; `ledger_tui.i18n` merges them and
refuses a key defined twice.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping

ALL_PARTS: tuple[Mapping[str, tuple[str, str]], ...] = tuple(
    importlib.import_module(f"{__name__}.{info.name}").TEXTS
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name)
)
