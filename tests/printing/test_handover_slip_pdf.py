"""The handover slip PDF read back as text, fonts, rendered pages and its QR code."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from ledger_tui.domain.contracts import TransferMethod
from ledger_tui.domain.errors import DomainError
from ledger_tui.system.pdf import fonts as form_fonts_module
from ledger_tui.system.pdf.handover_slip import (
    CountReconciliation,
    SlipDirection,
    render_handover_slip,
)
from ledger_tui.system.pdf.qr import parse_qr_payload
from ledger_tui.system.pdf.styles import form_styles
from tests.printing import pdftools
from tests.printing.samples import AUDIT_HASH, CONTRACT, out_slip

SavePdf = Callable[[bytes, str], Path]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_out_slip_prints_every_field_in_japanese(save_pdf: SavePdf) -> None:
    pdf = save_pdf(render_handover_slip(out_slip()), "slip")
    text = pdftools.text(pdf)
    flat = _flat(text)
    assert "個人情報受け渡し票（提供）" in text
    assert "No. R7-0042" in text
    assert "令和7年6月1日（2025-06-01） 14時05分" in flat  # 05:05 UTC is 14:05 in Tokyo
    assert re.search(r"令和\d+年\d+月\d+日（\d{4}-\d\d-\d\d） \d+時\d\d分", flat)
    assert CONTRACT in text and "区民生活部 納税課" in text
    assert "株式会社東京債権回収サービス" in text
    assert "山田 太郎（取扱責任者）" in text and "佐藤 花子" in text
    assert "税-USB-003" in text and "USBメモリ" in text and "AA0123456789" in text
    assert "郵便番号、住所、方書、氏名" in text
    assert "500件" in text
    assert "手渡し" in text
    assert "返却予定日" in text and "令和7年9月30日（2025-09-30）" in text
    for label in ("区 担当者印", "区 確認者印", "委託先 取扱者印"):
        assert text.count(label) == 2, label  # once per copy
    assert "杉並区" in text and "区民生活部 納税課 収納管理係" in text
    assert "監査記録ハッシュ" in text


def test_two_copies_by_default_each_numbered_on_its_own(save_pdf: SavePdf) -> None:
    pdf = save_pdf(render_handover_slip(out_slip()), "slip")
    assert pdftools.page_count(pdf) == 2
    first, second = pdftools.text(pdf, 1, 1), pdftools.text(pdf, 2, 2)
    assert "区控" in first and "委託先控" not in first
    assert "委託先控" in second
    assert re.search(r"\b1\s*/\s*1\b", first) and re.search(r"\b1\s*/\s*1\b", second)


def test_copies_are_configurable(save_pdf: SavePdf) -> None:
    pdf = save_pdf(render_handover_slip(out_slip(), copies=3), "three")
    assert pdftools.page_count(pdf) == 3
    assert "控3" in pdftools.text(pdf, 3, 3)
    single = save_pdf(render_handover_slip(out_slip(), copies=1), "one")
    assert pdftools.page_count(single) == 1
    with pytest.raises(ValueError):
        render_handover_slip(out_slip(), copies=0)


def test_font_is_embedded_and_no_font_is_left_to_the_reader(save_pdf: SavePdf) -> None:
    rows = pdftools.fonts(save_pdf(render_handover_slip(out_slip()), "slip"))
    assert any("IPAexGothic" in row["name"] for row in rows)
    assert rows and all(row["emb"] == "yes" for row in rows), rows


def test_first_page_renders_with_ink(save_pdf: SavePdf) -> None:
    png = pdftools.render(save_pdf(render_handover_slip(out_slip()), "slip"), 1, 50)
    ink = pdftools.ink_fraction(png)
    assert 0.01 < ink < 0.4, ink


def test_qr_code_carries_number_and_audit_hash(save_pdf: SavePdf) -> None:
    png = pdftools.render(save_pdf(render_handover_slip(out_slip()), "slip"), 1, 150)
    codes = pdftools.qr_codes(png)
    assert codes == [f"LTUI.SLIP.R7-0042.{AUDIT_HASH}"]
    reference = parse_qr_payload(codes[0])
    assert reference is not None
    assert (reference.kind, reference.number, reference.audit_hash) == (
        "SLIP",
        "R7-0042",
        AUDIT_HASH,
    )


def test_english_variant(save_pdf: SavePdf) -> None:
    pdf = save_pdf(render_handover_slip(out_slip(), lang="en"), "slip-en")
    flat = _flat(pdftools.text(pdf))
    for expected in (
        "Personal Data Handover Slip (Out)",
        "Ward copy",
        "Contractor copy",
        "2025-06-01 (Reiwa 7) 14:05",
        "500 records",
        "hand delivery",
        "Expected return",
        "2025-09-30 (Reiwa 7)",
        "Ward handler",
        "山田 太郎 (responsible person)",
        CONTRACT,
    ):
        assert expected in flat, expected
    assert "区控" not in flat
    assert pdftools.ink_fraction(pdftools.render(pdf)) > 0.01


def test_back_slip_reconciles_counts_and_explains_the_difference(save_pdf: SavePdf) -> None:
    slip = replace(
        out_slip(),
        number="R7-0057",
        direction=SlipDirection.BACK,
        record_count=498,
        expected_return=None,
        transfer_method=TransferMethod.REGISTERED_MAIL,
        transfer_detail="1234-5678-9012",
        reconciliation=CountReconciliation("R7-0042", 500, "2件は対象外のため削除済み"),
    )
    text = pdftools.text(save_pdf(render_handover_slip(slip), "back"))
    assert "個人情報受け渡し票（返却）" in text
    assert "書留郵便（追跡番号 1234-5678-9012）" in text
    assert "提供時の票番号" in text and "R7-0042" in text and "500件" in text
    assert "498件" in text and "不一致（差 -2件）" in text
    assert "差異の説明" in text and "2件は対象外のため削除済み" in text
    assert "返却予定日" not in text


def test_back_slip_with_matching_counts(save_pdf: SavePdf) -> None:
    slip = replace(
        out_slip(),
        direction=SlipDirection.BACK,
        expected_return=None,
        reconciliation=CountReconciliation("R7-0042", 500),
    )
    text = pdftools.text(save_pdf(render_handover_slip(slip), "back"))
    assert "一致" in text and "不一致" not in text and "差異の説明" not in text


@pytest.mark.parametrize(
    "method,detail,printed",
    [
        (TransferMethod.LOCKED_CASE, "S-000123", "鍵付きケース（封印番号 S-000123）"),
        (
            TransferMethod.EMAIL,
            "houmu@example.jp",
            "メール（パスワード付きファイル）（送信先 houmu@example.jp）",
        ),
        (TransferMethod.HAND, "", "手渡し"),
    ],
)
def test_transfer_method_with_its_detail(
    save_pdf: SavePdf, method: TransferMethod, detail: str, printed: str
) -> None:
    slip = replace(out_slip(), transfer_method=method, transfer_detail=detail)
    assert printed in _flat(pdftools.text(save_pdf(render_handover_slip(slip), "method")))


def test_cancelled_slip_is_marked(save_pdf: SavePdf) -> None:
    slip = replace(out_slip(), cancelled_by="R7-0043", cancel_reason="件数の記載誤り")
    pdf = save_pdf(render_handover_slip(slip), "cancelled")
    text = pdftools.text(pdf, 1, 1)
    assert text.count("取消") >= 3  # watermark, stamp beside the title, the table group
    assert "取消票番号" in text and "R7-0043" in text and "件数の記載誤り" in text
    plain = pdftools.text(save_pdf(render_handover_slip(out_slip()), "plain"), 1, 1)
    assert "取消" not in plain


def test_cancelling_slip_names_the_slip_it_cancels(save_pdf: SavePdf) -> None:
    slip = replace(out_slip(), number="R7-0043", cancels="R7-0042", cancel_reason="件数の誤り")
    text = pdftools.text(save_pdf(render_handover_slip(slip), "cancelling"), 1, 1)
    assert "個人情報受け渡し票（提供） 取消票" in text
    assert "下記のとおり受け渡し票 R7-0042 を取り消します。" in text
    assert "取消対象票番号" in text and "件数の誤り" in text


def test_long_content_runs_onto_a_second_page_per_copy(save_pdf: SavePdf) -> None:
    items = tuple(f"調査項目{n:03d}（備考欄付き）" for n in range(1, 121))
    slip = replace(out_slip(), content_items=items, notes="長文の備考。" * 60)
    pdf = save_pdf(render_handover_slip(slip), "long")
    pages = pdftools.page_count(pdf)
    assert pages >= 4 and pages % 2 == 0
    per_copy = pages // 2
    last_of_first_copy = pdftools.text(pdf, per_copy, per_copy)
    assert re.search(rf"\b{per_copy}\s*/\s*{per_copy}\b", last_of_first_copy)
    assert "区 担当者印" in last_of_first_copy  # the stamps follow the body
    first_copy = "".join(pdftools.text(pdf, 1, per_copy).split())
    # nothing lost (an item whose line runs over a page break may read cut in two)
    assert sum(f"調査項目{n:03d}" not in first_copy for n in range(1, 121)) <= 1
    assert "委託先控" in pdftools.text(pdf, per_copy + 1, per_copy + 1)


def test_markup_characters_print_as_typed(save_pdf: SavePdf) -> None:
    slip = replace(out_slip(), notes="<b>A&B</b> 5 < 6")
    assert "<b>A&B</b> 5 < 6" in pdftools.text(save_pdf(render_handover_slip(slip), "markup"))


def test_missing_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LEDGER_TUI_FONT", str(tmp_path / "no-such-font.ttf"))
    form_fonts_module.form_fonts.cache_clear()
    form_styles.cache_clear()
    try:
        with pytest.raises(DomainError) as caught:
            render_handover_slip(out_slip())
        assert caught.value.key == "error.print.font_missing"
        assert "fonts-ipaexfont-gothic" in caught.value.message("ja")
        assert "LEDGER_TUI_FONT" in caught.value.message("en")
    finally:
        monkeypatch.delenv("LEDGER_TUI_FONT")
        form_fonts_module.form_fonts.cache_clear()
        form_styles.cache_clear()


def test_a_font_reportlab_cannot_embed_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = tmp_path / "broken.ttf"
    fake.write_bytes(b"OTTO" + bytes(200))  # a CFF (.otf) header: reportlab refuses it
    monkeypatch.setenv("LEDGER_TUI_FONT", str(fake))
    form_fonts_module.form_fonts.cache_clear()
    form_styles.cache_clear()
    try:
        with pytest.raises(DomainError) as caught:
            render_handover_slip(out_slip())
        assert caught.value.key == "error.print.font_unusable"
    finally:
        monkeypatch.delenv("LEDGER_TUI_FONT")
        form_fonts_module.form_fonts.cache_clear()
        form_styles.cache_clear()
