"""The one wrapping function of the forms (system/pdf/linebreak.py): 禁則 and units that
never break inside (dates, numbers, names, ASCII words), measured with the real font."""

from __future__ import annotations

import pytest

from ledger_tui.system.pdf.fonts import form_fonts
from ledger_tui.system.pdf.linebreak import (
    NO_LINE_END,
    NO_LINE_START,
    font_measure,
    units,
    wrap_text,
)

#: One em per character: widths in characters.
EM = 10.0


def em(text: str) -> float:
    return len(text) * EM


def lines(text: str, chars: float, hang: float = 0.0) -> list[str]:
    return wrap_text(text, chars * EM, em, hang * EM)


SENTENCE = "令和8年5月31日（2026-05-31）に佐藤 健一が「USBメモリ」を紛失し、1,234件が影響を受けた。"


def test_units_give_the_text_back_and_keep_dates_numbers_and_names_whole() -> None:
    found = units(SENTENCE)
    assert "".join(found) == SENTENCE
    assert "令和8年5月31日" in found
    assert "（2026-05-31）" in found  # brackets glued to what they enclose
    assert "佐藤 健一" in found
    assert "1,234件" in found


@pytest.mark.parametrize(
    "text",
    [
        "令和8年5月31日",
        "令和元年度",
        "14時05分",
        "25.8時間",
        "第19条",
        "16GB",
        "SLIP-R8-0001",
        "1,600 件",
        "2A0C21E7",
        "3.5MiB/s",
        "佐藤 健一",
        "佐藤　健一",
    ],
)
def test_a_unit_that_fits_is_never_broken(text: str) -> None:
    # room for the unit and the 、 that may not start the next line
    for width in range(len(text) + 1, len(text) + 12):
        wrapped = lines(f"記録：{text}、確認済み", width)
        assert any(text in line for line in wrapped), (width, wrapped)


@pytest.mark.parametrize("width", range(4, 40))
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(width: int) -> None:
    for line in lines(SENTENCE * 2, width):
        assert line, "no empty line inside a paragraph"
        assert line[0] not in NO_LINE_START, line
        assert line[-1] not in NO_LINE_END, line
        assert em(line) <= width * EM


@pytest.mark.parametrize("width", range(10, 30))
def test_dates_and_names_stay_on_one_line_when_they_fit(width: int) -> None:
    text = "監査日：令和8年5月31日、監査人：佐藤 健一、指摘事項なし"
    wrapped = lines(text, width)
    assert any("令和8年5月31日" in line for line in wrapped), wrapped
    assert any("佐藤 健一" in line for line in wrapped), wrapped


def test_a_unit_wider_than_the_line_breaks_at_its_soft_places() -> None:
    assert lines("令和8年5月31日", 6) == ["令和8年", "5月31日"]
    assert lines("HB3A0C21E7F01HB3A", 10) == ["HB3A0C21E7", "F01HB3A"]


def test_a_unit_wider_than_the_line_begins_on_the_line_already_started() -> None:
    # it breaks anyway: a line of its own would waste the room left on this one
    assert lines("番号 HB3A0C21E7F01HB3A", 10) == ["番号 HB3A0C2", "1E7F01HB3A"]
    assert lines("記録：/dev/disk/by-id/usb-0001", 10)[0] == "記録：/dev/"


def test_a_long_path_fills_its_lines() -> None:
    path = "/tmp/pytest-of-root/pytest-494/test_print_through_cups_sqlite_0/stick0-0.img"
    wrapped = lines(path, 20)
    assert "".join(wrapped) == path
    assert len(wrapped) <= 5, wrapped  # 71 characters
    assert all(len(line) >= 12 for line in wrapped[:-1]), wrapped  # soft breaks: 60 % full


def test_closing_punctuation_hangs_past_the_line_end() -> None:
    text = "報告書による）"
    assert lines(text, 6.5) == ["報告書によ", "る）"]
    assert lines(text, 6.5, hang=0.5) == [text]  # ぶら下げ: only the ）past the end
    assert lines("報告書によるもの", 6.5, hang=0.5) == ["報告書による", "もの"]  # a kana never
    assert lines(text, 6.4, hang=0.5) == ["報告書によ", "る）"]  # more than the hang


def test_english_wraps_at_spaces_and_newlines_are_kept() -> None:
    assert lines("The stick was lost on the way back.\nReported 25.8 hours later.", 18) == [
        "The stick was lost",
        "on the way back.",
        "Reported 25.8",
        "hours later.",
    ]


def test_the_real_font_measures_the_lines() -> None:
    fonts = form_fonts()
    measure = font_measure(fonts.gothic, 8.0)
    width = measure("令和8年5月31日") + 1
    assert wrap_text("実施日令和8年5月31日", width, measure) == ["実施日", "令和8年5月31日"]
