"""The demo ledger: fictional sections, contractors, contracts, handlers and media, and
loans and handover slips in every state (`demo_lending`).

Everything goes through the ordinary services, so the demo's audit trail looks like
real desk work and verifies. Dates are relative to the ledger clock, so the servicer's
contract is always running today. The demo is replayed from some months back to today
on a story clock (see `demo_lending`), so its slips carry realistic dates. No resident
appears anywhere: the people named are the fictional desk staff and contractor handlers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session

from ledger_tui.config import Settings
from ledger_tui.db.engine import make_engine, sqlite_path
from ledger_tui.db.migrate import alembic_config
from ledger_tui.db.models import Contract, Contractor, LedgerMeta, Medium, Operator, Section
from ledger_tui.db.uow import SYSTEM, Actor, Clock, Ledger, utc_now
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.errors import Conflict
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.domain.operators import Role
from ledger_tui.domain.wareki import fiscal_year_bounds
from ledger_tui.domain.wipes import DisposalMethod
from ledger_tui.services import auth, organisation
from ledger_tui.services.demo.compliance import tell_compliance
from ledger_tui.services.demo.lending import (
    STORY_DAYS,
    StoryCast,
    StoryClock,
    StoryContract,
    tell,
)
from ledger_tui.services.ledger.bootstrap import LEDGER_ID, open_ledger
from ledger_tui.services.paper import LEDGER_NAME_KEY, set_ward_name
from ledger_tui.services.register import media
from ledger_tui.services.wiping import disposals
from ledger_tui.system.secrets.keys import KeyStore, ledger_secret_name, legacy_audit_key_name

DEMO_MARK = "demo"
DEMO_NAME = "デモ台帳"


@dataclass(frozen=True, slots=True)
class DemoLogin:
    login: str
    name: str
    password: str
    role: Role
    section: str = ""


ADMIN = DemoLogin("demo", "区 太郎", "demo-demo-demo", Role.ADMIN)
DESK = DemoLogin("desk", "窓口 花子", "desk-desk-desk", Role.OPERATOR, "ZEI")
LOGINS = (ADMIN, DESK)

SECTIONS = (("ZEI", "税務課"), ("KYOIKU", "教育調整課"))

SERVICER = "株式会社サンプル債権回収"
LAW_FIRM = "弁護士法人サンプル法律事務所"
CONTRACTORS = (
    (
        SERVICER,
        "東京都千代田区見本町一丁目2番3号",
        "03-0000-1234",
        "法務大臣許可の債権回収会社（サービサー）。入札により選定。",
    ),
    (LAW_FIRM, "東京都新宿区見本四丁目5番6号", "03-0000-5678", "奨学資金貸付金の督促等を受任。"),
)

SURVEY_TITLE = "新宿区外転出者の現地調査業務委託"
DUNNING_TITLE = "債権（奨学資金貸付金）回収に係る督促等業務委託"
ENDED_TITLE = "奨学資金貸付金に係る所在調査業務委託（前期）"
CONTRACT_TITLES = (SURVEY_TITLE, DUNNING_TITLE, ENDED_TITLE)
#: The issuer printed on the demo's forms (the seeds' ward).
WARD_NAME = "新宿区"


@dataclass(frozen=True, slots=True)
class DemoMedium:
    form: media.MediumForm
    #: States to move through after registration, each with the reason for the trail.
    moves: tuple[tuple[MediumState, str], ...] = ()


_USB_READY = (
    (MediumState.WIPE_PENDING, "新規購入品の初期消去"),
    (MediumState.BLANK, "全領域の消去と読み戻し確認済み"),
)
_GB16 = 16_013_852_672
_GB32 = 31_914_983_424
_CD700 = 737_280_000


def _usb(
    number: str,
    vendor: str,
    model: str,
    serial: str,
    usb_id: str,
    capacity: int,
    location: str,
    *moves: tuple[MediumState, str],
    notes: str = "",
) -> DemoMedium:
    return DemoMedium(
        media.MediumForm(
            number,
            kind=MediumKind.USB,
            vendor=vendor,
            model=model,
            serial=serial,
            usb_id=usb_id,
            capacity_bytes=capacity,
            hardware_lock=True,
            location=location,
            notes=notes,
        ),
        tuple(moves),
    )


def _other(
    number: str,
    kind: MediumKind,
    vendor: str,
    model: str,
    capacity: int | None,
    location: str,
    *moves: tuple[MediumState, str],
    seal: str = "",
    notes: str = "",
) -> DemoMedium:
    return DemoMedium(
        media.MediumForm(
            number,
            kind=kind,
            vendor=vendor,
            model=model,
            capacity_bytes=capacity,
            seal_number=seal,
            location=location,
            notes=notes,
        ),
        tuple(moves),
    )


MEDIA: tuple[DemoMedium, ...] = (
    _usb(
        "税-USB-001",
        "I-O DATA",
        "ED-HB3",
        "HB3A0C21E7F01",
        "04bb:1d4e",
        _GB16,
        "金庫A",
        *_USB_READY,
    ),
    _usb(
        "税-USB-002",
        "I-O DATA",
        "ED-HB3",
        "HB3A0C21E7F02",
        "04bb:1d4e",
        _GB16,
        "金庫A",
        *_USB_READY,
    ),
    _usb(
        "税-USB-003",
        "I-O DATA",
        "ED-HB3",
        "HB3A0C21E7F15",
        "04bb:1d4e",
        _GB16,
        "金庫A",
        *_USB_READY,
    ),
    _usb(
        "税-USB-004",
        "BUFFALO",
        "RUF3-HSL",
        "RHSL24100571",
        "0411:02a5",
        _GB16,
        "金庫B",
        notes="新規購入品（未確認）",
    ),
    _usb(
        "税-USB-005",
        "BUFFALO",
        "RUF3-HSL",
        "RHSL24100572",
        "0411:02a5",
        _GB16,
        "金庫B",
        *_USB_READY,
    ),
    _usb(
        "税-USB-006",
        "ELECOM",
        "MF-ENU3",
        "ENU3B7730918",
        "056e:6b1c",
        _GB16,
        "金庫B",
        *_USB_READY,
        (MediumState.RETIRED, "ロック機構の不具合のため除籍"),
        notes="メーカー保証で交換",
    ),
    _usb(
        "税-USB-007",
        "ELECOM",
        "MF-ENU3",
        "ENU3B7730922",
        "056e:6b1c",
        _GB16,
        "金庫B",
        *_USB_READY,
        (MediumState.LOST, "定期点検で所在不明（事故として報告済み）"),
    ),
    _usb(
        "教-USB-001",
        "BUFFALO",
        "RUF3-HSL",
        "RHSL32200113",
        "0411:02a6",
        _GB32,
        "教育調整課 金庫",
        *_USB_READY,
    ),
    _usb(
        "教-USB-002",
        "I-O DATA",
        "ED-HB3",
        "HB3A0C32A0407",
        "04bb:1d4f",
        _GB32,
        "教育調整課 金庫",
        _USB_READY[0],
    ),
    _other(
        "教-CD-001", MediumKind.CDR, "Verbatim", "CD-R 700MB", _CD700, "教育調整課 キャビネット2"
    ),
    _other(
        "教-CD-002", MediumKind.CDR, "Verbatim", "CD-R 700MB", _CD700, "教育調整課 キャビネット2"
    ),
    _other(
        "教-CD-003",
        MediumKind.CDR,
        "Verbatim",
        "CD-R 700MB",
        _CD700,
        "教育調整課 キャビネット2",
        (MediumState.DESTROYED, "書込み失敗のため裁断"),
    ),
    _other(
        "教-CASE-001",
        MediumKind.PAPER_CASE,
        "KOKUYO",
        "A4 ケース",
        None,
        "教育調整課 金庫",
        seal="封印 No.0451",
    ),
    _other(
        "教-CASE-002",
        MediumKind.PAPER_CASE,
        "KOKUYO",
        "A4 ケース",
        None,
        "教育調整課 金庫",
        seal="封印 No.0452",
    ),
)


# --- emptiness and the demo mark ------------------------------------------------------


def _has_rows(session: Session) -> bool:
    for model in (Operator, Section, Contractor, Contract, Medium):
        if session.scalar(select(func.count()).select_from(model)):
            return True
    return False


def is_empty(ledger: Ledger) -> bool:
    """True while the ledger holds no operator, section, contractor, contract or medium."""
    with ledger.read_session() as session:
        return not _has_rows(session)


def _existing_ledger(engine: Engine) -> tuple[str | None, bool, bool]:
    """(ledger id, is marked demo, has rows) of whatever is at `engine`, schema or not."""
    if not inspect(engine).has_table(LedgerMeta.__tablename__):
        return None, False, False
    with Session(engine) as session:
        ledger_id = session.get(LedgerMeta, LEDGER_ID)
        mark = session.get(LedgerMeta, DEMO_MARK)
        return (ledger_id.value if ledger_id else None, mark is not None, _has_rows(session))


# --- building ---------------------------------------------------------------------------


def _demo_move(ledger: Ledger, admin: Actor, number: str, target: MediumState, reason: str) -> None:
    """The register's manual move, except that a demo stick may be marked blank as if a
    verified wipe had run (the demo has no real sticks); the trail says so. A medium
    destroyed is shredded as the desk does it, with its 廃棄証明書 (witnessed by the
    desk's operator)."""
    if target is MediumState.DESTROYED:
        disposals.destroy_medium(
            ledger, admin, number, method=DisposalMethod.SHRED, witness=DESK.name, notes=reason
        )
        return
    if target is MediumState.BLANK:
        with ledger.unit_of_work() as uow:
            medium = media.get_medium(uow, number)
            media.move_medium(uow, admin, medium, target, reason, demo_simulated_wipe=True)
            uow.commit()
        return
    media.change_state(ledger, admin, number, target, reason)


def build_demo(ledger: Ledger) -> None:
    """Fill an empty ledger with the demo data; refuse a ledger that holds anything."""
    if not is_empty(ledger):
        raise Conflict("demo.error.not_empty")
    real_clock = ledger.clock
    now = real_clock()
    story = StoryClock(now - timedelta(days=STORY_DAYS), now)
    ledger.clock = story
    try:
        _build(ledger, story, local_date(now))
    finally:
        ledger.clock = real_clock


def _build(ledger: Ledger, story: StoryClock, today: date) -> None:
    with ledger.unit_of_work() as uow:
        # Marked first, so a half-built demo can still be recreated with demo --reset.
        uow.set_meta(DEMO_MARK, "1")
        uow.set_meta(LEDGER_NAME_KEY, DEMO_NAME)
        uow.record(SYSTEM, "ledger.demo", f"ledger:{ledger.ledger_id}")
        uow.commit()
    admin = auth.create_first_admin(ledger, ADMIN.login, ADMIN.name, ADMIN.password)
    for code, name in SECTIONS:
        organisation.add_section(ledger, admin, code, name)
    auth.add_operator(ledger, admin, DESK.login, DESK.name, DESK.password, DESK.role, DESK.section)
    for name, address, phone, notes in CONTRACTORS:
        organisation.add_contractor(ledger, admin, name, address, phone, notes)
    survey, dunning, ended = _contracts(ledger, admin, today)
    for item in MEDIA:
        # 税-… belong to 税務課, 教-… to 教育調整課 (the section a certificate names).
        section = "ZEI" if item.form.control_number.startswith("税") else "KYOIKU"
        media.register_medium(ledger, admin, replace(item.form, section_code=section))
        for target, reason in item.moves:
            _demo_move(ledger, admin, item.form.control_number, target, reason)
    set_ward_name(ledger, admin, WARD_NAME)
    desk = auth.login(ledger, DESK.login, DESK.password)
    cast = StoryCast(desk, admin, survey, dunning, ended)
    tell(ledger, story, cast, today)
    tell_compliance(ledger, story, cast, today)


def _contracts(
    ledger: Ledger, admin: Actor, today: date
) -> tuple[StoryContract, StoryContract, StoryContract]:
    fy_start, fy_end = fiscal_year_bounds(today)
    # The survey runs two to three months around today, inside the fiscal year.
    survey_start = max(fy_start, today - timedelta(days=30))
    survey_end = min(fy_end, today + timedelta(days=60))
    survey = organisation.add_contract(
        ledger,
        admin,
        organisation.ContractForm(
            title=SURVEY_TITLE,
            section_code="ZEI",
            contractor_name=SERVICER,
            period_start=survey_start,
            period_end=survey_end,
            purpose="区外に転出した滞納者の居住実態を把握し、効率的な滞納整理を実施する。",
            provided_items=["郵便番号", "住所", "方書", "氏名"],
            collected_items=["居住の有無", "表札", "家屋写真", "大家・管理会社"],
            allowed_media_kinds=["usb"],
            allowed_transfer_methods=["hand"],
            planned_record_count=500,
        ),
    )
    dunning = organisation.add_contract(
        ledger,
        admin,
        organisation.ContractForm(
            title=DUNNING_TITLE,
            section_code="KYOIKU",
            contractor_name=LAW_FIRM,
            period_start=fy_start,
            period_end=fy_end,
            purpose="債権（奨学資金貸付金）回収困難案件の解消を図る。",
            provided_items=[
                "氏名",
                "住所（戸籍）",
                "生年月日",
                "性別",
                "連絡先",
                "経過・交渉記録",
                "債権金額",
            ],
            allowed_media_kinds=["cdr", "paper_case"],
            allowed_transfer_methods=["registered_mail", "locked_case", "email"],
            planned_record_count=4,
        ),
    )
    # Ended ten days ago with a stick still out: overdue, and red on the dashboard.
    ended_start = today - timedelta(days=STORY_DAYS)
    ended = organisation.add_contract(
        ledger,
        admin,
        organisation.ContractForm(
            title=ENDED_TITLE,
            section_code="KYOIKU",
            contractor_name=LAW_FIRM,
            period_start=ended_start,
            period_end=today - timedelta(days=10),
            purpose="奨学資金貸付金の連帯保証人等の所在を調査する。",
            provided_items=["氏名", "住所（戸籍）", "生年月日"],
            collected_items=["居住の有無", "連絡先"],
            allowed_media_kinds=["usb"],
            allowed_transfer_methods=["hand"],
            planned_record_count=40,
        ),
    )
    handlers = (
        (survey.id, "佐藤 健一", "responsible", "SV01", survey_start),
        (survey.id, "鈴木 美咲", "handler", "SV02", survey_start),
        (survey.id, "高橋 翔", "handler", "SV03", survey_start),
        (dunning.id, "田中 誠", "responsible", "LAW01", fy_start),
        (dunning.id, "伊藤 由美", "handler", "LAW02", fy_start),
        (ended.id, "田中 誠", "responsible", "LAW01", ended_start),
    )
    codes: dict[int, dict[str, int]] = {}
    for contract_id, name, role, code, start in handlers:
        # Handlers are reported to the ward a week before they may touch the data.
        handler = organisation.add_handler(
            ledger, admin, contract_id, name, role, code, start, None, start - timedelta(days=7)
        )
        codes.setdefault(contract_id, {})[code] = handler.handler.id
    return (
        StoryContract(survey.id, survey_start, codes[survey.id]),
        StoryContract(dunning.id, fy_start, codes[dunning.id]),
        StoryContract(ended.id, ended_start, codes[ended.id]),
    )


# --- creating and recreating the demo ledger ------------------------------------------------


def create_demo_ledger(
    url: str,
    key_dir: Path,
    *,
    settings: Settings | None = None,
    reset: bool = False,
    clock: Clock = utc_now,
) -> Ledger:
    """Open the ledger at `url` and fill it with the demo data.

    With `reset`, an existing demo ledger (or an empty one) is removed first; a ledger
    that holds data and is not marked as a demo is never touched.
    """
    if reset:
        _remove_demo(url, key_dir)
    ledger = open_ledger(url, key_dir, settings=settings, clock=clock)
    try:
        build_demo(ledger)
    except BaseException:
        ledger.engine.dispose()
        raise
    return ledger


def _remove_demo(url: str, key_dir: Path) -> None:
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return
    engine = make_engine(url)
    try:
        ledger_id, marked, has_rows = _existing_ledger(engine)
        if has_rows and not marked:
            raise Conflict("demo.error.not_demo")
        if path is None and ledger_id is not None:
            from alembic import command

            # Every migration has a downgrade: base drops exactly the ledger's objects.
            command.downgrade(alembic_config(engine), "base")
    finally:
        engine.dispose()
    if path is not None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    if ledger_id is not None:
        for name in (ledger_secret_name(ledger_id), legacy_audit_key_name(ledger_id)):
            KeyStore(key_dir).path(name).unlink(missing_ok=True)
        (key_dir / f"witness-{ledger_id}.json").unlink(missing_ok=True)


def is_demo(ledger: Ledger) -> bool:
    with ledger.read_session() as session:
        return session.get(LedgerMeta, DEMO_MARK) is not None
