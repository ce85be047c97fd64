"""Paper follows its own language setting (`LEDGER_TUI_PAPER_LANG`, default Japanese),
never the screen's; every form printed in English fits the pages it fills in Japanese
and carries no Japanese text but the ledger's data (names, titles, items), and every
Japanese form carries no English sentence.

The forms are those of the demo ledger, made through the services the desk uses
(`scripts/forms_gallery.py` lists them), plus the samples of the forms the demo has none
of (certificate, password notice, register sheet, inspection record)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import JSON, String, Text, select

from ledger_tui import config
from ledger_tui.db.base import Base
from ledger_tui.db.uow import Ledger
from ledger_tui.i18n import Lang, set_language
from ledger_tui.services.lending.slip_paper import slip_document
from ledger_tui.system.pdf.erasure_certificate import render_erasure_certificate
from ledger_tui.system.pdf.inspection_record import render_inspection_record
from ledger_tui.system.pdf.media_register import render_media_register
from ledger_tui.system.pdf.password_notice import render_password_notice
from tests.printing import pdftools, samples
from tests.printing.gallery import load_gallery

#: Japanese script (kana, kanji, full-width forms and punctuation).
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff01-\uff5e]+")
#: An English word: three letters or more, one of them lower case and no hex digit (the
#: audit hash prints in lower-case hex; acronyms such as USB are upper case).
ENGLISH = re.compile(r"[A-Za-z]*[g-z][A-Za-z]*")
#: NIST SP 800-88's categories print as the standard names them, on Japanese paper too
#: (NIST SP 800-88 Destroy（物理破壊）).
NIST_CATEGORIES = frozenset({"Clear", "Purge", "Destroy"})


def _flat(text: str) -> str:
    return "".join(text.split())


def _ledger_data(ledger: Ledger) -> list[str]:
    """Every text the ledger holds (the data a form prints as it is), longest first."""
    found: set[str] = set()
    with ledger.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
            if not columns or table.name.startswith("audit"):
                continue
            for row in conn.execute(select(*columns)):
                for value in row:
                    values = value if isinstance(value, list) else [value]
                    found.update(_flat(str(v)) for v in values if isinstance(v, str) and v)
    return sorted(found, key=len, reverse=True)


def _sample_data(value: object) -> Iterator[str]:
    """Every text inside a form's sample data (dataclasses, tuples, strings)."""
    if isinstance(value, str):
        yield _flat(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _sample_data(getattr(value, item.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _sample_data(item)


def _leftover(pdf: Path, data: list[str], lang: Lang) -> list[str]:
    """What of the printed text is neither data nor in `lang`."""
    text = _flat(pdftools.text(pdf))
    for value in data:
        text = text.replace(value, " ")
    return _foreign(text, lang)


def _leftover_in_columns(pdf: Path, data: list[str], lang: Lang) -> list[str]:
    """`_leftover` for a form whose narrow columns wrap data inside their cells (the
    text read back interleaves the columns): the text as laid out, cut into words; a
    word that is part of a data value is data."""
    values = "\n".join(data)
    words = pdftools.text(pdf, layout=True).split()
    return _foreign(" ".join(word for word in words if word not in values), lang)


def _foreign(text: str, lang: Lang) -> list[str]:
    """The words of `text` not in `lang`."""
    if lang == "en":
        return JAPANESE.findall(text)
    return [
        word
        for word in re.findall(r"[A-Za-z]{3,}", text)
        if ENGLISH.fullmatch(word) and word not in NIST_CATEGORIES
    ]


def test_every_demo_form_fits_and_speaks_its_language(
    demo: Ledger, tmp_path: Path, pdf_tools: None
) -> None:
    gallery = load_gallery()
    data = sorted([*_ledger_data(demo), *gallery.ACTOR.name.split()], key=len, reverse=True)
    forms = {lang: dict(gallery.forms(demo, lang)) for lang in ("ja", "en")}
    assert forms["ja"].keys() == forms["en"].keys() and len(forms["ja"]) >= 10
    for name in forms["ja"]:
        pages = {}
        for lang in ("ja", "en"):
            pdf = tmp_path / f"{name}-{lang}.pdf"
            pdf.write_bytes(forms[lang][name]())
            pages[lang] = pdftools.page_count(pdf)
            # The register's, the erasure witness record's and the audit record's
            # narrow columns wrap a name, a model or a finding inside a cell: read
            # column by column.
            narrow = name.startswith(("register", "witness", "audits"))
            leftover = (_leftover_in_columns if narrow else _leftover)(pdf, data, lang)
            assert leftover == [], (name, lang)
        if not name.startswith("terms"):  # running clause text: English is longer
            assert pages["en"] == pages["ja"], (name, pages)


SAMPLES: dict[str, tuple[Callable[[], object], Callable[..., bytes]]] = {
    "certificate": (samples.erasure_certificate, render_erasure_certificate),
    "notice": (samples.password_notice, render_password_notice),
    "register": (samples.register_sheet, render_media_register),
    "inspection": (samples.inspection_record, render_inspection_record),
}


@pytest.mark.parametrize("form", sorted(SAMPLES))
def test_sample_forms_fit_and_speak_their_language(
    form: str, save_pdf: Callable[[bytes, str], Path]
) -> None:
    make, render = SAMPLES[form]
    sample = make()
    data = sorted(set(_sample_data(sample)), key=len, reverse=True)
    pages = {}
    for lang in ("ja", "en"):
        pdf = save_pdf(render(sample, lang), f"{form}-{lang}")
        pages[lang] = pdftools.page_count(pdf)
        assert _leftover(pdf, data, lang) == [], (form, lang)
    assert pages["en"] == pages["ja"], pages


def test_paper_follows_its_own_setting_not_the_screens(
    demo: Ledger, tmp_path: Path, pdf_tools: None
) -> None:
    slip_id = 1
    set_language("en")  # English screens
    try:
        english_screens = _flat(pdftools.text(_write(tmp_path, slip_document(demo, slip_id))))
        assert "個人情報受け渡し票" in english_screens  # paper stays Japanese
        demo.settings = replace(demo.settings, paper_lang="en")
        english_paper = _flat(pdftools.text(_write(tmp_path, slip_document(demo, slip_id))))
        assert "個人情報受け渡し票" not in english_paper and "Handover" in english_paper
    finally:
        set_language("ja")
    with pytest.raises(config.SettingsError) as bad:
        config.Settings.resolve(environ={config.PAPER_LANG_ENV: "fr"})
    assert config.PAPER_LANG_ENV in bad.value.message("en")


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "slip.pdf"
    path.write_bytes(data)
    return path
