"""Compliance vocabulary: the confirmation record sheet (確認記録票), the special terms
(特記事項), audits (監査・立入り調査) and incidents (事故報告).

Pure data and rules, no database: the measure templates a contract's sheet starts from,
the check statuses, the 21 special-terms clauses and which of them carry a duty the desk
can track, and the kinds and lifecycle of incidents. Labels live in the text catalogue
under `measure.<code>`, `clause.<number>`, `incident_kind.<kind>`.
"""

from __future__ import annotations

import enum
from datetime import date

from ledger_tui.domain.errors import InvalidInput


class CheckStatus(enum.StrEnum):
    """The status of one measure on the sheet, as printed: 済 / 未 / 該当なし."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"


class SheetTemplate(enum.StrEnum):
    """Which template a contract's sheet starts from (then edited per contract)."""

    SERVICER = "servicer"  # field investigators with tablets (the servicer's report)
    LAW_FIRM = "law_firm"  # an office working on PCs only, no field visits


#: Every measure the seeds ask of a contractor, in the order of the report's list.
#: Codes are stable identifiers; the wording on screen and paper comes from the
#: catalogue (`measure.<code>`) and may be rewritten per contract.
MEASURES: tuple[str, ...] = (
    "handlers_reported",  # 取扱責任者及び取扱者をあらかじめ指定し報告
    "safe_storage",  # USBメモリは施錠できる金庫に保管、執務室から持ち出さない
    "id_during_visits",  # 調査時の身分証明・名札の携帯
    "tablet_locked_bag",  # タブレットは施錠可能なカバンで持ち運び
    "pc_anti_theft",  # パソコンの盗難防止対策
    "stick_returned",  # USBメモリの返還
    "erasure_certificate",  # PC・タブレットの消去と証明書の提出
    "slip_confirmation",  # 受け渡し票の内容確認
    "network_separation",  # 外部ネットワークからの分離・FW/IDS
    "antivirus_current",  # 最新のウイルス対策・更新プログラム
    "id_password",  # ID/パスワードによる認証・アクセス制御
    "stored_data_encrypted",  # 保存データのパスワード付与・暗号化
    "log_management",  # ログ管理
    "per_investigator_split",  # 調査員毎のデータ分割
    "remote_wipe",  # リモート消去等
    "staff_training",  # 従事者への教育
)

#: Measures that exist only where field investigators carry tablets.
FIELD_ONLY: frozenset[str] = frozenset(
    {
        "id_during_visits",
        "tablet_locked_bag",
        "per_investigator_split",
        "remote_wipe",
    }
)

TEMPLATES: dict[SheetTemplate, tuple[str, ...]] = {
    SheetTemplate.SERVICER: MEASURES,
    SheetTemplate.LAW_FIRM: tuple(m for m in MEASURES if m not in FIELD_ONLY),
}

#: Code of an item the desk wrote itself (its label is the item's own text).
CUSTOM_MEASURE = "custom"

#: The special-terms clauses (特記事項) of the seeds, numbered 1..21.
CLAUSES: tuple[int, ...] = tuple(range(1, 22))
DEFAULT_CLAUSES: tuple[int, ...] = CLAUSES


class Duty(enum.StrEnum):
    """A duty of a special-terms clause the desk can track and remind of."""

    RETURN_AND_ERASURE = "return_and_erasure"  # 11, 12
    HANDLER_DESIGNATION = "handler_designation"  # 13
    ANNUAL_AUDIT = "annual_audit"  # 15-17
    TRAINING = "training"  # 18
    INCIDENT_REPORTING = "incident_reporting"  # 19


DUTY_CLAUSES: dict[Duty, frozenset[int]] = {
    Duty.RETURN_AND_ERASURE: frozenset({11, 12}),
    Duty.HANDLER_DESIGNATION: frozenset({13}),
    Duty.ANNUAL_AUDIT: frozenset({15, 16, 17}),
    Duty.TRAINING: frozenset({18}),
    Duty.INCIDENT_REPORTING: frozenset({19}),
}


def clean_clauses(values: list[int]) -> list[int]:
    """The clauses a contract carries: known numbers, sorted, no repeats, at least one."""
    result = sorted(set(values))
    for number in result:
        if number not in CLAUSES:
            raise InvalidInput("error.clause.unknown", field="special_terms", value=number)
    if not result:
        raise InvalidInput("error.field.required", field="special_terms")
    return result


def parse_clauses(text: str) -> list[int]:
    """Clauses written as numbers and ranges, `1-10,13,15-19` (、 separates too)."""
    numbers: list[int] = []
    for part in text.replace("、", ",").replace("－", "-").split(","):
        part = part.strip()
        if not part:
            continue
        low, _, high = part.partition("-")
        try:
            first, last = int(low), int(high or low)
        except ValueError:
            raise InvalidInput("error.clause.format", field="special_terms") from None
        if first > last:
            raise InvalidInput("error.clause.format", field="special_terms")
        numbers += range(first, last + 1)
    return clean_clauses(numbers)


def format_clauses(clauses: list[int]) -> str:
    """The inverse: `[1, 2, 3, 5]` -> `1-3,5`."""
    runs: list[list[int]] = []
    for number in sorted(set(clauses)):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def duties_of(clauses: list[int]) -> frozenset[Duty]:
    """The trackable duties a contract carries: a duty applies when any of its clauses
    is among the contract's special terms."""
    chosen = set(clauses)
    return frozenset(d for d, numbers in DUTY_CLAUSES.items() if numbers & chosen)


class IncidentKind(enum.StrEnum):
    LOSS = "loss"  # 紛失 (of a medium: moves it to lost)
    THEFT = "theft"  # 盗難
    LEAK = "leak"  # 漏えい
    MISDELIVERY = "misdelivery"  # 誤送付・誤送信
    VIOLATION = "violation"  # 特記事項違反 (e.g. copying, taking out of the office)
    OTHER = "other"


#: Kinds in which the ward no longer holds or knows where the medium is.
MEDIUM_GONE: frozenset[IncidentKind] = frozenset({IncidentKind.LOSS, IncidentKind.THEFT})


class IncidentState(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class AuditKind(enum.StrEnum):
    ON_SITE = "on_site"  # 立入り調査
    DOCUMENT = "document"  # 書面調査 (report requested under clause 14)


def check_not_future(day: date, today: date, field: str) -> None:
    if day > today:
        raise InvalidInput("error.date.future", field=field, day=day.isoformat())
