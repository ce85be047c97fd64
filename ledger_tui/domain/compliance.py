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


#: The servicer's measures: seed 000's 受託事業者に行わせる情報保護対策 item by item
#: (operational 1-8, the PC's system measures 1(1)-(5), the tablet's 2(1)-(7)), then
#: special-terms clause 18 (staff training), which the desk also tracks on the sheet.
#: Codes are stable identifiers; the wording on screen and paper comes from the
#: catalogue (`measure.<code>`, the seed's own words) and may be rewritten per contract.
SERVICER_MEASURES: tuple[str, ...] = (
    "handlers_reported",  # 運用1 取扱責任者及び取扱者をあらかじめ指定し報告
    "safe_storage",  # 運用2 USBメモリは施錠できる金庫に保管、執務室から持ち出さない
    "id_during_visits",  # 運用3 調査時の身分証明・名札の携帯
    "tablet_locked_bag",  # 運用4 タブレットは施錠可能なカバンで持ち運び
    "pc_anti_theft",  # 運用5 パソコンの盗難防止対策
    "stick_returned",  # 運用6 USBメモリの返還
    "erasure_certificate",  # 運用7 PC・タブレットの立会消去と証明書の提出
    "slip_confirmation",  # 運用8 受け渡し票の内容確認
    "network_separation",  # システム1(1) インターネットからの分割・FW/IDS/IPS
    "antivirus_current",  # システム1(2) 最新のウイルス対策・更新プログラム
    "id_password",  # システム1(3) ID/パスワードによる認証・アクセス制御
    "stored_data_encrypted",  # システム1(4) パソコン内データの暗号化
    "log_management",  # システム1(5) ログ管理
    "tablet_network_limit",  # システム2(1) Wi-fi等の外部ネットワークとの接続制限
    "tablet_antivirus",  # システム2(2) タブレットのウイルス対策・更新プログラム
    "tablet_screen_lock",  # システム2(3) 認証、自動画面ロック、覗き見防止
    "per_investigator_split",  # システム2(4) 調査員毎のデータ分割
    "tablet_data_encrypted",  # システム2(5) タブレット内データの暗号化
    "tablet_no_output",  # システム2(6) データ出力・印刷その他の機能を使用不可
    "remote_wipe",  # システム2(7) リモート消去等
    "staff_training",  # 特記事項18 従事者への教育
)

#: The law firm's measures: seed 004's list item by item (operational 1-5, system 1-5),
#: then clause 18.
LAW_FIRM_MEASURES: tuple[str, ...] = (
    "handlers_reported",  # 運用1
    "provided_info_safe",  # 運用2 提供された情報は施錠できる金庫に保管
    "mail_registered",  # 運用3 対象者への送付物は書留若しくは弁護士指定の方法
    "media_returned_pc_erased",  # 運用4 CD-R等の返還、パソコンの消去と消去証明書
    "handover_record",  # 運用5 確認書による記録、書留郵便・鍵付きケース・メールのパスワード
    "pc_user_authentication",  # システム1 取り扱える者の特定、ID・パスワード等の利用認証
    "firewall",  # システム2 FW/IDS/IPS等の保護対策
    "pc_antivirus",  # システム3 最新のウイルス対策・更新プログラム
    "access_control",  # システム4 パソコン内の個人情報へのアクセス制御
    "log_management_enforced",  # システム5 ログ管理の徹底
    "staff_training",  # 特記事項18
)

#: Every measure code a template uses, each once, in order of first appearance.
MEASURES: tuple[str, ...] = tuple(dict.fromkeys(SERVICER_MEASURES + LAW_FIRM_MEASURES))

TEMPLATES: dict[SheetTemplate, tuple[str, ...]] = {
    SheetTemplate.SERVICER: SERVICER_MEASURES,
    SheetTemplate.LAW_FIRM: LAW_FIRM_MEASURES,
}

#: Code of an item the desk wrote itself (its label is the item's own text).
CUSTOM_MEASURE = "custom"

#: The special-terms clauses (特記事項) of the seeds, numbered 1..21.
CLAUSES: tuple[int, ...] = tuple(range(1, 22))
DEFAULT_CLAUSES: tuple[int, ...] = CLAUSES
#: Clauses printed under the heading of the clause before them, as in the seeds' 特記事項
#: (12 under 資料等の返還等, 16 and 17 under 監査等).
CLAUSES_UNDER_PREVIOUS_HEADING = frozenset({12, 16, 17})
#: Clauses whose heading in the seeds differs from their short label (`clause.<n>`).
CLAUSES_WITH_SEED_HEADING = frozenset({11, 13, 15})


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
