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
}


class TextField(Input):
    """Textual's Input resolves Backspace, Delete, the arrows, Home and End as key
    bindings, once the key has come back up unhandled from the field; characters typed
    after it in the same burst (a quick typist on a busy desk, a reader) were inserted
    first, and "x<BS><BS>demo" became "xdemd". Here those keys act as the field handles
    them, in its own queue, in the order they were typed."""

    async def _on_key(self, event: events.Key) -> None:
        action = EDITING_KEYS.get(event.key)
        if action is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        await self.run_action(action)
