"""Password notice, erasure certificate, register sheet and inspection record, read back."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from ledger_tui.domain.contracts import TransferMethod
from ledger_tui.domain.media import MediumKind
from ledger_tui.system.pdf.erasure_certificate import (
    SanitisationCategory,
    duration_text,
    render_erasure_certificate,
)
from ledger_tui.system.pdf.inspection_record import render_inspection_record
from ledger_tui.system.pdf.media_register import render_media_register
from ledger_tui.system.pdf.password_notice import (
    password_groups,
    password_lines,
    render_password_notice,
)
from tests.printing import pdftools
from tests.printing.samples import (
    AUDIT_HASH,
    CONTRACT,
    erasure_certificate,
    inspection_record,
    password_notice,
    register_sheet,
)

SavePdf = Callable[[bytes, str], Path]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_password_notice(save_pdf: SavePdf) -> None:
    pdf = save_pdf(render_password_notice(password_notice()), "notice")
    text = pdftools.text(pdf)
    assert "パスワード通知書" in text
    assert "Xk3p 9QwZ 2mTr 7VhN" in text
    assert "この通知書は媒体と別に送付・保管してください。" in text
    assert CONTRACT in text and "税-USB-003" in text and "調査対象者一覧_R7-0042.zip" in text
    assert "佐藤 花子" in text and "令和7年6月1日（2025-06-01） 14時05分" in _flat(text)
    assert "委託先控" in text and pdftools.page_count(pdf) == 1  # one copy unless asked
    fonts = pdftools.fonts(pdf)
    assert all(row["emb"] == "yes" for row in fonts)
    assert any("Mono" in row["name"] for row in fonts)  # the password in a monospace


@pytest.mark.parametrize(
    ("kind", "method", "detail", "control", "expected"),
    [
        (MediumKind.CDR, TransferMethod.REGISTERED_MAIL, "1234-5678-9012", "税-CD-007", "CD-R"),
        (None, TransferMethod.EMAIL, "bengoshi@example.jp", "", "メール"),
    ],
)
def test_one_password_notice_form_for_every_medium_and_transfer(
    save_pdf: SavePdf,
    kind: MediumKind | None,
    method: TransferMethod,
    detail: str,
    control: str,
    expected: str,
) -> None:
    notice = replace(
        password_notice(),
        control_number=control,
        medium_kind=kind,
        transfer_method=method,
        transfer_detail=detail,
    )
    pdf = save_pdf(render_password_notice(notice), f"notice-{method.value}")
    text = pdftools.text(pdf)
    assert expected in text and detail in text and "受け渡し方法" in text
    assert ("管理番号" in text) is bool(control)
    assert "Xk3p 9QwZ 2mTr 7VhN" in text and pdftools.page_count(pdf) == 1


def test_password_notice_qr_never_holds_the_password(save_pdf: SavePdf) -> None:
    png = pdftools.render(save_pdf(render_password_notice(password_notice()), "notice"), 1, 150)
    assert pdftools.qr_codes(png) == [f"LTUI.PWN.R7-0042.{AUDIT_HASH}"]


def test_password_groups() -> None:
    assert password_groups("Xk3p9QwZ2m") == "Xk3p 9QwZ 2m"
    assert password_groups("abcd") == "abcd"
    # generated passwords carry their hyphens: printed exactly as typed
    assert password_groups("T3EC-XFYE-YE6C-UNYC") == "T3EC-XFYE-YE6C-UNYC"


def test_a_generated_password_prints_on_two_whole_lines(save_pdf: SavePdf) -> None:
    password = "PYRV-Y6XR-N6KN-FN79-YKPA-TUT3-JHVH-XWX6"
    assert password_lines(password) == ["PYRV-Y6XR-N6KN-FN79-", "YKPA-TUT3-JHVH-XWX6"]
    assert password_lines("T3EC-XFYE") == ["T3EC-XFYE"]
    pdf = save_pdf(
        render_password_notice(replace(password_notice(), password=password)), "notice-long"
    )
    lines = [line.strip() for line in pdftools.text(pdf, layout=True).splitlines()]
    assert any(line.endswith("PYRV-Y6XR-N6KN-FN79-") for line in lines)
    assert any(line.endswith("YKPA-TUT3-JHVH-XWX6") for line in lines)


def test_erasure_certificate(save_pdf: SavePdf) -> None:
    pdf = save_pdf(render_erasure_certificate(erasure_certificate()), "cert")
    flat = _flat(pdftools.text(pdf))
    for expected in (
        "データ消去証明書",
        "R7-0107",
        "杉並区 区民生活部 納税課 収納管理係",
        "税-USB-003",
        "SanDisk",
        "Ultra Flair SDCZ73",
        "4C530001230605117452",
        "15.4 GB (15,376,000,000 B)",
        CONTRACT,
        "R7-0042、R7-0057",
        "消去区分",
        "NIST SP 800-88 Clear（上書き消去）",
        "1回（AES-256-CTR 擬似乱数）",
        "全領域読み戻し検証：合格",
        "15,376,000,000 ／ 15,376,000,000 バイト",
        "0:06:52（37.3 MB/秒）",
        "ledger_tui 0.1.0",
        "佐藤 花子",
        "鈴木 一郎",
        "実施者印",
        "立会者印",
        "確認者印",
        "令和7年6月1日（2025-06-01） 14時11分",
    ):
        assert expected in flat, expected
    assert pdftools.page_count(pdf) == 1


@pytest.mark.parametrize(
    "category,printed",
    [
        (SanitisationCategory.PURGE, "Purge (cryptographic erase)"),
        (SanitisationCategory.DESTROY, "Destroy (physical destruction)"),
    ],
)
def test_erasure_certificate_in_english(
    save_pdf: SavePdf, category: SanitisationCategory, printed: str
) -> None:
    cert = replace(erasure_certificate(), category=category, verified=None)
    flat = _flat(pdftools.text(save_pdf(render_erasure_certificate(cert, lang="en"), "cert")))
    assert "Data Erasure Certificate" in flat and printed in flat and "not verified" in flat


def test_duration_text() -> None:
    assert duration_text(412) == "0:06:52"
    assert duration_text(3725.4) == "1:02:05"


def test_register_sheet_runs_over_pages_with_the_header_repeated(save_pdf: SavePdf) -> None:
    pdf = save_pdf(render_media_register(register_sheet(80)), "register")
    pages = pdftools.page_count(pdf)
    assert pages >= 3
    assert pdftools.page_size_mm(pdf) == (297, 210)  # A4 landscape
    first, last = pdftools.text(pdf, 1, 1), pdftools.text(pdf, pages, pages)
    assert "USBメモリ管理台帳" in first and "登録媒体80件" in "".join(first.split())
    assert "税-USB-001" in first and "税-USB-080" in last
    for page in range(1, pages + 1):  # the scope line and the header on every page
        flat = "".join(pdftools.text(pdf, page, page).split())
        assert "区全体（全課）" in flat and "管理番号" in flat and "受け渡し票" in flat
    assert re.search(rf"\b{pages}\s*/\s*{pages}\b", last)
    assert "作成者印" in last and "確認者印" in last
    every_page = "".join(pdftools.text(pdf).split())
    assert all(f"税-USB-{n:03d}" in every_page for n in range(1, 81))
    assert "令和6年4月2日" in every_page and "（2024-04-02）" in every_page
    # the history, per medium lent: a finished loan (out, back, wiped with its
    # certificate), then the loan still out
    for token in ("R7-0011", "R7-0019", "512", "510", "データ消去", "R7-0005", "令和7年5月2日"):
        assert every_page.count(token) >= 26, token
    for token in ("R7-0042", "山田太郎", "480", "（未了）"):
        assert every_page.count(token) >= 26, token


def test_register_sheet_in_english(save_pdf: SavePdf) -> None:
    flat = "".join(
        pdftools.text(save_pdf(render_media_register(register_sheet(3), "en"), "r")).split()
    )
    assert "MediaRegister" in flat and "Wholeward(everysection)" in flat
    assert "3media" in flat and "Wiped" in flat and "(open)" in flat


def test_inspection_record(save_pdf: SavePdf) -> None:
    pdf = save_pdf(render_inspection_record(inspection_record()), "inspection")
    text = pdftools.text(pdf)
    flat = _flat(text)
    assert "USBメモリ等点検記録" in text
    assert "所在確認 29件 貸出中 15件 所在不明 14件 台帳外 1件" in flat
    assert "税-USB-999" in flat and "台帳外" in flat and "棚の奥で発見" in flat
    assert "点検者印" in text and "確認者印" in text
    assert pdftools.page_count(pdf) == 2
    assert "管理番号" in pdftools.text(pdf, 2, 2)


@pytest.mark.parametrize(
    "render",
    [
        lambda lang: render_password_notice(password_notice(), lang),
        lambda lang: render_erasure_certificate(erasure_certificate(), lang),
        lambda lang: render_media_register(register_sheet(5), lang),
        lambda lang: render_inspection_record(inspection_record(), lang),
    ],
    ids=["notice", "certificate", "register", "inspection"],
)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_form_embeds_every_font_and_renders(
    save_pdf: SavePdf, render: Callable[[str], bytes], lang: str
) -> None:
    pdf = save_pdf(render(lang), f"form-{lang}")
    rows = pdftools.fonts(pdf)
    assert rows and all(row["emb"] == "yes" for row in rows), rows
    assert pdftools.ink_fraction(pdftools.render(pdf)) > 0.01
