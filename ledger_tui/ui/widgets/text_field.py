"""The desk's text field: Textual's Input with its editing keys taken in typing order."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

#: Input's editing keys and the Input actions they are bound to in Textual.
EDITING_KEYS = {
    "backspace": "delete_left",
    "delete": "delete_right",
    "left": "cursor_left",
    "right": "cursor_right",
    "home": "home",
    "end": "end",
    "enter": "submit",  # Submitted carries the value as typed up to the Enter
}


class TextField(Input):
    """Textual's Input resolves Backspace, Delete, the arrows, Home, End and Enter as
    key bindings, once the key has come back up unhandled from the field; characters
    typed after it in the same burst (a quick typist on a busy desk, a reader) were
    inserted first: "x<BS><BS>demo" became "xdemd", and a scan's Enter submitted the
    start of the next scan with it. Here those keys act as the field handles them, in
    its own queue, in the order they were typed. (What a screen does on Submitted, such
    as moving to the next field, still happens when it handles the message.)"""

    async def _on_key(self, event: events.Key) -> None:
        action = EDITING_KEYS.get(event.key)
        if action is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        await self.run_action(action)
