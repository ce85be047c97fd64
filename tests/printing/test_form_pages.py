"""Every form that fits one A4 page with ordinary data prints on one page per copy: the
demo ledger's forms (`scripts/forms_gallery.py`), each on the pages it has always
filled, and the sample forms the demo has none of. A regression here once put a return
slip's empty 備考 row and stamp boxes on a second sheet, and an erasure certificate's
two witness rows on another, because a line broke one character early."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from ledger_tui.db.uow import Ledger
from ledger_tui.i18n import Lang
from ledger_tui.system.pdf.erasure_certificate import (
    ErasureCertificate,
    render_erasure_certificate,
)
from ledger_tui.system.pdf.handover_slip import render_handover_slip
from ledger_tui.system.pdf.password_notice import render_password_notice
from ledger_tui.system.pdf.styles import KinsokuParagraph
from tests.printing import pdftools, samples
from tests.printing.gallery import load_gallery

#: The demo's forms that run longer than a page per copy with its data: the registers
#: (landscape lists of media), a sheet and the reports listing 16 items with notes, the clause
#: text of the special terms. Every other demo form fits one page.
LONGER = {
    "register-ward": 3,
    "register-KYOIKU": 2,  # each section's own media, lent or not
    "register-ZEI": 2,
    "sheet-C0001": 2,
    "report-C0001": 2,
    "report-C0002": 2,
    "terms-C0001": 2,
    "terms-C0002": 2,
    "terms-C0003": 2,
}
#: English clause text runs longer.
LONGER_IN = {"ja": LONGER, "en": {**LONGER, "terms-C0001": 3, "terms-C0002": 3, "terms-C0003": 3}}
FOOTER = re.compile(r"^\s*1\s*/\s*(\d+)\s*$", re.MULTILINE)


def pages_per_copy(pdf: Path) -> int:
    """The page count the first page's footer gives ("1 / n": each copy counts its own)."""
    found = FOOTER.findall(pdftools.text(pdf, 1, 1))
    assert len(found) == 1, found
    return int(found[0])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_demo_form_keeps_its_page_count(
    demo: Ledger, lang: Lang, tmp_path: Path, pdf_tools: None
) -> None:
    forms = load_gallery().forms(demo, lang)
    assert len(forms) >= 10
    counts = {}
    for name, render in forms:
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(render())
        counts[name] = pages_per_copy(pdf)
        assert pdftools.page_count(pdf) % counts[name] == 0, name
    assert counts == {name: LONGER_IN[lang].get(name, 1) for name, _ in forms}


#: The form's number, top right ("No." alone heads a table's first column).
NUMBER = re.compile(r"^No\.[ \t]*(\S+)[ \t]*$", re.MULTILINE)


def test_every_demo_paper_has_a_number_of_its_own(
    demo: Ledger, tmp_path: Path, pdf_tools: None
) -> None:
    """Two kinds of paper never print the same number (the 確認記録票 and the 契約完了報告
    of one contract both printed "No. C0001"); each number's prefix says what it is."""
    numbers: dict[str, str] = {}
    for name, render in load_gallery().forms(demo, "ja"):
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(render())
        [number] = NUMBER.findall(pdftools.text(pdf, 1, 1))
        numbers[name] = number
    kinds: dict[str, set[str]] = {}
    for name, number in numbers.items():
        kinds.setdefault(number, set()).add(name.split("-")[0])
    # (the registers read at one trail head share its number: one kind of paper)
    assert {n: k for n, k in kinds.items() if len(k) > 1} == {}
    prefixes = {name.split("-")[0]: number.split("-")[0] for name, number in numbers.items()}
    assert prefixes["sheet"] == "CHK" and prefixes["report"] == "RPT", prefixes
    assert len(set(prefixes.values())) == len(prefixes), prefixes


def _loop_device_serial() -> ErasureCertificate:
    """A wipe of a loop-device stick (the tests' sticks) records the device's path as
    the serial it read: a long ASCII run that wraps in its cell."""
    path = (
        "/tmp/pytest-of-root/pytest-494/"
        "test_print_through_cups_arrives_renders_and_counts_sqlite_0/stick0-0.img"
    )
    sample = samples.erasure_certificate()
    return replace(sample, medium=replace(sample.medium, serial=path))


SINGLE: dict[str, Callable[[], bytes]] = {
    "certificate": lambda: render_erasure_certificate(samples.erasure_certificate()),
    "certificate-long-serial": lambda: render_erasure_certificate(_loop_device_serial()),
    "slip": lambda: render_handover_slip(samples.out_slip(), copies=1),
    "notice": lambda: render_password_notice(samples.password_notice()),
}


@pytest.mark.parametrize("form", sorted(SINGLE))
def test_single_page_sample_forms_fit_one_page(
    form: str, save_pdf: Callable[[bytes, str], Path]
) -> None:
    pdf = save_pdf(SINGLE[form](), form)
    assert pdftools.page_count(pdf) == 1


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_table_header_breaks_inside_a_word(
    demo: Ledger, lang: Lang, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A column header breaks between words or at its own newlines, never inside a word
    (the witness record's 「消去後の状況確 / 認」, an English 「inspecti / on」): every run
    without a space is on one line, in every demo form in both languages."""
    headers: list[KinsokuParagraph] = []
    wrap = KinsokuParagraph.wrap

    def recording(self: KinsokuParagraph, width: float, height: float) -> tuple[float, float]:
        if self.style.name == "cell_header":
            headers.append(self)
        return wrap(self, width, height)

    monkeypatch.setattr(KinsokuParagraph, "wrap", recording)
    for _, render in load_gallery().forms(demo, lang):
        render()
    assert headers
    broken = {
        (header.text, " / ".join(header._lines))
        for header in headers
        if not set(header.text.split()) <= {w for line in header._lines for w in line.split()}
    }
    assert broken == set()
