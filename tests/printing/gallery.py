"""The demo ledger's forms as `scripts/forms_gallery.py` lists them (the script is not
a package module: it is loaded from its file)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def load_gallery() -> Any:
    """The `scripts/forms_gallery.py` module (its `forms(ledger, lang)`)."""
    spec = importlib.util.spec_from_file_location(
        "forms_gallery", ROOT / "scripts/forms_gallery.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
