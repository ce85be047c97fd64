"""Each sheet template is the list of its seed's 受託事業者に行わせる情報保護対策, item by
item, in the seed's own words (then special-terms clause 18, which the desk tracks too).

The seeds (`tests/compliance/seeds/`, copies of the two council reports) are parsed
here; a measure the template lacks, adds, reorders or rewords fails the test. The ward's
name (新宿区 in the seeds) prints as 区: the ward is configured, not fixed."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from ledger_tui.domain.compliance import TEMPLATES, SheetTemplate
from ledger_tui.i18n import t

SEEDS = Path(__file__).parent / "seeds"
SEED_OF = {
    SheetTemplate.SERVICER: "000_b3e0b60272f8f17f.txt",
    SheetTemplate.LAW_FIRM: "004_a62ec0abcc0c0428.txt",
}
#: A numbered measure that only introduces its sub-items (one measure each).
GROUP_HEADING = "以下の保護対策を講じさせる。"


def normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("新宿区", "区")
    return "".join(text.split()).rstrip("。")


def seed_measures(name: str) -> list[str]:
    """The seed's contractor measures as leaves: a group heading's sub-items are one
    measure each; other sub-items belong to their item's text."""
    text = (SEEDS / name).read_text(encoding="utf-8")
    section = text[text.index("受託事業者に行わせる情報保護対策") : text.index("特記事項\n")]
    section = re.sub(r"<[^>]+>", " ", section)
    section = section.replace("【運用上の対策】", " ").replace("【システム上の対策】", " ")
    parts = re.split(r"(?:^|\s)-?\s*(\(\d\)|\d{1,2})\s+(?=\S)", section)
    leaves: list[str] = []
    parent_is_group = False
    for marker, body in zip(parts[1::2], parts[2::2], strict=True):
        body = " ".join(body.split()).strip(" -|")
        if not marker.startswith("("):
            parent_is_group = body.endswith(GROUP_HEADING)
            if not parent_is_group:
                leaves.append(body)
        elif parent_is_group:
            leaves.append(body)
        else:
            leaves[-1] += f" {marker} {body}"
    return leaves


def clause_18(name: str) -> str:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return re.search(r"\n18 (.+)", text).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize("template", list(SheetTemplate))
def test_each_template_is_its_seeds_list_item_by_item(template: SheetTemplate) -> None:
    seed = SEED_OF[template]
    measures = seed_measures(seed)
    labels = [t(f"measure.{code}", "ja") for code in TEMPLATES[template]]
    assert len(labels) == len(measures) + 1, (len(labels), len(measures))
    for label, measure in zip(labels, measures, strict=False):
        # a PC / tablet measure may name its device first (seed 000 groups them)
        assert normal(label).endswith(normal(measure)), (label, measure)
    assert normal(labels[-1]).endswith(normal(clause_18(seed)))
    for code in TEMPLATES[template]:
        assert t(f"measure.{code}", "en") != t(f"measure.{code}", "ja")


def test_the_seeds_have_the_counts_the_council_reports_list() -> None:
    # 000: operational 1-8, PC 1(1)-(5), tablet 2(1)-(7); 004: operational 1-5, system 1-5
    assert len(seed_measures(SEED_OF[SheetTemplate.SERVICER])) == 20
    assert len(seed_measures(SEED_OF[SheetTemplate.LAW_FIRM])) == 10
    servicer = [t(f"measure.{code}", "ja") for code in TEMPLATES[SheetTemplate.SERVICER]]
    for words in ("Wi-fi", "自動画面ロック", "覗き見防止", "データ出力及び印刷"):
        assert any(words in label for label in servicer), words
    law_firm = " ".join(t(f"measure.{code}", "ja") for code in TEMPLATES[SheetTemplate.LAW_FIRM])
    for words in ("書留若しくは弁護士指定の方法", "鍵付きケース", "パスワードを付す"):
        assert words in law_firm, words
    for absent in ("USBメモリ", "タブレット", "立会"):
        assert absent not in law_firm, absent
