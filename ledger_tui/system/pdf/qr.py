"""The QR code on every form: which form it is, its number and its audit entry's hash.

A keyboard-wedge reader types the payload into whatever has focus, so it keeps to
characters that sit on the same keys in US and JIS layouts (letters, digits, '-', '.'):
``LTUI.SLIP.SLIP-R7-0042.<64 hex digits>``. The hash ties the paper to its audit-trail entry.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

PREFIX = "LTUI"
_PART = re.compile(r"^[A-Za-z0-9-]+$")
_HASH = re.compile(r"^[0-9a-f]{16,128}$")


@dataclass(frozen=True, slots=True)
class FormReference:
    """What a scanned form code names: form kind (e.g. SLIP), number, audit hash."""

    kind: str
    number: str
    audit_hash: str = ""


def qr_payload(ref: FormReference) -> str:
    if not _PART.match(ref.kind) or not _PART.match(ref.number):
        raise ValueError(f"form kind and number must be letters, digits or '-': {ref}")
    if ref.audit_hash and not _HASH.match(ref.audit_hash):
        raise ValueError(f"audit hash must be lower-case hex: {ref.audit_hash!r}")
    parts = [PREFIX, ref.kind.upper(), ref.number]
    if ref.audit_hash:
        parts.append(ref.audit_hash)
    return ".".join(parts)


def parse_qr_payload(text: str) -> FormReference | None:
    """The reference a scanned payload names, or None when it is not one of ours."""
    parts = text.strip().split(".")
    if len(parts) not in (3, 4) or parts[0] != PREFIX:
        return None
    kind, number = parts[1], parts[2]
    audit_hash = parts[3].lower() if len(parts) == 4 else ""
    if not _PART.match(kind) or not _PART.match(number):
        return None
    if audit_hash and not _HASH.match(audit_hash):
        return None
    return FormReference(kind, number, audit_hash)


QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw the code as a `size`-point square with its lower-left corner at (x, y).

    Modules are drawn straight onto the canvas (one filled path) rather than through
    reportlab's graphics renderer, which would pull an unembedded Times-Roman into the PDF.
    """
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    count = len(code.modules)
    module = size / (count + 2 * QUIET_ZONE)
    path = canvas.beginPath()
    for row_index, row in enumerate(code.modules):
        column = 0
        for dark, run in itertools.groupby(bool(cell) for cell in row):
            length = len(list(run))
            if dark:
                top = y + size - (row_index + QUIET_ZONE + 1) * module
                path.rect(x + (column + QUIET_ZONE) * module, top, length * module, module)
            column += length
    canvas.saveState()
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
