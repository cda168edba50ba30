"""Type-ahead: every key lands where it was typed, in the order typed, at any speed.

Textual checks *priority* bindings when a key arrives and at once posts every other key
to the widget focused at that moment (TEXTUAL_NOTES.md «Type-ahead»); plain bindings run
only when the key has bubbled back up to the App. So a `Tab`, an `Enter` or an `Esc`
takes effect after the keys typed behind it have already gone to the old field, and keys
typed while a screen opens go to a screen with nothing focused. This module answers that:

- `KeyGateApp` (mixed into the App) hands keys on **one at a time**: a key sent to a
  widget is *in flight* until that widget has handled it (and what it posted to itself,
  an Input's Changed) and each container up to the screen what bubbled up (plain
  bindings included); keys arriving meanwhile are held, in order. More text for the field
  that is being typed into is not held (it queues behind, in order), so typing stays
  fast. After a priority binding's action the screen is followed the same way (a
  dismissed dialog's result lands before the next key).
- Keys are also held while the screen is opening (not yet mounted: its `on_mount` sets the
  focus synchronously, so the first key after has a field), while the screen says so
  (`holds_key(key)`: a case still loading, search results not matching the query; it
  calls `app.drain_keys()` when ready), and while an action has asked
  (`hold_keys(reason)` … `release_keys(reason)`: `r` reads the case before its dialog
  opens). No key waits more than `HOLD_LIMIT` for the one before it.
- `TAB_BINDINGS` bind `Tab`/`Shift+Tab` with priority in forms and dialogs, and
  `opening()` makes a key that opens a screen (`n`, `e`, `Enter` …) a priority binding:
  they act at once. Textual itself leaves a priority binding out while the focused widget
  takes that key (`check_consume_key`: a letter in an Input or a TextArea), so the letter
  is typed there instead.

Key hints (`hint`, `keys_of`, `key_label`) are drawn from the bindings as they are now: a
`[keymap]` remap in settings.toml changes the hint with the key, so a hint never names a
key that does nothing. `hint(node, "form-save", "form-save-f2")` -> «Ctrl+S/F2»: the keys
of those binding ids on the node's class (or the app's), with the user's keymap applied
as Textual applies it.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.keys import _character_to_key
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget

HOLD_LIMIT = 5.0  # seconds: no key waits longer than this for the one before it
FOLLOW_LIMIT = 2.0  # seconds to wait for one widget to handle a key (a busy machine)
CLOSED_CHECK = 0.01  # seconds between looks at whether that widget's screen has closed

TAB_BINDINGS = [
    Binding("tab", "app.focus_next", "Neste felt", id="focus-next", show=False, priority=True),
    Binding(
        "shift+tab",
        "app.focus_previous",
        "Forrige felt",
        id="focus-previous",
        show=False,
        priority=True,
    ),
]


def opening(key: str, action: str, description: str, **kwargs: Any) -> Binding:
    """A binding whose action opens a screen (or otherwise changes where keys go): a
    priority binding, so the keys typed after it reach the new place."""
    return Binding(key, action, description, priority=True, **kwargs)


class DrainKeys(Message):
    """Ask the App to hand on the keys it holds (posted when a screen is ready)."""


if TYPE_CHECKING:
    from textual.app import App

    _App = App[int]
else:
    _App = object


class KeyGateApp(_App):
    """Mixed into the App before `App`: one key at a time, each where it belongs.

    A key that Textual forwards to a widget is *in flight* until that widget and every
    container up to the screen have handled what it caused (a key a widget does not take
    bubbles up to the screen and the App, where the plain bindings run). Keys arriving
    meanwhile are held and handed on in order once it has landed: so a plain binding
    (`Esc`, a list's `Enter`) acts before the next key is sent anywhere, however fast
    the keys come. Keys are also held while the screen is opening (`is_mounted`), while
    the screen says so (`holds_key`), and while an action has asked (`hold_keys`).
    """

    def _gate_init(self) -> None:
        self._held: deque[events.Key] = deque()
        self._hold_reasons: set[str] = set()
        self._held_since: float | None = None
        self._drain_asked = False
        self._in_flight = False  # a key that may bubble is on its way
        self._typing_into: Widget | None = None  # text keys queued on this field
        self._typing_generation = 0
        self._follows: set[asyncio.Task[None]] = set()  # kept: asyncio holds tasks weakly
        # Keys posted to the App (by the terminal's thread or a test) and keys the gate has
        # taken from its queue: each counter is written by one side only.
        self._keys_posted = 0
        self._keys_seen = 0

    # -- what screens and actions call ----------------------------------------------------
    def hold_keys(self, reason: str) -> None:
        """Hold every key from now until `release_keys(reason)` (or HOLD_LIMIT)."""
        self._hold_reasons.add(reason)

    def release_keys(self, reason: str) -> None:
        self._hold_reasons.discard(reason)
        self.drain_keys()

    def drain_keys(self) -> None:
        """Hand on held keys if the screen can take them now (a screen calls this when
        it has become ready)."""
        if self._held and not self._drain_asked:
            self._drain_asked = True
            self.post_message(DrainKeys())

    @property
    def keys_pending(self) -> bool:
        """True while a typed key is held or has not yet landed (tests wait for this)."""
        return (
            self._keys_posted > self._keys_seen  # still queued on the App (it is busy)
            or bool(self._held)
            or self._in_flight
            or self._typing_into is not None
        )

    def post_message(self, message: Message) -> bool:
        key = isinstance(message, events.Key) and not message.is_forwarded
        self._keys_posted += key  # before it is queued: never seen before it is counted
        posted: bool = super().post_message(message)  # type: ignore[misc]
        if key and not posted:
            self._keys_posted -= 1
        return posted

    # -- the gate ---------------------------------------------------------------------
    def _must_hold(self, event: events.Key) -> bool:
        if self._in_flight or self._hold_reasons:
            return True
        typing_into = self._typing_into
        if typing_into is not None and not (
            self.focused is typing_into
            and typing_into.check_consume_key(event.key, event.character)
        ):
            return True  # not more text for the same field: let that text land first
        key = event.key
        try:
            screen = self.screen
        except Exception:  # no screen yet: the app is starting
            return True
        if not screen.is_mounted:
            return True
        holds = getattr(screen, "holds_key", None)
        return bool(holds is not None and holds(key))

    def _wait_for_screen(self) -> None:
        """Ask again once the screen has run what is queued on it (its mount first)."""
        try:
            screen = self.screen
        except Exception:
            screen = None
        if screen is not None and not screen.is_mounted:
            screen.call_later(self.drain_keys)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._keys_seen += 1
            for key in self._esc_then_key(event):
                await self._take(key)
            return
        await super().on_event(event)

    async def _take(self, event: events.Key) -> None:
        if self._held or self._must_hold(event):
            if not self._held:
                self._held_since = time.monotonic()
                self.set_timer(HOLD_LIMIT, self._hold_expired)
            self._held.append(event)
            self._wait_for_screen()
            return
        await self._dispatch_key(event)

    def _esc_then_key(self, event: events.Key) -> list[events.Key]:
        """`Esc` and a key typed right after it, as they were typed. A terminal sends Alt+3
        as ESC and 3, so Textual reads an `Esc` followed within its escape delay (~0.1 s)
        by a letter or digit as `alt+3`, and both keys were lost. No binding of the desk
        uses Alt: an Alt key nothing here binds is taken as the two keys it was."""
        key, character = event.key, event.character
        if not key.startswith("alt+") or not character or len(character) != 1:
            return [event]
        try:
            bound = key in self.screen.active_bindings
        except Exception:  # no screen yet: the app is starting
            bound = False
        if bound:
            return [event]
        name = character if character.isalnum() else _character_to_key(character)
        return [events.Key("escape", "\x1b"), events.Key(name, character)]

    async def _dispatch_key(self, event: events.Key) -> None:
        """Textual's own handling (priority bindings, else to the focused widget); a key
        sent on to a widget is followed until it has landed."""
        target = self.focused or self.screen
        text = isinstance(target, Widget) and target.check_consume_key(event.key, event.character)
        await super().on_event(event)
        if not event.is_forwarded:
            # A priority binding took it here and now; what its action posted to the
            # screen (a dismissed dialog's result, a focus) is handled before the next key.
            screen = self.screen
            if screen.is_mounted:
                self._in_flight = True
                self._start(self._follow(screen))
            return
        if text:
            # Text for a field stops there: more text for the same field may follow at
            # once (it queues behind); anything else waits until it has landed.
            self._typing_into = target
            self._typing_generation += 1
            self._start(self._follow_text(target, self._typing_generation))
        else:
            self._in_flight = True
            self._start(self._follow(target))

    def _start(self, follow: Any) -> None:
        task = asyncio.create_task(follow)
        self._follows.add(task)
        task.add_done_callback(self._follows.discard)

    async def _follow_text(self, target: Widget, generation: int) -> None:
        await self._through(target)
        if generation == self._typing_generation:
            self._typing_into = None
            self.drain_keys()

    async def _through(self, target: Any) -> None:
        """Wait until `target` has handled the key and what that posted to itself (an
        Input's Changed), and each container up to the screen what bubbled up to it."""
        if not isinstance(target, Widget):
            return
        await self._landed(target)
        await self._landed(target)
        for node in target.ancestors:
            if not isinstance(node, Widget):
                break  # the App: that is us
            await self._landed(node)
            if isinstance(node, Screen):
                break

    @staticmethod
    async def _landed(node: Widget) -> None:
        """Wait until `node` has handled what is queued on it now — or its screen has been
        closed (Esc in the search box): a closed screen's widgets never run what was
        queued on them, and the next key waited FOLLOW_LIMIT for nothing."""
        if not node.is_running:
            return
        landed = asyncio.Event()
        node.call_later(landed.set)
        deadline = time.monotonic() + FOLLOW_LIMIT
        while not landed.is_set() and not _closed(node) and time.monotonic() < deadline:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(landed.wait(), CLOSED_CHECK)

    async def _follow(self, target: Any) -> None:
        """Hand on the next key once `target` and its containers have handled this one."""
        try:
            await self._through(target)
        finally:
            self._in_flight = False
            self.drain_keys()

    async def on_drain_keys(self, _message: DrainKeys) -> None:
        self._drain_asked = False
        await self._drain(force=False)

    async def _hold_expired(self) -> None:
        """No key has moved for HOLD_LIMIT: hand the first one on whatever holds it."""
        if not self._held or self._held_since is None:
            return
        waited = time.monotonic() - self._held_since
        if waited < HOLD_LIMIT:
            self.set_timer(HOLD_LIMIT - waited, self._hold_expired)
            return
        self._hold_reasons.clear()
        self._in_flight = False
        self._typing_into = None
        await self._drain(force=True)

    async def _drain(self, *, force: bool = False) -> None:
        while self._held:
            event = self._held[0]
            if not force and self._must_hold(event):
                self._wait_for_screen()
                return
            force = False
            self._held.popleft()
            self._held_since = time.monotonic()  # progress: the limit counts from here
            await self._dispatch_key(event)
        self._held_since = None


def _closed(node: Widget) -> bool:
    """Whether `node` is gone: stopped, or on a screen no longer in the app's stack."""
    if not node.is_running:
        return True
    try:
        screen = node if isinstance(node, Screen) else node.screen
    except Exception:  # detached from any screen
        return True
    return screen not in node.app.screen_stack


# --- key hints ---------------------------------------------------------------------------

NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "space": "Mellomrom",
    "question_mark": "?",
    "slash": "/",
    "delete": "Delete",
    "backspace": "Backspace",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "ctrl": "Ctrl",
    "shift": "Shift",
    "alt": "Alt",
}
_FKEY = re.compile(r"f\d{1,2}")


def key_label(key: str) -> str:
    """A Textual key name as the hints write it: ctrl+s -> Ctrl+S, f2 -> F2, escape -> Esc."""
    parts = key.strip().split("+")
    out = []
    for p in parts:
        if p in NAMES:
            out.append(NAMES[p])
        elif _FKEY.fullmatch(p):
            out.append(p.upper())
        elif len(p) == 1:
            out.append(p.upper() if len(parts) > 1 else p)
        else:
            out.append(p.capitalize())
    return "+".join(out)


def _bindings(node: DOMNode) -> Iterable[BindingType]:
    """The node's own bindings first, then its screens' (newest first), then the app's."""
    app = node.app
    for owner in (node, *reversed(app.screen_stack), app):
        for cls in type(owner).__mro__:
            yield from getattr(cls, "BINDINGS", ())


def keys_of(node: DOMNode, binding_id: str) -> list[str]:
    """The keys bound to `binding_id` now (Textual's names), keymap applied."""
    keymap = getattr(getattr(node.app, "settings", None), "keymap", None) or {}
    # As Textual applies a keymap (`Bindings.apply_keymap`): an empty entry changes nothing.
    if override := keymap.get(binding_id):
        return [k.strip() for k in override.split(",") if k.strip()]
    for b in _bindings(node):
        if isinstance(b, Binding) and b.id == binding_id:
            return [k.strip() for k in b.key.split(",") if k.strip()]
    raise KeyError(binding_id)


def in_parens(keys: str) -> str:
    """« (p)» after a word that names an action, or nothing where no key is bound."""
    return f" ({keys})" if keys else ""


def hint(node: DOMNode, *binding_ids: str, sep: str = "/") -> str:
    """The keys of these bindings, as the user reads them: «Ctrl+S/F2»."""
    labels: list[str] = []
    for bid in binding_ids:
        try:
            keys = keys_of(node, bid)
        except KeyError:
            continue  # not bound here: say nothing rather than a wrong key
        for key in keys:
            label = key_label(key)
            if label not in labels:
                labels.append(label)
    return sep.join(labels)
