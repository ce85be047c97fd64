"""E-mail with a password-protected file, registered mail and a locked case, end to end
on the services: no medium is invented, nothing is due back, every slip takes part in
the slip ledger, the close-out and the trail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ledger_tui.db.models import AuditEntry, Medium
from ledger_tui.domain.errors import DomainError, IllegalTransition, InvalidInput
from ledger_tui.domain.loans import LoanState
from ledger_tui.services.ledger.export import slip_rows
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slip_paper, slips
from ledger_tui.services.lending.slip_views import find_slip
from ledger_tui.services.loading.intake import intake_file
from ledger_tui.services.loading.load import load_transfer
from ledger_tui.services.loading.records import retrieve_password, save_password_notice_pdf
from ledger_tui.services.oversight.closeout import BlockerKind, closeout_blockers
from ledger_tui.services.oversight.obligations import obligations
from ledger_tui.services.trail.verify import verify_trail
from tests.archive.conftest import run_7z
from tests.conftest import FakeClock
from tests.loading.data import address_csv
from tests.printing import pdftools
from tests.transfers.conftest import LAW_CODE, RECIPIENT, LawFirm


def _media_count(law: LawFirm) -> int:
    with law.ledger.read_session() as session:
        return int(session.scalar(select(func.count()).select_from(Medium)) or 0)


def _trail(law: LawFirm, action: str) -> list[dict[str, object]]:
    with law.ledger.read_session() as session:
        return [
            json.loads(e.details)
            for e in session.scalars(
                select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
            )
        ]


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    """The paper's text without white space (pdftotext wraps where the form does)."""
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(data)
    return "".join(pdftools.text(pdf).split())


def test_email_transfer_out_and_back_without_a_medium(
    law: LawFirm, tmp_path: Path, seven_zip: Path, clock: FakeClock
) -> None:
    ledger, actor = law.ledger, law.actor
    media_before = _media_count(law)
    transfer = lending.create_transfer(ledger, actor, law.contract_id, "email")
    assert (transfer.medium_id, transfer.expected_return, transfer.state) == (
        None,
        None,
        LoanState.DRAFT,
    )

    # The desk makes the encrypted archive in the mail client's outbox folder.
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    source = address_csv(tmp_path / "滞納者一覧.csv", 4)
    result = load_transfer(ledger, actor, transfer.id, outbox, [source])
    (archive,) = result.archives
    sent = outbox / archive.name
    assert sent.is_file() and sent.stat().st_size == archive.size
    assert archive.records == 4
    # The real 7-Zip opens it with the password and refuses it without.
    assert run_7z(seven_zip, "t", f"-p{archive.password}", sent).returncode == 0
    assert run_7z(seven_zip, "t", "-pwrong", sent).returncode != 0
    assert lending.show_loan(ledger, transfer.id).state is LoanState.LOADED

    # The out-slip: method e-mail, the recipient, the file, no medium and no return date.
    out = slips.draft_out_slip(ledger, actor, transfer.id, law.form("email", RECIPIENT))
    assert out.medium_kind is None and out.expected_return is None
    assert [(f.name, f.size, f.sha256, f.records) for f in out.files] == [
        (archive.name, archive.size, archive.sha256, 4)
    ]
    # Nobody stands at the counter: the operator confirms it was sent.
    out = slips.confirm_sent(ledger, actor, out.id)
    assert lending.show_loan(ledger, transfer.id).state is LoanState.OUT
    assert _media_count(law) == media_before  # no medium was invented
    assert _trail(law, "slip.confirmed")[-1]["remote"] is True

    # The paper says what travelled and that the password goes separately.
    text = _pdf_text(slip_paper.slip_document(ledger, out.id), tmp_path)
    for expected in (RECIPIENT, archive.name, archive.sha256[:16], "パスワードは別の経路"):
        assert expected in text, expected
    assert "なし（返却する媒体はありません）" in text
    # The password notice for the separate channel carries the password.
    notice_pdf = save_password_notice_pdf(ledger, actor, result.load_id, tmp_path / "n.pdf")
    notice = "".join(pdftools.text(notice_pdf).split())
    # Printed with its hyphens; pdftotext drops the one where the line wraps.
    assert archive.password.replace("-", "") in notice.replace("-", "")

    # Never overdue: nothing is due back, even after the contract's end.
    clock.advance(days=400)
    assert not [o for o in obligations(ledger) if o.kind.value == "return_overdue"]
    clock.advance(days=-400)

    # The return comes back by e-mail: the contractor's archive, made with 7-Zip.
    back = slips.draft_back_slip(
        ledger, actor, transfer.id, law.back_form("email", "kyouiku@city.example.jp")
    )
    back = slips.confirm_sent(ledger, actor, back.id)
    assert lending.show_loan(ledger, transfer.id).state is LoanState.BACK
    work = tmp_path / "reply"
    work.mkdir()
    lines = ["氏名,交渉記録"] + [f"対象者{i},電話で交渉" for i in range(4)]
    (work / "交渉記録.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    reply = work / "reply.zip"
    password = retrieve_password(ledger, actor, result.load_id, None, purpose="cli")
    made = run_7z(
        seven_zip, "a", "-tzip", "-mem=AES256", f"-p{password}", reply, "交渉記録.csv", cwd=work
    )
    assert made.returncode == 0, made.stdout
    taken = intake_file(ledger, actor, transfer.id, reply)
    assert (taken.returned_records, taken.count_matches) == (4, True)
    assert taken.archives[0].password_source == "loan"

    # The slips are in the slip ledger and owe their stamps like any; the transfer does
    # not block the close-out.
    assert find_slip(ledger, out.number).medium_kind is None
    ledger_rows = {r["number"]: r["control_number"] for r in slip_rows(ledger)}
    label = f"メール送付 No.{transfer.id}"
    assert ledger_rows == {out.number: label, back.number: label}
    unstamped = [o for o in obligations(ledger) if o.kind.value == "slip_unstamped"]
    assert {o.target.ref for o in unstamped if o.target} == {out.number, back.number}
    kinds = {b.kind for b in closeout_blockers(ledger, law.contract_id)}
    assert not kinds & {BlockerKind.MEDIA_OUT, BlockerKind.LOAN_NOT_OUT}
    assert verify_trail(ledger).ok


def test_a_draft_transfer_blocks_the_close_out_and_a_cancel_undoes_the_loan_only(
    law: LawFirm, tmp_path: Path
) -> None:
    ledger, actor = law.ledger, law.actor
    transfer = lending.create_transfer(ledger, actor, law.contract_id, "registered_mail")
    blockers = closeout_blockers(ledger, law.contract_id)
    assert [b.kind for b in blockers].count(BlockerKind.LOAN_NOT_OUT) == 1
    assert "書留郵便" in blockers[0].message("ja")
    with pytest.raises(InvalidInput) as no_tracking:
        slips.draft_out_slip(ledger, actor, transfer.id, law.form("registered_mail"))
    assert no_tracking.value.key == "error.slip.tracking_required"
    out = slips.draft_out_slip(
        ledger, actor, transfer.id, law.form("registered_mail", "1234-5678-9012")
    )
    out = slips.confirm_sent(ledger, actor, out.id)
    assert lending.show_loan(ledger, transfer.id).state is LoanState.OUT
    text = _pdf_text(slip_paper.slip_document(ledger, out.id), tmp_path)
    assert "1234-5678-9012" in text and "なし（媒体を使わない受け渡し）" in text
    slips.cancel_slip(ledger, actor, out.id, "追跡番号の誤り")
    assert lending.show_loan(ledger, transfer.id).state is LoanState.DRAFT
    assert verify_trail(ledger).ok


def test_what_an_email_transfer_refuses(law: LawFirm, tmp_path: Path) -> None:
    ledger, actor = law.ledger, law.actor
    with pytest.raises(InvalidInput) as needs_medium:
        lending.create_transfer(ledger, actor, law.contract_id, "hand")
    assert needs_medium.value.key == "error.loan.channel_needs_medium"
    transfer = lending.create_transfer(ledger, actor, law.contract_id, "email")
    # No file made yet: no slip.
    with pytest.raises(IllegalTransition) as no_file:
        slips.draft_out_slip(ledger, actor, transfer.id, law.form("email", RECIPIENT))
    assert no_file.value.key == "error.slip.email_file_missing"
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    load_transfer(ledger, actor, transfer.id, outbox, [address_csv(tmp_path / "a.csv", 2)])
    with pytest.raises(InvalidInput) as bad_address:
        slips.draft_out_slip(ledger, actor, transfer.id, law.form("email", "houmu at example"))
    assert bad_address.value.key == "error.slip.recipient_format"
    with pytest.raises(InvalidInput) as not_channel:
        slips.draft_out_slip(ledger, actor, transfer.id, law.form("registered_mail", "1-2-3"))
    assert not_channel.value.key == "error.slip.method_not_channel"
    # An e-mail never carries a medium: a CD-R cannot go out "by e-mail".
    cd = lending.create_loan(ledger, actor, "教-CD-001", law.contract_id)
    with pytest.raises(InvalidInput) as medium_by_mail:
        slips.draft_out_slip(ledger, actor, cd.id, law.form("email", RECIPIENT))
    assert medium_by_mail.value.key == "error.slip.email_carries_no_medium"
    # A hand-over is confirmed at the counter, never "as sent".
    by_hand = slips.draft_out_slip(ledger, actor, cd.id, law.form("hand"))
    with pytest.raises(IllegalTransition) as counter:
        slips.confirm_sent(ledger, actor, by_hand.id)
    assert counter.value.key == "error.slip.needs_counter"
    assert slips.confirm_at_counter(ledger, actor, by_hand.id, LAW_CODE).loan_state is (
        LoanState.OUT
    )


def test_a_failed_transfer_load_leaves_nothing_in_the_outbox(law: LawFirm, tmp_path: Path) -> None:
    ledger, actor = law.ledger, law.actor
    transfer = lending.create_transfer(ledger, actor, law.contract_id, "email")
    with pytest.raises(DomainError) as missing:
        load_transfer(ledger, actor, transfer.id, tmp_path / "nowhere", [tmp_path / "x.csv"])
    assert missing.value.key == "load.folder.missing"
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    with pytest.raises(DomainError):
        load_transfer(ledger, actor, transfer.id, outbox, [tmp_path / "vanished.csv"])
    assert list(outbox.iterdir()) == []
    assert lending.show_loan(ledger, transfer.id).state is LoanState.DRAFT
    assert [e["reason"] for e in _trail(law, "load.failed")][-1]
    assert verify_trail(ledger).ok


def test_a_locked_case_travels_under_its_registered_seal(law: LawFirm) -> None:
    ledger, actor = law.ledger, law.actor
    case = lending.create_loan(ledger, actor, "教-CASE-001", law.contract_id)
    with pytest.raises(InvalidInput) as other_seal:
        slips.draft_out_slip(ledger, actor, case.id, law.form("locked_case", "S-9999"))
    assert other_seal.value.key == "error.slip.seal_not_registered"
    out = slips.draft_out_slip(ledger, actor, case.id, law.form("locked_case", "ｓ－０１０１"))
    slips.confirm_at_counter(ledger, actor, out.id, LAW_CODE)
    # Back under another seal: taken in only with an explanation, and flagged.
    with pytest.raises(InvalidInput) as unexplained:
        slips.draft_back_slip(ledger, actor, case.id, law.back_form("locked_case", "S-0777"))
    assert unexplained.value.key == "error.slip.seal_mismatch_explanation"
    back = slips.draft_back_slip(
        ledger,
        actor,
        case.id,
        law.back_form(
            "locked_case", "S-0777", mismatch_explanation="封印が破損し委託先で交換したと申告"
        ),
    )
    assert back.seal_mismatch and not back.count_mismatch
    assert _trail(law, "slip.drafted")[-1]["seal_mismatch"] is True
    same = slips.confirm_at_counter(ledger, actor, back.id, LAW_CODE)
    assert same.loan_state is LoanState.BACK
    assert verify_trail(ledger).ok


def test_downgrade_below_0011_drops_transfers_without_a_medium(law: LawFirm) -> None:
    from alembic import command

    from ledger_tui.db.migrate import alembic_config

    ledger, actor = law.ledger, law.actor
    transfer = lending.create_transfer(ledger, actor, law.contract_id, "registered_mail")
    out = slips.draft_out_slip(ledger, actor, transfer.id, law.form("registered_mail", "1-2-3"))
    slips.cancel_slip(ledger, actor, out.id, "取り下げ")
    kept = lending.create_loan(ledger, actor, "教-CD-001", law.contract_id)
    command.downgrade(alembic_config(ledger.engine), "0007")
    with ledger.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, medium_id FROM loans ORDER BY id").all()
    assert [row[0] for row in rows] == [kept.id] and rows[0][1] is not None
    command.upgrade(alembic_config(ledger.engine), "heads")
    assert lending.show_loan(ledger, kept.id).control_number == "教-CD-001"


def test_open_loans_list_transfers_with_no_return_date_beside_media(law: LawFirm) -> None:
    """The loans area (F4) sorts by expected return: a transfer has none and comes last,
    instead of failing to compare a date with nothing."""
    ledger, actor = law.ledger, law.actor
    transfer = lending.create_transfer(ledger, actor, law.contract_id, "registered_mail")
    disc = lending.create_loan(ledger, actor, "教-CD-001", law.contract_id)
    assert [loan.id for loan in lending.open_loans(ledger)] == [disc.id, transfer.id]
