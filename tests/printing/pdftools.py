"""Reading PDFs back the way a person would: text (pdftotext), fonts (pdffonts), pages
rendered to PNG (pdftoppm) and looked at with Pillow, QR codes scanned (zbarimg)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image

TOOLS = {
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "zbarimg": "zbar-tools",
}


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def text(
    pdf: Path, first: int | None = None, last: int | None = None, *, layout: bool = False
) -> str:
    """The text; `layout` keeps lines as printed (pdftotext otherwise joins a line that
    ends in a hyphen to the next, as if the word were hyphenated)."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return _run("pdftotext", *pages, *(["-layout"] if layout else []), str(pdf), "-")


def fonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts rows as {'name', 'emb'}."""
    lines = _run("pdffonts", str(pdf)).splitlines()[2:]
    rows = []
    for line in lines:
        words = line.split()
        # name type encoding emb sub uni object ID; type can be two words ("Type 1")
        rows.append({"name": words[0], "emb": words[-5]})
    return rows


def page_count(pdf: Path) -> int:
    for line in _run("pdfinfo", str(pdf)).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError(f"pdfinfo gave no page count for {pdf}")


def page_size_mm(pdf: Path) -> tuple[int, int]:
    """The first page's width and height in whole millimetres."""
    for line in _run("pdfinfo", str(pdf)).splitlines():
        if line.startswith("Page size:"):
            width, height = (float(word) for word in line.split()[2:5:2])
            return round(width / 72 * 25.4), round(height / 72 * 25.4)
    raise AssertionError(f"pdfinfo gave no page size for {pdf}")


def render(pdf: Path, page: int = 1, dpi: int = 50, into: Path | None = None) -> Path:
    """Page `page` as a PNG in `into` (default: beside the PDF)."""
    prefix = (into or pdf.parent) / f"{pdf.name}-p{page}-{dpi}dpi"
    _run(
        "pdftoppm",
        "-png",
        "-r",
        str(dpi),
        "-f",
        str(page),
        "-l",
        str(page),
        "-singlefile",
        str(pdf),
        str(prefix),
    )
    return Path(f"{prefix}.png")


def ink_fraction(png: Path) -> float:
    """Share of pixels darker than mid-grey: 0 for a blank page."""
    with Image.open(png) as image:
        grey = image.convert("L")
        histogram = grey.histogram()
        return sum(histogram[:128]) / (grey.width * grey.height)


def qr_codes(png: Path) -> list[str]:
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )  # exit status 4 means "no code found": checked below
    return [line for line in result.stdout.splitlines() if line]
