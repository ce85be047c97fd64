"""Line breaking for paper (禁則処理): the one wrapping function every form uses.

reportlab's ``wordWrap='CJK'`` breaks between any two characters, so a narrow column
printed "令和8年5月31 / 日" and "佐 / 藤 健一". Here text is first cut into units that
never break inside:

- a date or time (令和8年5月31日, 令和元年度, 2026-05-31, 14時05分, 25.8時間),
- a number with its unit or counter (1,234件, 16GB, 第3条),
- a run of ASCII letters and digits (a serial, a control number, an English word),
- a person's name as Japanese writes it, family and given name parted by a space
  (佐藤 健一),

while other Japanese text breaks between any two characters, as Japanese is set (each
line filled to its end). Then 禁則 glues closing punctuation and small kana (、。」）ー…)
to the unit before it, so no line starts with one, and opening brackets (「（) to the
unit after it, so no line ends with one. Lines are filled greedily with whole units;
a unit wider than a whole line (a long serial, a path) is broken between characters,
beginning on the line already started (it breaks anyway: a line of its own would only
waste one), at a soft place where it has one (a date after 年 or 月, a path after
"/") if that leaves the line well filled, still keeping 禁則 where it can.
Widths are measured with the font the paragraph draws with.

`wrap_text` returns the lines; `styles.para` builds each form's paragraphs from them
(see `KinsokuParagraph`), so every form wraps the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reportlab.pdfbase.pdfmetrics import stringWidth

#: May not begin a line (closing brackets, punctuation, small kana, prolonged sound).
NO_LINE_START = frozenset(
    "、。，．,.:;!?！？：；・…‥)]}）〕］｝〉》」』】〙〗”’ー～"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々ゝゞヽヾ%％"
)
#: May not end a line (opening brackets).
NO_LINE_END = frozenset("([{（〔［｛〈《「『【〘〖“‘")

_ERA = r"(?:令和|平成|昭和|R|H)"
_NUM = r"[0-9０-９]+(?:[.,．，][0-9０-９]+)*"
_COUNTER = "[件枚本個台回条項号名人日年月週者部冊通%％]"
#: A kanji that does not begin a 和暦 date (令和8年 stays whole after 実施日).
_KANJI = rf"(?:(?!{_ERA}(?:元|[0-9０-９]))[\u4e00-\u9fff々])"
#: Units that never break inside, longest first.
_UNITS = re.compile(
    "|".join(
        (
            # 和暦 dates: 令和8年5月31日, 令和元年度, 令和8年5月, with a time after it
            rf"{_ERA}(?:元|{_NUM})年(?:度|(?:{_NUM}月(?:{_NUM}日)?))?",
            rf"{_NUM}月{_NUM}日",
            # western dates and times: 2026-05-31, 2026/05/31 14:05, 14時05分, 25.8時間
            r"[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?",
            rf"{_NUM}時(?:{_NUM}分|間)?(?:{_NUM}秒)?",
            rf"{_NUM}(?:分|秒)(?:間)?",
            # numbers with their counters: 第3条, 1,234件, 1,600 件 (not the start of a
            # serial or a hash such as 2A0C21, which the next pattern keeps whole)
            rf"第?{_NUM}(?: ?{_COUNTER})?(?![A-Za-z0-9_\-/:@+#]|[.,][A-Za-z0-9])",
            # ASCII words, serials, control numbers, sizes, paths (SLIP-R8-0001,
            # HB3A0C21E7F01, 16GB, 3.5MiB/s, a.b@c.d, /dev/sdb)
            r"/?[A-Za-z0-9][A-Za-z0-9_\-./:@+#]*[A-Za-z0-9]|/?[A-Za-z0-9]",
            # names: family and given name parted by a space (佐藤 健一, 佐藤　健一), the
            # last of a chain of such words (監査人 佐藤 健一)
            rf"{_KANJI}{{1,4}}[ \u3000]{_KANJI}{{1,4}}(?![\u4e00-\u9fff々]|[ \u3000]{_KANJI})",
        )
    )
)

Measure = Callable[[str], float]


def units(text: str) -> list[str]:
    """`text` cut into unbreakable units, 禁則 characters glued to their neighbours.
    Joining the units gives `text` back."""
    pieces: list[str] = []
    position = 0
    while position < len(text):
        match = _UNITS.match(text, position)
        end = match.end() if match is not None and match.end() > position else position + 1
        pieces.append(text[position:end])
        position = end
    glued: list[str] = []
    pending_open = ""
    for piece in pieces:
        if piece[0] in NO_LINE_START and glued and not pending_open:
            glued[-1] += piece
        elif piece in NO_LINE_END:
            pending_open += piece
        else:
            glued.append(pending_open + piece)
            pending_open = ""
    if pending_open:
        if glued:
            glued[-1] += pending_open
        else:
            glued.append(pending_open)
    return glued


#: Inside a unit too wide for a line, the places a break falls best: after these.
SOFT_BREAK_AFTER = frozenset("-/年月日時分秒)）、。,. \u3000・_")
#: A soft break is taken only if the line it ends is at least this full (a path broken
#: after each "/" would waste half of every line).
SOFT_BREAK_FILL = 0.6


def _cut(current: str, shortest: Callable[[str], bool], floor: int = 0) -> int:
    """Where to break `current` (a too-long unit's text so far, after `floor` characters
    of the line it began on): after its last soft break that keeps 禁則 and leaves a
    line not `shortest`, else before its last character when that one may not end a
    line, before the last two when the last may not start one, else at its end. Never
    before `floor`."""
    lowest = max(floor, 1)  # at `floor` itself: the unit starts the next line whole
    for index in range(len(current) - 1, lowest - 1, -1):
        if shortest(current[:index]):
            break
        before, after = current[index - 1], current[index]
        if before in SOFT_BREAK_AFTER and after not in NO_LINE_START and before not in NO_LINE_END:
            return index
    if current[-1] in NO_LINE_END and len(current) - 1 >= lowest:
        return len(current) - 1  # the opening mark goes on with what it opens
    if current[-1] in NO_LINE_START and len(current) - 2 >= lowest:
        return len(current) - 2  # the closing mark goes on with what it closes
    return len(current)


def _split_long(unit: str, width: float, measure: Measure, start: str = "") -> list[str]:
    """A unit wider than a line, broken between characters: at a soft break (a date
    after 年 or 月, a range after "-") where there is one. It begins on the line `start`
    began (Japanese fills each line to its end), never before its own first character."""
    lines: list[str] = []
    current, floor = start, len(start)

    def shortest(line: str) -> bool:
        return measure(line) < width * SOFT_BREAK_FILL

    for char in unit:
        while current and measure(current + char) > width:
            cut = _cut(current, shortest, floor)
            if cut == len(current) and char in NO_LINE_START and cut - 1 >= max(floor, 1):
                cut -= 1  # the closing mark takes the character before it along
            cut = cut if cut > 0 else len(current)
            lines.append(current[:cut].rstrip())
            current, floor = current[cut:].lstrip(), 0
        current += char
    if current:
        lines.append(current)
    return lines


def hanging_fit(width: float, measure: Measure, hang: float) -> Callable[[str], bool]:
    """Whether a line fits `width`: its closing punctuation at the end (、。）」) may hang
    past it by up to `hang` (ぶら下げ: "による）" stays on its line when only the "）"
    would overflow, as reportlab's own CJK wrapping let it)."""

    def fits(line: str) -> bool:
        full = measure(line)
        if full <= width:
            return True
        if full > width + hang:
            return False
        body = line.rstrip("".join(NO_LINE_START))
        return body != line and measure(body) <= width

    return fits


def wrap_text(text: str, width: float, measure: Measure, hang: float = 0.0) -> list[str]:
    """The lines of `text` (its own newlines kept) no wider than `width` as `measure`
    says, but for closing punctuation at a line's end hanging by up to `hang`. Breaks
    fall between units only; spaces at a break are dropped."""
    fits = hanging_fit(width, measure, hang)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for unit in units(paragraph):
            candidate = current + unit
            if fits(candidate.rstrip()):
                current = candidate
                continue
            if measure(unit.strip()) > width:
                # wider than a whole line, it breaks between characters anyway: it
                # begins on this line, after what is on it already
                start = current if current.strip() else ""
                *full, current = _split_long(
                    unit if start else unit.lstrip(), width, measure, start
                )
                lines.extend(line for line in full if line)
                continue
            if current.strip():
                lines.append(current.rstrip())
            current = unit.lstrip()
        lines.append(current.rstrip())
    return lines


def font_measure(font: str, size: float) -> Measure:
    """Width of a string in `font` at `size` points."""
    return lambda text: stringWidth(text, font, size)
