"""Fixtures for printed forms: the PDF tools, a place to write PDFs, and the CUPS test
printer that `scripts/test.sh` starts (a private cupsd with a cups-pdf queue).

The tools are Debian packages (scripts/debs/printing.txt): a missing one fails the test
with the package to install. Without the test printer (pytest run outside
scripts/test.sh) the CUPS tests skip, and under CI (`CI=true`) they fail instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ledger_tui.db.uow import Ledger
from ledger_tui.services.demo.ledger import create_demo_ledger
from tests.printing.pdftools import TOOLS

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def pdf_tools() -> None:
    missing = sorted({package for tool, package in TOOLS.items() if shutil.which(tool) is None})
    if missing:
        pytest.fail(
            f"PDF test tools missing: install the Debian package(s) {', '.join(missing)} "
            "(./scripts/test.sh installs scripts/debs/printing.txt)",
            pytrace=False,
        )


@pytest.fixture
def save_pdf(tmp_path: Path, pdf_tools: None) -> Callable[[bytes, str], Path]:
    def save(data: bytes, name: str = "form") -> Path:
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        return path

    return save


@dataclass(frozen=True)
class TestPrinter:
    name: str
    output_dir: Path

    __test__ = False  # not a test class, despite the name

    def output_of(self, job_id: str) -> Path:
        """cups-pdf names its file '<title>...-job_<n>.pdf' (Label 2 in services.sh)."""
        number = job_id.rsplit("-", 1)[1]
        found = sorted(self.output_dir.glob(f"*-job_{number}.pdf"))
        assert len(found) == 1, f"expected one output for job {job_id}: {found}"
        return found[0]


@pytest.fixture(scope="session")
def test_printer() -> TestPrinter:
    name = os.environ.get("LEDGER_TUI_TEST_PRINTER", "")
    output = os.environ.get("LEDGER_TUI_TEST_PRINT_DIR", "")
    if not name or not output:
        message = (
            "no CUPS test printer: run the tests through ./scripts/test.sh, which starts "
            "a private cupsd with a cups-pdf queue (LEDGER_TUI_TEST_PRINTER)"
        )
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    if shutil.which("lp") is None:
        pytest.fail("lp missing: install the Debian package cups-client", pytrace=False)
    return TestPrinter(name, Path(output))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    """A fresh demo ledger (the forms `scripts/forms_gallery.py` prints)."""
    base = tmp_path_factory.mktemp("paper-demo")
    ledger = create_demo_ledger(f"sqlite:///{base / 'demo.sqlite3'}", base / "keys")
    yield ledger
    ledger.engine.dispose()
