"""Pieces every form shares: printed dates, copy labels, the QR payload."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ledger_tui.system.pdf.dates import (
    form_date,
    form_date_cell,
    form_datetime,
    form_fiscal_year,
)
from ledger_tui.system.pdf.layout import Copy, copy_labels
from ledger_tui.system.pdf.qr import FormReference, parse_qr_payload, qr_payload

HASH = "ab" * 32


def test_dates_as_printed() -> None:
    assert form_date(date(2019, 5, 1), "ja") == "令和元年5月1日（2019-05-01）"
    assert form_date(date(2025, 6, 1), "en") == "2025-06-01 (Reiwa 7)"
    assert form_date(None, "ja") == ""
    assert form_date_cell(date(2025, 6, 1), "ja") == "令和7年6月1日\n（2025-06-01）"
    moment = datetime(2025, 6, 1, 5, 5, tzinfo=UTC)
    assert form_datetime(moment, "ja") == "令和7年6月1日（2025-06-01） 14時05分"
    assert form_datetime(moment, "en") == "2025-06-01 (Reiwa 7) 14:05"
    assert form_fiscal_year(date(2026, 3, 31), "ja") == "令和7年度"
    assert form_fiscal_year(date(2026, 3, 31), "en") == "FY2025 (Reiwa 7)"


def test_copy_labels() -> None:
    assert copy_labels(2, "ja") == ("区控", "委託先控")
    assert copy_labels(3, "en") == ("Ward copy", "Contractor copy", "Copy 3")
    assert copy_labels(1, "ja", order=(Copy.CONTRACTOR, Copy.WARD)) == ("委託先控",)
    with pytest.raises(ValueError):
        copy_labels(0, "ja")


def test_qr_payload_round_trip() -> None:
    reference = FormReference("SLIP", "R7-0042", HASH)
    payload = qr_payload(reference)
    assert payload == f"LTUI.SLIP.R7-0042.{HASH}"
    assert parse_qr_payload(payload) == reference
    assert parse_qr_payload(f"  {payload}\n") == reference  # a wedge reader adds Enter
    assert parse_qr_payload("LTUI.SLIP.R7-0042") == FormReference("SLIP", "R7-0042")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "R7-0042",
        "XX.SLIP.R7-0042",
        "LTUI.SLIP.R7 0042",
        f"LTUI.SLIP.R7-0042.{HASH}.x",
        "LTUI.SLIP.R7-0042.nothex",
    ],
)
def test_foreign_scans_are_not_forms(text: str) -> None:
    assert parse_qr_payload(text) is None


def test_qr_payload_refuses_unsafe_parts() -> None:
    with pytest.raises(ValueError):
        qr_payload(FormReference("SLIP", "R7.0042"))
    with pytest.raises(ValueError):
        qr_payload(FormReference("SLIP", "R7-0042", "NOT-HEX"))
