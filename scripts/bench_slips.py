"""Benchmarks of the slip ledger (1M handover slips) and of the slip PDF.

Used by scripts/bench.py:
- `seed_slips(ledger, count)` writes `count` slips with Core inserts in 10k chunks,
  with the sections, contractors, contracts, handlers, operators, media and loans they
  reference: one contract per section and fiscal year, every loan an out-slip and a
  back-slip, all closed. The trail gets no entries for them (not needed to page them).
- `bench_slip_ledger(ledger)` pages the slip ledger through `SlipPager` in a fresh
  process (so the RSS is the screen's, not the seeding's): open (first page), page
  down, filter by number keystroke by keystroke, filter by medium, count.
- `bench_slip_render()` times `render_handover_slip` for a realistic slip: the first
  render in a fresh process (import, font, render) and the warm median.
Each returns plain dicts: name, value, unit, target, ok.

Run alone: .venv/bin/python scripts/bench_slips.py [--slips 1000000]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import Connection, Engine, func, insert, select, text

from ledger_tui.db.models import (
    Contract,
    Contractor,
    FormCounter,
    HandlerDesignation,
    HandoverSlip,
    Loan,
    Medium,
    Operator,
    Section,
)
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.contracts import HandlerRole, TransferMethod
from ledger_tui.domain.form_series import HANDOVER_SLIP
from ledger_tui.domain.hashing import dummy_hash
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.domain.operators import Role
from ledger_tui.domain.slips import SlipDirection, SlipState
from ledger_tui.domain.wareki import fiscal_year

Result = dict[str, Any]
CHUNK = 10_000
MEDIA = 2_000
SECTIONS = 5
OPERATORS = 8
HANDLERS_PER_CONTRACT = 3
#: One hand-over every ~5 minutes of desk time: 1M slips span about ten fiscal years.
STEP = timedelta(minutes=5)
START = datetime(2016, 4, 1, 0, 0, tzinfo=UTC)
TOKYO = timedelta(hours=9)  # no daylight saving: a fixed offset is exact
ITEMS = ["郵便番号", "住所", "方書", "氏名"]
BACK_ITEMS = ["居住の有無", "表札", "家屋写真"]
PAGE = 50


def result(name: str, value: float, unit: str, target: str = "", ok: bool | None = None) -> Result:
    return {"name": name, "value": value, "unit": unit, "target": target, "ok": ok}


# --- seeding --------------------------------------------------------------------------------


def _next_id(engine: Engine, column: Any) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.coalesce(func.max(column), 0))) or 0) + 1


def _insert_id(conn: Connection, stmt: Any) -> int:
    key = conn.execute(stmt).inserted_primary_key
    assert key is not None
    return int(key[0])


def _reference_rows(ledger: Ledger, years: list[int]) -> dict[str, Any]:
    """Sections, contractors, one contract per section and year, handlers, operators,
    media: the rows the slips point at. Returns their ids."""
    engine, now = ledger.engine, ledger.clock()
    ids: dict[str, Any] = {}
    with engine.begin() as conn:
        section_ids = []
        for n in range(SECTIONS):
            section_ids.append(
                _insert_id(
                    conn,
                    insert(Section).values(code=f"BENCH{n}", name=f"ベンチ課{n}", created_at=now),
                )
            )
        contractor = _insert_id(
            conn, insert(Contractor).values(name="ベンチ債権回収株式会社", created_at=now)
        )
        contracts: dict[tuple[int, int], int] = {}
        handlers: dict[int, list[int]] = {}
        for year in years:
            for n, section in enumerate(section_ids):
                contract = _insert_id(
                    conn,
                    insert(Contract).values(
                        title=f"区外転出者の現地調査業務委託（{year}年度・{n}）",
                        section_id=section,
                        contractor_id=contractor,
                        period_start=date(year, 4, 1),
                        period_end=date(year + 1, 3, 31),
                        provided_items=ITEMS,
                        collected_items=BACK_ITEMS,
                        allowed_media_kinds=["usb"],
                        allowed_transfer_methods=["hand"],
                        planned_record_count=500,
                        created_at=now,
                    ),
                )
                contracts[(year, n)] = contract
                handlers[contract] = [
                    _insert_id(
                        conn,
                        insert(HandlerDesignation).values(
                            contract_id=contract,
                            person_name=f"取扱者{h}",
                            role=HandlerRole.HANDLER if h else HandlerRole.RESPONSIBLE,
                            code_hash=dummy_hash(),  # no counter code needed here
                            valid_from=date(year, 4, 1),
                            reported_on=date(year, 3, 25),
                            created_at=now,
                        ),
                    )
                    for h in range(HANDLERS_PER_CONTRACT)
                ]
        operators = [
            _insert_id(
                conn,
                insert(Operator).values(
                    login=f"bench{n}",
                    name=f"窓口{n}",
                    role=Role.OPERATOR,
                    password_hash="-",
                    failed_attempts=0,
                    active=True,
                    created_at=now,
                ),
            )
            for n in range(OPERATORS)
        ]
        first_medium = _next_id(engine, Medium.id)
        conn.execute(
            insert(Medium),
            [
                {
                    "id": first_medium + n,
                    "control_number": f"ベ-USB-{n:05d}",
                    "kind": MediumKind.USB,
                    "serial": f"BENCH{n:08d}",
                    "state": MediumState.BLANK,
                    "registered_at": now,
                    "updated_at": now,
                    "version": 1,
                }
                for n in range(MEDIA)
            ],
        )
    ids.update(
        contracts=contracts,
        handlers=handlers,
        operators=operators,
        media=list(range(first_medium, first_medium + MEDIA)),
    )
    return ids


def seed_slips(ledger: Ledger, count: int) -> float:
    """Write `count` slips (and what they reference); returns seconds taken."""
    started = time.perf_counter()
    engine = ledger.engine
    last = START + STEP * count
    years = list(range(fiscal_year((START + TOKYO).date()), fiscal_year((last + TOKYO).date()) + 1))
    ids = _reference_rows(ledger, years)
    loan_id, slip_id = _next_id(engine, Loan.id), _next_id(engine, HandoverSlip.id)
    sequences: dict[int, int] = {}
    moment = START
    made = 0
    while made < count:
        loans: list[dict[str, Any]] = []
        slips: list[dict[str, Any]] = []
        while len(slips) < CHUNK and made < count:
            pair = min(2, count - made)  # an out-slip and its back-slip
            out_day = (moment + TOKYO).date()
            year = fiscal_year(out_day)
            contract = ids["contracts"][(year, loan_id % SECTIONS)]
            handler = ids["handlers"][contract][loan_id % HANDLERS_PER_CONTRACT]
            medium = ids["media"][loan_id % MEDIA]
            operator = ids["operators"][loan_id % len(ids["operators"])]
            loans.append(
                {
                    "id": loan_id,
                    "medium_id": medium,
                    "contract_id": contract,
                    "state": LoanState.CLOSED,
                    "expected_return": date(year + 1, 3, 31),
                    "created_by": operator,
                    "created_at": moment,
                    "updated_at": moment,
                    "closed_at": moment,
                }
            )
            out_id = slip_id
            for direction in (SlipDirection.OUT, SlipDirection.BACK)[:pair]:
                day = (moment + TOKYO).date()
                slip_year = fiscal_year(day)
                sequences[slip_year] = sequence = sequences.get(slip_year, 0) + 1
                back = direction is SlipDirection.BACK
                mismatch = back and loan_id % 97 == 0
                slips.append(
                    {
                        "id": slip_id,
                        "number": HANDOVER_SLIP.number(day, sequence),
                        "fiscal_year": slip_year,
                        "sequence": sequence,
                        "direction": direction,
                        "state": SlipState.STAMPED,
                        "loan_id": loan_id,
                        "medium_id": medium,
                        "contract_id": contract,
                        "handler_id": handler,
                        "ward_operator_id": operator,
                        "handed_at": moment,
                        "items": BACK_ITEMS if back else ITEMS,
                        "free_text": ""
                        if back
                        else f"区外転出者リスト（第{loan_id % 40 + 1}回分）",
                        "record_count": 498 if mismatch else 500,
                        "transfer_method": TransferMethod.HAND,
                        "transfer_detail": "",
                        "notes": "",
                        "expected_return": None if back else date(year + 1, 3, 31),
                        "out_slip_id": out_id if back else None,
                        "count_mismatch": mismatch,
                        "mismatch_explanation": "2件は転居先不明" if mismatch else "",
                        "cancels_slip_id": None,
                        "cancel_reason": "",
                        "prior_loan_state": LoanState.OUT if back else LoanState.DRAFT,
                        "effect_medium_version": None,
                        "confirm_attempts": 0,
                        "confirm_seq": None,
                        "confirmed_at": moment,
                        "printed_at": moment,
                        "printer": "bench",
                        "print_job": "bench",
                        "print_count": 1,
                        "stamped_at": moment,
                        "cancelled_at": None,
                        "created_at": moment,
                        "updated_at": moment,
                    }
                )
                slip_id += 1
                made += 1
                moment += STEP
            loan_id += 1
        with engine.begin() as conn:
            conn.execute(insert(Loan), loans)
            conn.execute(insert(HandoverSlip), slips)
    with engine.begin() as conn:
        for year, sequence in sequences.items():
            conn.execute(
                insert(FormCounter).values(
                    form=HANDOVER_SLIP.counter, fiscal_year=year, last_sequence=sequence
                )
            )
        if engine.dialect.name == "postgresql":  # explicit ids bypassed the sequences
            for table in ("media", "loans", "handover_slips"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
        if engine.dialect.name == "sqlite":
            conn.execute(text("ANALYZE"))
    return time.perf_counter() - started


# --- the slip ledger, in a fresh process -------------------------------------------------

_MEASURE = "--measure-ledger"


def _measure_ledger(url: str) -> dict[str, float]:
    """Runs in the child: what the slip ledger screen asks of the database."""
    import psutil

    from ledger_tui.db.engine import make_engine
    from ledger_tui.db.paging import SlipFilter, SlipPager

    timings: dict[str, float] = {}
    started = time.perf_counter()
    engine = make_engine(url)
    pager = SlipPager(engine)
    first = pager.page_after(None, PAGE)
    timings["open"] = time.perf_counter() - started
    samples, key = [], first[-1].key
    for _ in range(40):
        started = time.perf_counter()
        page = pager.page_after(key, PAGE)
        samples.append(time.perf_counter() - started)
        key = page[-1].key
    timings["pagedown"] = statistics.median(samples)
    samples = []
    for _ in range(20):
        started = time.perf_counter()
        pager.page_before(first[0].key, PAGE)
        pager.page_after(None, PAGE)
        samples.append((time.perf_counter() - started) / 2)
    timings["pageup"] = statistics.median(samples)
    wanted = first[len(first) // 2].number  # e.g. R8-0042: typed a key at a time
    samples = []
    for end in range(1, len(wanted) + 1):
        started = time.perf_counter()
        rows = SlipPager(engine, wanted[:end]).page_after(None, PAGE)
        samples.append(time.perf_counter() - started)
    assert [r.number for r in rows] == [wanted], (wanted, rows)
    timings["keystroke_worst"] = max(samples)
    timings["keystroke_median"] = statistics.median(samples)
    medium = first[0].control_number
    started = time.perf_counter()
    by_medium = SlipPager(engine, slip_filter=SlipFilter(control_number=medium))
    rows = by_medium.page_after(None, PAGE)
    timings["medium"] = time.perf_counter() - started
    assert rows and all(r.control_number == medium for r in rows)
    started = time.perf_counter()
    by_medium.page_after(rows[-1].key, PAGE)
    timings["medium_next"] = time.perf_counter() - started
    started = time.perf_counter()
    timings["count_rows"] = pager.count()
    timings["count"] = time.perf_counter() - started
    timings["rss"] = psutil.Process().memory_info().rss / 1e6
    engine.dispose()
    return timings


def bench_slip_ledger(ledger: Ledger) -> list[Result]:
    url = ledger.engine.url.render_as_string(hide_password=False)
    done = subprocess.run(
        [sys.executable, __file__, _MEASURE, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    t = json.loads(done.stdout)
    ms = 1000
    rows = int(t["count_rows"])
    return [
        result(
            f"slip ledger open, first page ({rows:,} slips)",
            t["open"] * ms,
            "ms",
            "<= 300",
            t["open"] <= 0.3,
        ),
        result(
            "slip ledger page down (median)",
            t["pagedown"] * ms,
            "ms",
            "<= 50",
            t["pagedown"] <= 0.05,
        ),
        result(
            "slip ledger page up (median)", t["pageup"] * ms, "ms", "<= 50", t["pageup"] <= 0.05
        ),
        result(
            "slip number keystroke -> rows (worst)",
            t["keystroke_worst"] * ms,
            "ms",
            "<= 50",
            t["keystroke_worst"] <= 0.05,
        ),
        result(
            "slip number keystroke -> rows (median)",
            t["keystroke_median"] * ms,
            "ms",
            "<= 50",
            t["keystroke_median"] <= 0.05,
        ),
        result(
            "slips of one medium, first page", t["medium"] * ms, "ms", "<= 50", t["medium"] <= 0.05
        ),
        result(
            "slips of one medium, next page",
            t["medium_next"] * ms,
            "ms",
            "<= 50",
            t["medium_next"] <= 0.05,
        ),
        result("slip ledger count (footer)", t["count"] * ms, "ms"),
        result("RSS paging the slip ledger", t["rss"], "MB", "<= 120", t["rss"] <= 120),
    ]


# --- the slip PDF -----------------------------------------------------------------------

_RENDER = "--measure-render"


def _realistic_slip() -> Any:
    from ledger_tui.system.pdf.handover_slip import HandoverSlip as Form
    from ledger_tui.system.pdf.handover_slip import SlipDirection as FormDirection
    from ledger_tui.system.pdf.handover_slip import SlipMedium
    from ledger_tui.system.pdf.layout import Issuer

    return Form(
        number="R7-0042",
        direction=FormDirection.OUT,
        handed_at=datetime(2025, 6, 1, 5, 5, tzinfo=UTC),
        issuer=Issuer("新宿区", "税務課"),
        contract_title="令和7年度 区外転出者に係る特別区民税等滞納者実態調査業務委託",
        section="税務課",
        contractor="株式会社サンプル債権回収",
        ward_handler="窓口 花子",
        contractor_handler="佐藤 健一",
        contractor_handler_role=HandlerRole.RESPONSIBLE,
        medium=SlipMedium("税-USB-003", MediumKind.USB, "HB3A0C21E7F15"),
        content_items=tuple(ITEMS),
        record_count=500,
        transfer_method=TransferMethod.HAND,
        content_note="区外転出者リスト（第1回分）",
        expected_return=date(2025, 9, 30),
        notes="封筒に入れて手交",
        audit_hash="7aaf031893b6ed98ed166379bedf6ebaf22d724c1d175073cc52a73ea6673183",
    )


def _measure_render() -> dict[str, float]:
    started = time.perf_counter()
    from ledger_tui.system.pdf.handover_slip import render_handover_slip

    imported = time.perf_counter()
    slip = _realistic_slip()
    render_handover_slip(slip)
    first = time.perf_counter()
    samples = []
    for _ in range(20):
        begin = time.perf_counter()
        render_handover_slip(slip)
        samples.append(time.perf_counter() - begin)
    # The reference, in the same process: the slip's texts drawn one per line on a
    # plain reportlab canvas in the same embedded font (no tables, no line breaking).
    reference = []
    for _ in range(20):
        begin = time.perf_counter()
        _plain_page(slip)
        reference.append(time.perf_counter() - begin)
    return {
        "import": imported - started,
        "first": first - imported,
        "warm": statistics.median(samples),
        "reference": statistics.median(reference),
    }


def _plain_page(slip: Any) -> bytes:
    import dataclasses
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from ledger_tui.system.pdf.fonts import form_fonts

    font = form_fonts().gothic
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont(font, 10.5)
    texts = [str(getattr(slip, f.name)) for f in dataclasses.fields(slip)]
    for _copy in range(2):  # the slip prints two copies
        for index, line in enumerate(texts):
            canvas.drawString(50, 800 - 16 * index, line[:80])
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def bench_slip_render() -> list[Result]:
    done = subprocess.run(
        [sys.executable, __file__, _RENDER], capture_output=True, text=True, check=True, timeout=300
    )
    t = json.loads(done.stdout)
    return [
        result("slip PDF: import the renderer", t["import"] * 1000, "ms"),
        result(
            "slip PDF: first render (font load)",
            t["first"] * 1000,
            "ms",
            "<= 250",
            t["first"] <= 0.25,
        ),
        result(
            "slip PDF: render, warm (median)", t["warm"] * 1000, "ms", "<= 250", t["warm"] <= 0.25
        ),
        result(
            "slip PDF: plain reportlab page, same font (reference)", t["reference"] * 1000, "ms"
        ),
        result(
            "slip PDF: warm render / reference",
            t["warm"] / t["reference"],
            "x",
        ),
    ]


# --- alone ----------------------------------------------------------------------------------


def main() -> int:
    import argparse
    import tempfile

    if len(sys.argv) == 3 and sys.argv[1] == _MEASURE:
        print(json.dumps(_measure_ledger(sys.argv[2])))
        return 0
    if len(sys.argv) == 2 and sys.argv[1] == _RENDER:
        print(json.dumps(_measure_render()))
        return 0
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--slips", type=int, default=1_000_000)
    args = parser.parse_args()
    from ledger_tui.services.ledger.bootstrap import open_ledger

    with tempfile.TemporaryDirectory(prefix="ledger-bench-slips-") as tmp:
        ledger = open_ledger(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", Path(tmp) / "keys")
        rows = [result(f"seed {args.slips:,} slips", seed_slips(ledger, args.slips), "s")]
        rows += bench_slip_ledger(ledger)
        rows += bench_slip_render()
        ledger.engine.dispose()
    for row in rows:
        ok = "" if row["ok"] is None else ("yes" if row["ok"] else "NO")
        print(f"{row['name']:<44} {row['value']:>12,.1f} {row['unit']:<4} {row['target']:<8} {ok}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
