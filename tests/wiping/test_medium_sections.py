"""Media are owned by a section (保有課), chosen at registration (default: the operator's
section, else the ledger's only one) and editable; a certificate of a medium no loan
ties to a contract (a new stick's first wipe, a spoiled CD-R) names it as 発行課 instead
of "（課名未設定）". SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger_tui.domain.errors import NotFound
from ledger_tui.domain.media import MediumKind
from ledger_tui.services import organisation
from ledger_tui.services.register import media
from ledger_tui.services.wiping import certificate_paper, disposals
from tests.integration.lending_world import World
from tests.printing import pdftools


def test_a_medium_takes_its_section_and_a_certificate_names_it(
    world: World, tmp_path: Path, pdf_tools: None
) -> None:
    ledger, actor = world.ledger, world.actor
    # the world's only section is the default for a medium registered without one
    only = media.register_medium(ledger, actor, media.MediumForm("税-CD-101", kind=MediumKind.CDR))
    assert (only.section_code, only.section_name) == ("TAX", "税務課")
    organisation.add_section(ledger, actor, "JOHO", "情報政策課")
    chosen = media.register_medium(
        ledger, actor, media.MediumForm("情-CD-001", kind=MediumKind.CDR, section_code="JOHO")
    )
    assert chosen.section_name == "情報政策課"
    # with two sections and an operator of none, nothing is guessed
    unset = media.register_medium(ledger, actor, media.MediumForm("税-CD-102", kind=MediumKind.CDR))
    assert unset.section_code == ""
    with pytest.raises(NotFound):
        media.register_medium(
            ledger, actor, media.MediumForm("税-CD-103", kind=MediumKind.CDR, section_code="NONE")
        )
    # an edit sets it; an edit that names no section keeps it
    form = media.MediumForm("税-CD-102", kind=MediumKind.CDR, section_code="JOHO")
    edited = media.edit_medium(ledger, actor, "税-CD-102", form, unset.version)
    assert edited.section_code == "JOHO"
    kept = media.edit_medium(
        ledger, actor, "税-CD-102", media.MediumForm("税-CD-102", kind=MediumKind.CDR,
        location="金庫B"), edited.version,
    )  # fmt: skip
    assert (kept.section_code, kept.location) == ("JOHO", "金庫B")

    # a CD-R spoiled at the desk (never lent): its certificate's 発行課 is its section
    cert = disposals.destroy_medium(ledger, actor, "情-CD-001", method="shred", witness="山田")
    assert cert.loan_id is None and cert.medium_section == "情報政策課"
    pdf = tmp_path / "cert.pdf"
    pdf.write_bytes(certificate_paper.certificate_document(ledger, cert.id))
    text = "".join(pdftools.text(pdf).split())
    assert "情報政策課" in text and "課名未設定" not in text
