"""What is not wiped: a returned CD-R shredded (destroyed, certificate category
Destroy), a paper case's papers returned to file (the case blank again, a record that
claims no sanitisation), the refusals, and the contractor's own erasure certificates
recorded against the contract. SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ledger_tui.domain.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.domain.operators import Role
from ledger_tui.domain.wipes import CertificateKind, DisposalMethod, ErasureCategory
from ledger_tui.services import auth
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.register import media
from ledger_tui.services.wiping import certificate_paper, certificates, disposals
from tests.integration.lending_world import World
from tests.printing import pdftools
from tests.wiping.helpers import assert_trail_ok, lent_and_returned, trail


def _flat(pdf: Path) -> str:
    return " ".join(pdftools.text(pdf).split())


def test_a_returned_cdr_is_shredded_and_certified(
    world: World, tmp_path: Path, pdf_tools: None
) -> None:
    loan = lent_and_returned(world, "税-CD-001")
    assert world.medium_state("税-CD-001") is MediumState.WIPE_PENDING
    cert = disposals.destroy_medium(
        world.ledger,
        world.actor,
        "税-CD-001",
        method="shred",
        witness="山田 太郎",
        day=date(2025, 6, 1),
        notes="裁断機 S-2",
    )
    assert cert.kind is CertificateKind.DESTROY and cert.category is ErasureCategory.DESTROY
    assert cert.number == "CERT-R7-0001" and cert.wipe is None and cert.disposal is not None
    assert cert.disposal.method is DisposalMethod.SHRED
    assert cert.disposal.performed_on == date(2025, 6, 1) and cert.witness == "山田 太郎"
    assert cert.loan_id == loan.id and cert.loan_slips == ("SLIP-R7-0001", "SLIP-R7-0002")
    assert world.medium_state("税-CD-001") is MediumState.DESTROYED
    assert lending.show_loan(world.ledger, loan.id).state is LoanState.CLOSED
    [disposed] = trail(world.ledger, "medium.disposed")
    assert disposed["method"] == "shred" and disposed["certificate"] == "CERT-R7-0001"
    assert trail(world.ledger, "loan.closed")[0]["certificate"] == "CERT-R7-0001"
    [issued] = trail(world.ledger, "certificate.issued")
    assert cert.entry_hash == issued["_hash"] and issued["category"] == "destroy"
    assert_trail_ok(world.ledger)

    pdf = tmp_path / "destroy.pdf"
    pdf.write_bytes(certificate_paper.certificate_document(world.ledger, cert.id))
    flat = _flat(pdf)
    for expected in (
        "媒体破壊証明書",
        "破壊方法",
        "破壊日",
        "No. CERT-R7-0001",
        "物理的に破壊",
        "税-CD-001",
        "CD-R",
        "NIST SP 800-88 Destroy（物理破壊）",
        "シュレッダーによる裁断（物理破壊）",
        "令和7年6月1日（2025-06-01）",
        "山田 太郎",
        "管理 一郎",
        "裁断機 S-2",
        "転出者滞納整理業務委託",
        "SLIP-R7-0001、SLIP-R7-0002",
    ):
        assert expected in flat, expected
    assert "Clear" not in flat and "Purge" not in flat
    assert "データ消去証明書" not in flat and "消去方法" not in flat
    assert pdftools.page_count(pdf) == 1
    assert pdftools.qr_codes(pdftools.render(pdf, 1, 150)) == [
        f"LTUI.ERASE.CERT-R7-0001.{issued['_hash']}"
    ]


def test_a_paper_case_returned_to_file_is_blank_again_and_claims_no_erasure(
    world: World, tmp_path: Path, pdf_tools: None
) -> None:
    lent_and_returned(world, "税-CASE-001")
    cert = disposals.destroy_medium(
        world.ledger,
        world.actor,
        "税-CASE-001",
        method=DisposalMethod.RETURN_TO_FILE,
        witness="税務課 佐藤",
    )
    assert cert.kind is CertificateKind.RETURN_TO_FILE and cert.category is None
    assert cert.disposal is not None and cert.disposal.performed_on == date(2025, 6, 1)
    assert world.medium_state("税-CASE-001") is MediumState.BLANK  # the case lends again
    pdf = tmp_path / "return.pdf"
    pdf.write_bytes(certificate_paper.certificate_document(world.ledger, cert.id, copies=2))
    flat = _flat(pdf)
    for expected in (
        "媒体返却記録（原課保管）",
        "原課の簿冊に戻した",
        "紙（鍵付きケース）",
        "返却先（原課）",
        "返却日",
    ):
        assert expected in flat, expected
    assert "NIST" not in flat and "データ消去証明書" not in flat
    # only a return's own fields: no erasure method or category, no empty medium rows
    for absent in ("消去方法", "消去区分", "シリアル", "容量", "メーカー"):
        assert absent not in flat, absent
    assert pdftools.page_count(pdf) == 2 and "委託先控" in pdftools.text(pdf, 2, 2)
    world.lend("税-CASE-001")  # the empty case goes out again
    assert_trail_ok(world.ledger)


def test_disposal_refusals(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    with pytest.raises(InvalidInput) as caught:  # a stick is wiped, not filed
        disposals.destroy_medium(
            ledger, actor, "税-USB-001", method="return_to_file", witness="山田"
        )
    assert caught.value.key == "error.disposal.not_for_kind"
    with pytest.raises(InvalidInput):  # a CD-R cannot be "returned to file"
        disposals.destroy_medium(
            ledger, actor, "税-CD-001", method="return_to_file", witness="山田"
        )
    loan, _ = world.lend("税-CD-001")
    with pytest.raises(IllegalTransition) as refused:
        disposals.destroy_medium(ledger, actor, "税-CD-001", method="shred", witness="山田")
    assert refused.value.key == "error.wiping.loan_out"
    world.take_back(loan.id)
    with pytest.raises(InvalidInput) as future:
        disposals.destroy_medium(
            ledger, actor, "税-CD-001", method="shred", witness="山田", day=date(2025, 6, 2)
        )
    assert future.value.key == "error.disposal.future_date"
    with pytest.raises(InvalidInput) as missing:
        disposals.destroy_medium(ledger, actor, "税-CD-001", method="shred", witness=" ")
    assert missing.value.field == "witness"
    with pytest.raises(InvalidInput):
        disposals.destroy_medium(ledger, actor, "税-CD-001", method="burn", witness="山田")
    with pytest.raises(NotFound):
        disposals.destroy_medium(ledger, actor, "税-CD-999", method="shred", witness="山田")
    with pytest.raises(IllegalTransition) as blank_case:  # nothing in it to dispose of
        disposals.destroy_medium(ledger, actor, "税-CASE-001", method="shred", witness="山田")
    assert blank_case.value.key == "error.disposal.state"
    assert certificates.list_certificates(ledger) == []  # nothing was issued
    shredded = disposals.destroy_medium(ledger, actor, "税-CD-001", method="shred", witness="山田")
    assert shredded.loan_id == loan.id  # the returned loan it ended
    # A new CD-R spoiled at the desk (never lent) may be destroyed too.
    media.register_medium(ledger, actor, media.MediumForm("税-CD-002", kind=MediumKind.CDR))
    spoiled = disposals.destroy_medium(ledger, actor, "税-CD-002", method="shred", witness="山田")
    assert spoiled.loan_id is None and spoiled.loan_slips == ()
    assert world.medium_state("税-CD-002") is MediumState.DESTROYED
    assert [c.number for c in certificates.list_certificates(ledger)] == [
        "CERT-R7-0002",
        "CERT-R7-0001",
    ]
    assert_trail_ok(ledger)


def test_contractor_erasure_is_recorded_against_the_contract(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    auth.add_operator(ledger, actor, "desk", "窓口 花子", "desk-password-456", Role.OPERATOR, "TAX")
    row = disposals.record_contractor_erasure(
        ledger,
        actor,
        world.contract_id,
        certificate_number=" TS-2025-0031 ",
        erased_on=date(2025, 5, 31),
        devices="調査用タブレット3台、事務所PC1台",
        witness_login="DESK",
        notes="職員立会のもと消去ソフトで実施",
    )
    assert (row.certificate_number, row.erased_on) == ("TS-2025-0031", date(2025, 5, 31))
    assert row.witness_login == "desk" and row.witness_name == "窓口 花子"
    assert row.contractor_name == "株式会社東京サービサー"
    [entry] = trail(ledger, "contractor_erasure.recorded")
    assert entry["_subject"] == f"contract:{world.contract_id}"
    assert entry["certificate_number"] == "TS-2025-0031" and entry["witness"] == "desk"
    assert disposals.list_contractor_erasures(ledger, world.contract_id) == [row]
    assert disposals.list_contractor_erasures(ledger, world.other_contract_id) == []

    with pytest.raises(Conflict):
        disposals.record_contractor_erasure(
            ledger,
            actor,
            world.contract_id,
            certificate_number="TS-2025-0031",
            erased_on=date(2025, 5, 31),
            devices="同上",
            witness_login="desk",
        )
    with pytest.raises(NotFound) as nobody:
        disposals.record_contractor_erasure(
            ledger,
            actor,
            world.contract_id,
            certificate_number="TS-2025-0032",
            erased_on=date(2025, 5, 31),
            devices="PC",
            witness_login="ghost",
        )
    assert nobody.value.key == "error.contractor_erasure.witness"
    with pytest.raises(InvalidInput) as early:
        disposals.record_contractor_erasure(
            ledger,
            actor,
            world.contract_id,
            certificate_number="TS-2025-0033",
            erased_on=date(2025, 4, 30),
            devices="PC",
            witness_login="desk",
        )
    assert early.value.key == "error.contractor_erasure.before_contract"
    with pytest.raises(NotFound):
        disposals.record_contractor_erasure(
            ledger,
            actor,
            999,
            certificate_number="X",
            erased_on=date(2025, 5, 31),
            devices="PC",
            witness_login="desk",
        )
    assert_trail_ok(ledger)


def test_each_erased_device_is_witnessed_and_printed(
    world: World, tmp_path: Path, pdf_tools: None
) -> None:
    from datetime import UTC, datetime

    from ledger_tui.services.wiping import erasure_witness
    from tests.printing.test_long_forms import check_copies, long_text

    ledger, actor = world.ledger, world.actor
    erasure = disposals.record_contractor_erasure(
        ledger,
        actor,
        world.contract_id,
        certificate_number="TS-2025-0031",
        erased_on=date(2025, 5, 31),
        devices="タブレット2台",
        witness_login=actor.login,
    )
    at = datetime(2025, 5, 31, 5, 0, tzinfo=UTC)
    form = erasure_witness.ErasedDeviceForm(
        kind="tablet",
        maker_model="Apple iPad",
        serial="DMPX01",
        erased_data="調査記録",
        method="初期化",
        erased_at=at,
        contractor_person="山田 太郎",
        witness_login=actor.login,
        check="confirmed",
    )
    first = erasure_witness.record_erased_device(ledger, actor, erasure.id, form)
    assert first.position == 1 and first.witness_name == actor.name
    with pytest.raises(InvalidInput) as unexplained:
        erasure_witness.record_erased_device(
            ledger, actor, erasure.id, replace(form, check="data_left")
        )
    assert unexplained.value.key == "error.contractor_erasure.check_note"
    with pytest.raises(InvalidInput):
        erasure_witness.record_erased_device(ledger, actor, erasure.id, replace(form, kind="phone"))
    limits = erasure_witness
    longest = replace(
        form,
        maker_model=long_text(limits.NAME_LIMIT, "型番終わり"),
        serial="S" * limits.SERIAL_LIMIT,
        erased_data=long_text(limits.DATA_LIMIT, "データ終わり"),
        method=long_text(limits.METHOD_LIMIT, "方法終わり"),
        contractor_person=long_text(limits.NAME_LIMIT, "実施者終わり"),
        check="data_left",
        check_note=long_text(limits.NOTE_LIMIT),
    )
    for _ in range(5):
        erasure_witness.record_erased_device(ledger, actor, erasure.id, longest)
    [*_, last] = erasure_witness.list_erased_devices(ledger, erasure.id)
    assert last.position == 6
    [entry, *_] = trail(ledger, "contractor_erasure.device_recorded")
    assert entry["kind"] == "tablet" and entry["check"] == "confirmed"
    assert "山田" not in str(entry)  # names stay off the trail

    done = erasure_witness.save_witness_record_pdf(ledger, actor, erasure.id, tmp_path / "w.pdf")
    pdf = Path(done.path)
    texts = check_copies(pdf, 2, "区確認者印", tmp_path)
    assert pdftools.page_count(pdf) <= 2 * 6  # six devices, every text at its limit
    flat = "".join(texts)
    for end in ("型番終わり", "データ終わり", "実施者終わり"):
        assert flat.count(end) == 2 * 5, end  # every row whole, in both copies
    assert "電磁的媒体の消去立会確認書" in flat and "TS-2025-0031" in flat
    assert "6台うち確認済1台データ残存5台" in flat
    assert trail(ledger, "contractor_erasure.printed")[0]["number"] == done.number
    assert_trail_ok(ledger)
