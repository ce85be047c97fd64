"""The demo ledger's lending story: loans and handover slips in every state.

The story is replayed through the ordinary services at the moments it is set at, on a
`StoryClock` that the demo installs as the ledger clock while it builds: the slips carry
realistic dates, one loan of a contract that has ended is overdue, and the trail runs
forward in time like real desk work. Moments are relative to today and never later than
the real now; a moment before a contract's start is moved to its start. Printing is
recorded as done on the printer "demo" (the demo never talks to CUPS).

What the story leaves (by control number):
- 教-USB-001: lent under a contract that has ended, stamped, overdue (shown in red);
- 税-USB-003: lent and returned, both slips stamped; the stick waits to be wiped;
- 税-USB-005: returned with fewer records than handed out, explained; wipe pending;
- 教-CD-001: a CD-R sent to the law firm by registered mail, stamped;
- 税-USB-001: lent, stamped;
- 税-USB-002: an out-slip stamped then cancelled by a cancelling slip (stamped), and
  the corrected out-slip printed but not yet stamped;
- 教-CASE-002: a locked case confirmed at the counter, not yet printed;
- 教-CASE-001: an out-slip drafted, awaiting the counter confirmation (still blank);
- an e-mail transfer without a medium to the law firm: the password-protected file made,
  sent (stamped), and the firm's reply by e-mail recorded (printed, not yet stamped).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.clock import local_zone
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.slip_views import SlipView

DEMO_PRINTER = "demo"
DEMO_JOB = "demo"
#: How far back the story starts: the ended contract began this many days ago.
STORY_DAYS = 150


@dataclass
class StoryClock:
    """A ledger clock that only moves forward and never passes `end` (the real now)."""

    now: datetime
    end: datetime

    def __post_init__(self) -> None:
        self.now = min(self.now, self.end)

    def __call__(self) -> datetime:
        return self.now

    def at(self, moment: datetime) -> None:
        self.now = min(max(self.now, moment), self.end)

    def step(self, minutes: int = 3) -> None:
        self.at(self.now + timedelta(minutes=minutes))


def on_day(day: date, hour: int, minute: int = 0) -> datetime:
    """A desk wall-clock moment on `day`, as aware UTC."""
    return datetime.combine(day, time(hour, minute), tzinfo=local_zone()).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class StoryContract:
    id: int
    start: date
    handlers: dict[str, int] = field(default_factory=dict)  # handler code -> id


@dataclass(frozen=True, slots=True)
class StoryCast:
    """Who acts and under which contracts."""

    desk: Actor  # the tax section's desk operator
    admin: Actor  # stands in at the education section's desk
    survey: StoryContract
    dunning: StoryContract
    ended: StoryContract


@dataclass(frozen=True, slots=True)
class Hand:
    """One hand-over as the desk fills the wizard."""

    code: str
    count: int
    method: str
    items: Sequence[str]
    text: str = ""
    detail: str = ""
    notes: str = ""
    explanation: str = ""

    def form(self, contract: StoryContract) -> slips.SlipForm:
        return slips.SlipForm(
            handler_id=contract.handlers[self.code],
            record_count=self.count,
            transfer_method=self.method,
            items=tuple(self.items),
            transfer_detail=self.detail,
            free_text=self.text,
            notes=self.notes,
            mismatch_explanation=self.explanation,
            # the demo's sticks carry no real data: they go out without a load
            without_load=True,
        )


SURVEY_OUT = ("郵便番号", "住所", "方書", "氏名")
SURVEY_BACK = ("居住の有無", "表札", "家屋写真", "大家・管理会社")


class Story:
    def __init__(self, ledger: Ledger, clock: StoryClock, cast: StoryCast) -> None:
        self.ledger, self.clock, self.cast = ledger, clock, cast

    def at(self, contract: StoryContract, day: date, hour: int, minute: int = 0) -> None:
        self.clock.at(on_day(max(day, contract.start), hour, minute))

    def through(
        self, actor: Actor, view: SlipView, code: str, *, printed: bool = True, stamped: bool = True
    ) -> SlipView:
        """Counter confirmation, printing and stamping, a few minutes apart."""
        self.clock.step()
        view = slips.confirm_at_counter(self.ledger, actor, view.id, code)
        if printed:
            self.clock.step()
            view = slips.mark_printed(self.ledger, actor, view.id, DEMO_PRINTER, DEMO_JOB)
        if stamped:
            self.clock.step(5)
            view = slips.mark_stamped(self.ledger, actor, view.id)
        return view

    def sent(self, actor: Actor, view: SlipView, *, stamped: bool = True) -> SlipView:
        """An e-mail or registered mail confirmed as sent by the desk, printed, stamped."""
        self.clock.step()
        view = slips.confirm_sent(self.ledger, actor, view.id)
        self.clock.step()
        view = slips.mark_printed(self.ledger, actor, view.id, DEMO_PRINTER, DEMO_JOB)
        if stamped:
            self.clock.step(5)
            view = slips.mark_stamped(self.ledger, actor, view.id)
        return view

    def lend(
        self,
        actor: Actor,
        contract: StoryContract,
        control_number: str,
        hand: Hand,
        *,
        confirmed: bool = True,
        printed: bool = True,
        stamped: bool = True,
    ) -> tuple[int, SlipView]:
        """Open the loan and hand the medium out; returns the loan id and the slip."""
        loan = lending.create_loan(self.ledger, actor, control_number, contract.id)
        self.clock.step()
        view = slips.draft_out_slip(self.ledger, actor, loan.id, hand.form(contract))
        if confirmed:
            view = self.through(actor, view, hand.code, printed=printed, stamped=stamped)
        return loan.id, view

    def take_back(self, actor: Actor, contract: StoryContract, loan_id: int, hand: Hand) -> None:
        view = slips.draft_back_slip(self.ledger, actor, loan_id, hand.form(contract))
        self.through(actor, view, hand.code)


def tell(ledger: Ledger, clock: StoryClock, cast: StoryCast, today: date) -> None:
    """Replay the lending story (see the module docstring) in the order it happened."""
    story = Story(ledger, clock, cast)
    desk, admin = cast.desk, cast.admin
    survey, dunning, ended = cast.survey, cast.dunning, cast.ended

    story.at(ended, ended.start + timedelta(days=10), 10)
    story.lend(
        admin,
        ended,
        "教-USB-001",
        Hand(
            "LAW01",
            40,
            "hand",
            ("氏名", "住所（戸籍）", "生年月日"),
            text="所在調査対象者一覧（前期分）",
            notes="取扱責任者が来庁し受領",
        ),
    )

    story.at(survey, today - timedelta(days=20), 10)
    returned, _ = story.lend(
        desk,
        survey,
        "税-USB-003",
        Hand("SV01", 120, "hand", SURVEY_OUT, text="区外転出者リスト（第1回分）"),
    )
    story.at(survey, today - timedelta(days=18), 14)
    short, _ = story.lend(
        desk,
        survey,
        "税-USB-005",
        Hand("SV02", 500, "hand", SURVEY_OUT, text="区外転出者リスト（第2回分）"),
    )

    story.at(dunning, today - timedelta(days=15), 11)
    story.lend(
        admin,
        dunning,
        "教-CD-001",
        Hand(
            "LAW01",
            4,
            "registered_mail",
            ("氏名", "住所（戸籍）", "生年月日", "連絡先", "債権金額"),
            text="督促対象者一覧",
            detail="1234-5678-9012",
            notes="簡易書留で送付、受領書返送済み",
        ),
    )

    story.at(survey, today - timedelta(days=12), 10)
    story.lend(
        desk,
        survey,
        "税-USB-001",
        Hand("SV01", 480, "hand", SURVEY_OUT, text="区外転出者リスト（第3回分）"),
    )

    story.at(survey, today - timedelta(days=6), 15)
    story.take_back(desk, survey, returned, Hand("SV01", 120, "hand", SURVEY_BACK[:3]))
    story.at(survey, today - timedelta(days=2), 16)
    story.take_back(
        desk,
        survey,
        short,
        Hand(
            "SV02",
            498,
            "hand",
            SURVEY_BACK,
            explanation="調査前に2件が区内へ転入し対象外となった（委託先の報告書による）",
        ),
    )

    _cancel_and_correct(story, desk, survey, today)
    _email_transfer(story, admin, dunning, today)

    story.at(dunning, today, 10, 30)
    story.lend(
        admin,
        dunning,
        "教-CASE-002",
        Hand(
            "LAW01",
            3,
            "locked_case",
            ("氏名", "経過・交渉記録"),
            text="交渉記録の写し",
            detail="封印 No.0452",
        ),
        printed=False,
        stamped=False,
    )
    story.at(dunning, today, 11)
    story.lend(
        admin,
        dunning,
        "教-CASE-001",
        Hand("LAW02", 1, "locked_case", ("氏名", "住所（戸籍）"), detail="封印 No.0451"),
        confirmed=False,
    )


#: The law firm's e-mail addresses in the demo (fictitious; example.jp is reserved).
LAW_FIRM_MAIL = "houmu@sample-law.example.jp"
WARD_MAIL = "kyouiku-chousei@city.example.jp"
_DEMO_DEBTORS = (
    "氏名,住所（戸籍）,生年月日,連絡先,債権金額",
    "見本 一郎,東京都新宿区西新宿二丁目8番1号,1990-04-01,03-0000-0001,480000",
    "見本 二郎,東京都新宿区歌舞伎町一丁目4番1号,1991-05-02,03-0000-0002,360000",
    "見本 花子,東京都新宿区高田馬場一丁目1番1号,1992-06-03,03-0000-0003,240000",
    "見本 桜,東京都新宿区四谷一丁目1番地,1993-07-04,03-0000-0004,120000",
)


def _email_transfer(story: Story, admin: Actor, dunning: StoryContract, today: date) -> None:
    """Seed 004: "メールの場合は、個人情報を含むファイルにパスワードを付す". The file is made
    in a scratch outbox (only the encrypted archive is ever written) and sent; the
    firm's negotiation records come back by e-mail."""
    import tempfile
    from pathlib import Path

    from ledger_tui.services.loading.load import load_transfer

    ledger = story.ledger
    story.at(dunning, today - timedelta(days=9), 14)
    transfer = lending.create_transfer(ledger, admin, dunning.id, "email")
    with tempfile.TemporaryDirectory(prefix="ledger-tui-demo-") as scratch:
        source = Path(scratch) / "督促対象者一覧.csv"
        source.write_text("\r\n".join(_DEMO_DEBTORS) + "\r\n", encoding="utf-8")
        outbox = Path(scratch) / "outbox"
        outbox.mkdir()
        story.clock.step()
        load_transfer(ledger, admin, transfer.id, outbox, [source])
    out = Hand(
        "LAW01",
        4,
        "email",
        ("氏名", "住所（戸籍）", "債権金額"),
        text="督促対象者一覧（追加分）",
        detail=LAW_FIRM_MAIL,
        notes="パスワードは電話で取扱責任者に通知",
    )
    story.clock.step()
    view = slips.draft_out_slip(ledger, admin, transfer.id, out.form(dunning))
    story.sent(admin, view)
    story.at(dunning, today - timedelta(days=3), 10)
    back = Hand(
        "LAW01",
        4,
        "email",
        (),
        text="交渉経過報告（暗号化ファイル）",
        detail=WARD_MAIL,
    )
    view = slips.draft_back_slip(ledger, admin, transfer.id, back.form(dunning))
    story.sent(admin, view, stamped=False)


def _cancel_and_correct(story: Story, desk: Actor, survey: StoryContract, today: date) -> None:
    """A count written wrong, found after stamping: cancel by a cancelling slip, which is
    printed and stamped in turn, then hand the stick out again on a corrected slip."""
    ledger = story.ledger
    hand = Hand("SV02", 50, "hand", SURVEY_OUT, text="区外転出者リスト（第4回分）")
    story.at(survey, today, 9, 30)
    loan_id, wrong = story.lend(desk, survey, "税-USB-002", hand)
    story.clock.step(20)
    done = slips.cancel_slip(ledger, desk, wrong.id, "件数の記載誤り（正しくは500件）")
    story.clock.step()
    slips.mark_printed(ledger, desk, done.cancelling.id, DEMO_PRINTER, DEMO_JOB)
    story.clock.step(5)
    slips.mark_stamped(ledger, desk, done.cancelling.id)
    story.clock.step()
    corrected = slips.draft_out_slip(ledger, desk, loan_id, replace(hand, count=500).form(survey))
    story.through(desk, corrected, hand.code, stamped=False)
