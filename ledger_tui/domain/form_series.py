"""Form numbers: each kind of numbered paper has its own series.

A number names its kind, its fiscal year and its place in that year: ``SLIP-R8-0001``
is the first handover slip of 令和8年度, ``CERT-R8-0001`` the first certificate. Each
series has its own counter (one row per series and fiscal year in `form_counters`),
restarting every 1 April, so two kinds of paper made on one day never share a number.

The prefix is ASCII (upper-case letters): the number is printed, typed at the CLI and
carried in the QR code a keyboard-wedge reader types, which keeps to keys that sit in the
same place on US and JIS keyboards. Numbers issued before the prefixes (``R8-0001``)
were prefixed by migration 0018; a bare number typed or scanned from older paper still
finds its form, because a lookup adds the series' prefix when none is given.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date

from ledger_tui.domain.wareki import form_number

_NUMBER = re.compile(r"^(?:([A-Z]+)-)?([A-Z]+\d+)-(\d{1,6})$")
_FULLWIDTH_TO_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


@dataclass(frozen=True, slots=True)
class FormSeries:
    """One series of form numbers: its counter key and the prefix printed before it."""

    counter: str
    prefix: str

    def number(self, day: date, sequence: int) -> str:
        """SLIP-R7-0042 for the 42nd slip of fiscal year 2025."""
        return f"{self.prefix}-{form_number(day, sequence)}"

    def normalise(self, raw: str) -> str:
        """A number as typed or scanned: `slip-r7-42`, `r7-42` (older paper, no prefix)
        and `ＳＬＩＰ－Ｒ７－００４２` all give `SLIP-R7-0042`; anything else is returned
        cleaned only (and then finds nothing)."""
        value = raw.strip().translate(_FULLWIDTH_TO_ASCII).replace("\u2212", "-").upper()
        match = _NUMBER.match(value)
        if match is None:
            return value
        prefix = match.group(1) or self.prefix
        return f"{prefix}-{match.group(2)}-{int(match.group(3)):04d}"


#: 個人情報受け渡し票 (handover slips, out and back, and their cancelling slips).
HANDOVER_SLIP = FormSeries("handover_slip", "SLIP")
#: データ消去証明書 and the other end-of-life certificates (shredding, return to file).
CERTIFICATE = FormSeries("erasure_certificate", "CERT")
#: パスワード通知書.
PASSWORD_NOTICE = FormSeries("password_notice", "PWN")
#: 点検記録.
INSPECTION = FormSeries("inspection", "INSP")
#: 事故報告書.
INCIDENT = FormSeries("incident", "INC")

#: Every series; prefixes and counters are unique (a test holds them so).
SERIES: tuple[FormSeries, ...] = (
    HANDOVER_SLIP,
    CERTIFICATE,
    PASSWORD_NOTICE,
    INSPECTION,
    INCIDENT,
)


# --- papers numbered by their contract ---------------------------------------------------


class ContractPaperKind(enum.StrEnum):
    """Papers made once per contract (or per contract and event), numbered by the
    contract rather than by a counter. Each has its own ASCII prefix, so the 確認記録票
    and the 契約完了報告 of contract 12 no longer both print "C0012"."""

    SHEET = "CHK"  # 確認記録票
    REPORT = "RPT"  # 契約完了報告 / 契約状況報告
    AUDITS = "AUD"  # 監査記録
    TERMS = "TRM"  # 特記事項（別紙）
    HANDLERS = "HDL"  # 取扱責任者・取扱者 指定報告
    WITNESS = "ERW"  # 電磁的媒体の消去立会確認書


def contract_paper_number(kind: ContractPaperKind, contract_id: int, suffix: str = "") -> str:
    """CHK-C0012 for contract 12's 確認記録票; `suffix` names the event within the
    contract (the close-out's trail entry, the contractor erasure: ERW-C0012-E3)."""
    return f"{kind.value}-C{contract_id:04d}{suffix}"
