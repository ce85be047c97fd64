"""The inserted-devices strip shown on every desk screen: one chip per stick, coloured by
how it matches the register (a password-lock stick still locked: one "locked" chip),
plus where the events come from (udev or kernel)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ledger_tui.i18n import t
from ledger_tui.services.register.devices import DeviceMatch, MatchOutcome

STYLE = {
    MatchOutcome.KNOWN: "bold green",
    MatchOutcome.UNKNOWN: "bold yellow",
    MatchOutcome.MISMATCH: "bold white on red",
}

LOCKED = "bold black on yellow"


def locked_name(match: DeviceMatch) -> str:
    """How a locked stick is named: its control number when its serial is registered."""
    if match.medium is not None and match.outcome is MatchOutcome.KNOWN:
        return match.medium.control_number
    return f"{match.device.node} {match.device.vendor or ''}".strip()


def strip_text(matches: list[DeviceMatch], source: str, ready: bool) -> Text:
    text = Text()
    text.append("USB ", style="bold")
    if not ready:
        text.append(t("devices.strip.detecting"), style="dim")
    elif not matches:
        text.append(t("devices.none"), style="dim")
    for m in matches:
        info = m.device
        if info.locked:  # one entry per stick, whatever units it shows while locked
            text.append(f" [{t('devices.strip.locked', name=locked_name(m))}] ", style=LOCKED)
            continue
        if m.outcome is MatchOutcome.KNOWN and m.medium is not None:
            label = t(
                "devices.strip.known",
                control_number=m.medium.control_number,
                state=t("state." + m.medium.state.value),
            )
            if m.loan is not None:
                label += " " + t("devices.strip.loan", state=t("state.loan." + m.loan.state.value))
        elif m.outcome is MatchOutcome.MISMATCH:
            label = t("devices.strip.mismatch", node=info.node) + " " + t(m.reason)
        else:
            label = t(
                "devices.strip.unknown",
                node=info.node,
                vendor=info.vendor or "?",
                serial=info.serial or "—",
            )
        if info.weak_identity:
            label += " " + t("devices.weak_identity")
        text.append(f" [{label}] ", style=STYLE[m.outcome])
    text.append(f"  ({t(source)})", style="dim")
    return text


class DeviceStrip(Static):
    DEFAULT_CSS = """
    DeviceStrip { height: 1; padding: 0 1; background: $boost; }
    """
