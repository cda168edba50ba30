"""Every write to a desk: create, edit, transition, snooze, tag, note, convert, undo.

Each command is one transaction (BEGIN IMMEDIATE) that writes the change, its events
(one per changed field, sharing a batch id), the recomputed due date, whose move and
open flag, and bumps the version — refusing a stale one. Free text is screened for
national ID numbers before anything is written.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from samhandlingsdesk.domain import lifecycle, reasons
from samhandlingsdesk.domain.convert import (
    MSG_CLOSED,
    MSG_ONLY_HOSPITERING,
    veiledning_from_hospitering,
)
from samhandlingsdesk.domain.dates import format_date, format_datetime
from samhandlingsdesk.domain.deadlines import Reminders
from samhandlingsdesk.domain.derived import derive
from samhandlingsdesk.domain.kinds import (
    CLOSED_ON,
    KINDS,
    STATUS_SINCE,
    FieldSpec,
    kind_spec,
    status_label,
)
from samhandlingsdesk.domain.limits import TextKind, kind_of_field, text_problem
from samhandlingsdesk.domain.presentation import SNOOZE_FIELD
from samhandlingsdesk.domain.privacy import screen_text
from samhandlingsdesk.domain.problems import Problem, by_field, refusals
from samhandlingsdesk.domain.text import common
from samhandlingsdesk.domain.text import moves as moves_text
from samhandlingsdesk.domain.text.agenda import (
    CHANNELS,
    PURRING_NOT_WAITING,
    PURRING_NOTE,
    PURRING_UNKNOWN_CHANNEL,
)
from samhandlingsdesk.domain.text.common import cases
from samhandlingsdesk.domain.urgency import critical
from samhandlingsdesk.domain.validate import (
    normalize_phone,
    snooze_problem,
    validate_edit,
    validate_move,
)
from samhandlingsdesk.store.bulk import (
    RefAllocator,
    case_row,
    event_row,
    insert_events,
    new_batch,
    new_session_id,
)
from samhandlingsdesk.store.db import Desk, StaleVersionError
from samhandlingsdesk.store.tables import CASE_TABLE, DETAIL_TABLES, Event, Meta, Note, Opened
from samhandlingsdesk.store.values import from_text, to_text

EVENT = Event.__table__  # type: ignore[attr-defined]
NOTE = Note.__table__  # type: ignore[attr-defined]
OPENED = Opened.__table__  # type: ignore[attr-defined]
META = Meta.__table__  # type: ignore[attr-defined]
REMINDERS_KEY = "reminders"  # meta: the reminder lengths the stored due dates use
LAST_OPENED_KEY = "last_opened"  # meta: when the desk was last opened (UTC, ISO)
PREVIOUS_OPENED_KEY = "opened_before_today"  # meta: the last opening on an earlier day
OSLO = ZoneInfo("Europe/Oslo")


RECOMPUTE_CHUNK = 500  # cases per transaction when due dates are recomputed


class CommandError(Exception):
    """A write that was refused. `str()` is a Norwegian sentence; `fields` maps field
    names to messages where the problem is tied to one field."""

    def __init__(
        self,
        message: str,
        fields: Mapping[str, str] | None = None,
        problems: Sequence[Problem] = (),
    ) -> None:
        super().__init__(message)
        self.fields = dict(fields or {})
        self.problems = tuple(problems)

    @classmethod
    def refusing(cls, problems: Iterable[Problem]) -> CommandError | None:
        """The error for the refusals among `problems` (None when there are none)."""
        refused = refusals(problems)
        if not refused:
            return None
        fields = by_field(p for p in refused if p.field)
        return cls(refused[0].message, fields, refused)


class UndoNeedsConfirm(CommandError):
    """The undo would touch another start's change or one changed since: `str()` says
    what and whose; call `undo_last(batch_id=..., confirmed=True)` to go ahead."""

    def __init__(self, batch_id: str, message: str) -> None:
        super().__init__(message)
        self.batch_id = batch_id


class StaleError(CommandError, StaleVersionError):
    def __init__(self) -> None:
        CommandError.__init__(self, moves_text.STALE)


@dataclass(frozen=True, slots=True)
class Created:
    id: str
    ref: str
    version: int = 1


@dataclass(frozen=True, slots=True)
class BulkResult:
    batch_id: str
    done: tuple[str, ...]  # refs
    refused: dict[str, str] = field(default_factory=dict)  # ref -> message


@dataclass(frozen=True, slots=True)
class UndoResult:
    batch_id: str
    description: str
    case_ids: tuple[str, ...]


def utcnow() -> datetime:
    return datetime.now(UTC)


def _field_spec(kind: str, name: str) -> FieldSpec | None:
    if name == "snoozed_until":
        return SNOOZE_FIELD
    if name in ("status_since", "closed_on"):
        return STATUS_SINCE if name == "status_since" else CLOSED_ON
    if name == "reminded_on":
        return FieldSpec("reminded_on", common.REMINDED_ON_LABEL, "date")
    if name == "reason":
        return reasons.REASON_FIELD
    if name == "reason_comment":
        return reasons.COMMENT_FIELD
    if name == "status":
        return None
    try:
        return kind_spec(kind).field(name)
    except KeyError:
        return None


def _screened(text: str, limit: TextKind, empty: str, *, field: str | None = None) -> str:
    """`text` trimmed; refused (with `empty` when blank) when it is blank, too long for
    a `limit` («line», «note») or holds a control character or a national ID. `field`:
    the field the refusal is shown at."""
    text = text.strip()
    if not text:
        raise CommandError(empty)
    too_long = text_problem(text, limit)
    msg = too_long[1] if too_long else screen_text(text)
    if msg:
        raise CommandError(msg, {field: msg} if field else None)
    return text


def clean_value(f: FieldSpec, value: Any) -> Any:
    """Trim text, keep phones as digits, empty -> None."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        if f.type == "phone":
            return normalize_phone(value)
    return value


# --- the commands ------------------------------------------------------------------------


class Commands:
    """Writes for one desk. `today` and `now` can be injected (tests, time travel)."""

    def __init__(
        self,
        desk: Desk,
        reminders: Reminders | None = None,
        today: Any = None,
        session_id: str | None = None,
    ) -> None:
        self.desk = desk
        self.reminders = reminders or Reminders()
        self._today = today
        # Which start of the desk this is (DESIGN.md «Data model»: event.session_id): a
        # random id per run of the app or the CLI, so undo can tell its own changes.
        self.session_id = session_id or new_session_id()

    def today(self) -> date:
        if callable(self._today):
            return self._today()
        if isinstance(self._today, date):
            return self._today
        return date.today()

    # -- reading inside a transaction --------------------------------------------------
    @staticmethod
    def _load(conn: Connection, case_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
        row = conn.execute(sa.select(CASE_TABLE).where(CASE_TABLE.c.id == case_id)).mappings()
        case = row.first()
        if case is None:
            raise CommandError(common.CASE_NOT_FOUND)
        detail_t = DETAIL_TABLES[case["kind"]]
        drow = conn.execute(sa.select(detail_t).where(detail_t.c.case_id == case_id)).mappings()
        detail = dict(drow.first() or {})
        detail.pop("case_id", None)
        return dict(case), detail

    def _derived(self, kind: str, status: str, values: Mapping[str, Any]) -> dict[str, Any]:
        return derive(kind, status, values, self.reminders)

    def _events(
        self,
        conn: Connection,
        case_id: str,
        batch: str,
        action: str,
        changes: Iterable[tuple[str | None, Any, Any]],
        at: datetime,
    ) -> None:
        insert_events(
            conn,
            [
                event_row(case_id, batch, at, action, name, old, new, session_id=self.session_id)
                for name, old, new in changes
            ],
        )

    def _write(
        self,
        conn: Connection,
        case: dict[str, Any],
        detail: dict[str, Any],
        changes: Mapping[str, Any],
        *,
        version: int | None,
        batch: str,
        action: str,
        bump: bool = True,
        at: datetime | None = None,
    ) -> int:
        """Apply `changes` (case and detail fields), recompute, write events. Returns the
        new version."""
        at = at or utcnow()
        kind = case["kind"]
        detail_names = {f.name for f in KINDS[kind].fields}
        case_changes: dict[str, Any] = {}
        detail_changes: dict[str, Any] = {}
        diffs: list[tuple[str | None, Any, Any]] = []
        for name, value in changes.items():
            old = detail.get(name) if name in detail_names else case.get(name)
            if old == value:
                continue
            diffs.append((name, old, value))
            (detail_changes if name in detail_names else case_changes)[name] = value
        if not diffs:
            return case["version"]
        if "status" in case_changes and "status_since" not in changes:
            # DOMAIN.md «Dates that statistics and retention count from»: the day the case
            # entered its status, and the day it closed. Recorded as events so undo puts
            # them back with the status.
            today = self.today()
            entered = kind_spec(kind).status(case_changes["status"])
            for name, value in (
                ("status_since", today),
                ("closed_on", None if entered.is_open else today),
            ):
                if case.get(name) != value:
                    diffs.append((name, case.get(name), value))
                    case_changes[name] = value
        merged = {**case, **detail, **case_changes, **detail_changes}
        derived = self._derived(kind, merged["status"], merged)
        for k, v in derived.items():
            if case.get(k) != v:
                case_changes[k] = v
        if bump:
            case_changes["version"] = case["version"] + 1
            case_changes["updated_at"] = at
        stmt = sa.update(CASE_TABLE).where(CASE_TABLE.c.id == case["id"])
        if version is not None:
            stmt = stmt.where(CASE_TABLE.c.version == version)
        result = conn.execute(stmt.values(**case_changes))
        if result.rowcount != 1:
            raise StaleError()
        if detail_changes:
            t = DETAIL_TABLES[kind]
            conn.execute(sa.update(t).where(t.c.case_id == case["id"]).values(**detail_changes))
        self._events(conn, case["id"], batch, action, diffs, at)
        return case_changes.get("version", case["version"])

    def _check(
        self, kind: str, status: str, old: Mapping[str, Any], changes: Mapping[str, Any]
    ) -> None:
        """Refuse the write when the one validation (`validate_edit`) refuses it."""
        error = CommandError.refusing(validate_edit(kind, status, old, changes, today=self.today()))
        if error is not None:
            raise error

    @staticmethod
    def _screen(values: Mapping[str, Any], spec_fields: Mapping[str, FieldSpec]) -> None:
        problems = {}
        for name, value in values.items():
            f = spec_fields.get(name)
            if isinstance(value, str) and (
                f is None or f.type in ("text", "longtext", "party", "email")
            ):
                limit = text_problem(value, kind_of_field(f.type) if f else "longtext")
                msg = limit[1] if limit else screen_text(value)
                if msg:
                    problems[name] = msg
        if problems:
            raise CommandError(next(iter(problems.values())), problems)

    def _clean(self, kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
        spec = kind_spec(kind)
        out = {}
        for name, value in values.items():
            try:
                f = spec.field(name)
            except KeyError:
                raise CommandError(
                    common.UNKNOWN_FIELD.format(name=name, kind=spec.label)
                ) from None
            out[name] = clean_value(f, value)
        return out

    def _move_changes(self, kind: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        """The fields a move writes, cleaned and screened (limits, national IDs) before
        `validate_move` checks them with the move."""
        cleaned = self._clean(kind, changes)
        self._screen(cleaned, {f.name: f for f in kind_spec(kind).all_fields})
        return cleaned

    # -- create ------------------------------------------------------------------------
    def create_case(
        self,
        kind: str,
        values: Mapping[str, Any],
        *,
        status: str | None = None,
        case_id: str | None = None,
        batch: str | None = None,
        validate: bool = True,
    ) -> Created:
        spec = kind_spec(kind)
        values = self._clean(kind, values)
        values.setdefault("received_on", self.today())
        status = status or spec.first_status
        if validate:
            self._check(kind, status, {}, values)
        else:
            self._screen(values, {f.name: f for f in spec.all_fields})
        now = utcnow()
        batch = batch or new_batch()
        with self.desk.engine.begin() as conn:
            created = self._insert(conn, kind, values, status, now, batch, case_id)
        return created

    def _insert(
        self,
        conn: Connection,
        kind: str,
        values: Mapping[str, Any],
        status: str,
        now: datetime,
        batch: str,
        case_id: str | None,
        action: str = "create",
    ) -> Created:
        year = values["received_on"].year
        ref = RefAllocator(conn, kind).next(year)
        cid = case_id or str(uuid.uuid4())
        row, detail = case_row(kind, cid, ref, values, status, now=now, reminders=self.reminders)
        row["snoozed_until"] = None
        conn.execute(sa.insert(CASE_TABLE).values(**row))
        conn.execute(sa.insert(DETAIL_TABLES[kind]).values(**detail))
        self._events(conn, cid, batch, action, [(None, None, ref)], now)
        return Created(cid, ref)

    # -- edit --------------------------------------------------------------------------
    def update_case(self, case_id: str, version: int, changes: Mapping[str, Any]) -> int:
        """Save edited fields. Refuses a stale version and values the status forbids."""
        with self.desk.engine.begin() as conn:
            case, detail = self._load(conn, case_id)
            kind = case["kind"]
            cleaned = self._clean(kind, changes)
            self._check(kind, case["status"], {**case, **detail}, cleaned)
            if case["version"] != version:
                raise StaleError()
            return self._write(
                conn, case, detail, cleaned, version=version, batch=new_batch(), action="edit"
            )

    # -- transitions ---------------------------------------------------------------------
    def _transition_in(
        self,
        conn: Connection,
        case: dict[str, Any],
        detail: dict[str, Any],
        target: str,
        *,
        version: int | None,
        reason: str | None,
        changes: Mapping[str, Any],
        batch: str,
    ) -> int:
        kind = case["kind"]
        all_changes, problems = validate_move(
            kind, case["status"], target, {**case, **detail}, changes, reason, today=self.today()
        )
        error = CommandError.refusing(problems)
        if error is not None:
            raise error
        t = lifecycle.find_transition(kind, case["status"], target)
        if t is not None and t.reason:
            # The key is stored (the label is the catalogue's); a comment left by a
            # legacy reason goes with the reason it explained.
            all_changes["reason"] = reason
            all_changes["reason_comment"] = None
        return self._write(
            conn, case, detail, all_changes, version=version, batch=batch, action="transition"
        )

    def transition(
        self,
        case_id: str,
        version: int | None,
        target: str,
        *,
        reason: str | None = None,
        changes: Mapping[str, Any] | None = None,
    ) -> int:
        """Move one case to `target`; `changes` are fields filled along (e.g. the comment
        a rejection needs). Returns the new version."""
        with self.desk.engine.begin() as conn:
            case, detail = self._load(conn, case_id)
            if version is not None and case["version"] != version:
                raise StaleError()
            cleaned = self._move_changes(case["kind"], changes or {})
            return self._transition_in(
                conn,
                case,
                detail,
                target,
                version=version,
                reason=reason,
                changes=cleaned,
                batch=new_batch(),
            )

    def bulk_transition(
        self,
        case_ids: Sequence[str],
        target: str,
        *,
        reason: str | None = None,
        changes: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> BulkResult:
        """Apply one move to many cases as one batch (one undo). All or nothing: if any
        case refuses, nothing is written and every refusal is reported. `changes` maps a
        case id to the fields the move writes to it (what the move dialog showed)."""
        batch = new_batch()
        done: list[str] = []
        refused: dict[str, str] = {}
        with self.desk.engine.begin() as conn:
            for cid in case_ids:
                case, detail = self._load(conn, cid)
                try:
                    cleaned = self._move_changes(case["kind"], (changes or {}).get(cid, {}))
                    self._transition_in(
                        conn,
                        case,
                        detail,
                        target,
                        version=None,
                        reason=reason,
                        changes=cleaned,
                        batch=batch,
                    )
                    done.append(case["ref"])
                except CommandError as exc:
                    refused[case["ref"]] = str(exc)
            if refused:
                conn.rollback()
                return BulkResult(batch, (), refused)
        return BulkResult(batch, tuple(done))

    # -- snooze, tags --------------------------------------------------------------------
    def snooze(
        self, case_ids: Sequence[str], until: date | None, *, past_critical: bool = False
    ) -> BulkResult:
        """Hide cases from the inbox until `until` (None: wake now). One batch.

        A case is not snoozed past the date of a *kritisk* rule (DOMAIN.md «Weights»)
        unless `past_critical` (the user confirmed it): it is left alone and named in
        `refused` with the rule and its date."""
        problem = snooze_problem(until, self.today())
        if problem:
            raise CommandError(problem)
        if until is None or past_critical:
            return self._snooze(case_ids, until)
        left_alone: dict[str, str] = {}
        allowed: list[str] = []
        with self.desk.engine.connect() as conn:
            for cid in case_ids:
                case, detail = self._load(conn, cid)
                crit = (
                    critical(
                        case["kind"],
                        case["status"],
                        {**case, **detail},
                        self.reminders,
                        case.get("critical_on"),
                    )
                    if case["is_open"]
                    else None
                )
                if crit is not None and until > crit.on:
                    left_alone[case["ref"]] = moves_text.SNOOZE_PAST_CRITICAL.format(
                        ref=case["ref"],
                        rule=crit.sentence or moves_text.CRITICAL_RULE,
                        on=format_date(crit.on),
                        until=format_date(until),
                    )
                else:
                    allowed.append(cid)
        done = self._snooze(allowed, until) if allowed else None
        return BulkResult(
            done.batch_id if done else new_batch(), done.done if done else (), left_alone
        )

    def _snooze(self, case_ids: Sequence[str], until: date | None) -> BulkResult:
        """Snooze without a version bump (not a content change)."""
        changes = {"snoozed_until": until}
        return self._bulk_write(case_ids, lambda _case: changes, "snooze", bump=False)

    def add_tag(self, case_ids: Sequence[str], tag: str) -> BulkResult:
        tag = _screened(tag, "line", common.TAG_EMPTY)

        def with_tag(case: Mapping[str, Any]) -> dict[str, Any] | None:
            tags = [t.strip() for t in (case["tags"] or "").split(",") if t.strip()]
            if tag.lower() in (t.lower() for t in tags):
                return None
            return {"tags": ", ".join([*tags, tag])}

        return self._bulk_write(case_ids, with_tag, "edit", bump=True)

    def _bulk_write(
        self,
        case_ids: Sequence[str],
        changes: Callable[[Mapping[str, Any]], Mapping[str, Any] | None],
        action: str,
        *,
        bump: bool,
    ) -> BulkResult:
        """Write `changes(case)` to each case as one batch (None: that case is left as it
        is, but counted as done)."""
        batch = new_batch()
        done = []
        with self.desk.engine.begin() as conn:
            for cid in case_ids:
                case, detail = self._load(conn, cid)
                wanted = changes(case)
                if wanted is not None:
                    self._write(
                        conn,
                        case,
                        detail,
                        wanted,
                        version=None,
                        batch=batch,
                        action=action,
                        bump=bump,
                    )
                done.append(case["ref"])
        return BulkResult(batch, tuple(done))

    # -- notes ---------------------------------------------------------------------------
    def add_note(self, case_id: str, text: str) -> int:
        text = _screened(text, "note", common.NOTE_EMPTY, field="note")
        now = utcnow()
        with self.desk.engine.begin() as conn:
            self._load(conn, case_id)  # refuses a missing case
            return self._note(conn, case_id, text, new_batch(), now)

    def _note(self, conn: Connection, case_id: str, text: str, batch: str, now: datetime) -> int:
        note_id = conn.execute(
            sa.insert(NOTE).values(case_id=case_id, at=now, text=text)
        ).inserted_primary_key[0]
        conn.execute(sa.update(CASE_TABLE).where(CASE_TABLE.c.id == case_id).values(updated_at=now))
        self._events(conn, case_id, batch, "note", [(f"note:{note_id}", None, text)], now)
        return int(note_id)

    # -- purring -------------------------------------------------------------------------
    def purring(self, case_ids: Sequence[str], channel: str) -> BulkResult:
        """Record that a reminder was sent (DOMAIN.md «Follow-ups»): `reminded_on` = today
        (the next reminder counts from it), an event with the channel and a note «Purret
        på svar (e-post)». One batch (one undo). Cases not waiting on others are skipped
        and reported in `refused`."""
        if channel not in CHANNELS:
            raise CommandError(PURRING_UNKNOWN_CHANNEL.format(channel=channel))
        today = self.today()
        now = utcnow()
        batch = new_batch()
        done: list[str] = []
        refused: dict[str, str] = {}
        text = PURRING_NOTE.format(channel=CHANNELS[channel])
        with self.desk.engine.begin() as conn:
            for cid in case_ids:
                case, detail = self._load(conn, cid)
                if case["whose_move"] != "theirs" or not case["is_open"]:
                    refused[case["ref"]] = PURRING_NOT_WAITING.format(
                        ref=case["ref"], status=status_label(case["kind"], case["status"])
                    )
                    continue
                self._write(
                    conn,
                    case,
                    detail,
                    {"reminded_on": today},
                    version=None,
                    batch=batch,
                    action="purring",
                    at=now,
                )
                record = f"{today.isoformat()} {channel}"  # the day and the channel
                self._events(conn, cid, batch, "purring", [("purring", None, record)], now)
                self._note(conn, cid, text, batch, now)
                done.append(case["ref"])
        return BulkResult(batch, tuple(done), refused)

    def mark_opened(self, case_id: str) -> None:
        """Remember that the case was opened (the recent list); not a change."""
        from sqlalchemy.dialects.sqlite import insert

        stmt = insert(OPENED).values(case_id=case_id, at=utcnow())
        stmt = stmt.on_conflict_do_update(index_elements=["case_id"], set_={"at": stmt.excluded.at})
        with self.desk.engine.begin() as conn:
            conn.execute(stmt)

    # -- convert -------------------------------------------------------------------------
    def convert_to_veiledning(self, case_id: str, version: int | None) -> Created:
        """A hospitering application about one patient is guidance (S3 §1.2): make a
        veiledning case that refers to this one (without the home address) and withdraw
        this one with the reason «omgjort». One batch."""
        batch = new_batch()
        now = utcnow()
        with self.desk.engine.begin() as conn:
            case, detail = self._load(conn, case_id)
            if case["kind"] != "hospitering":
                raise CommandError(MSG_ONLY_HOSPITERING)
            if not case["is_open"]:
                raise CommandError(MSG_CLOSED)
            if version is not None and case["version"] != version:
                raise StaleError()
            values = veiledning_from_hospitering(case, detail, case["ref"], self.today())
            created = self._insert(
                conn, "veiledning", values, "mottatt", now, batch, None, action="convert"
            )
            self._transition_in(
                conn,
                case,
                detail,
                "trukket",
                version=None,
                reason="omgjort",
                changes={},
                batch=batch,
            )
            self._events(
                conn, case_id, batch, "convert", [("converted_to", None, created.ref)], now
            )
        return created

    # -- the desk opened -------------------------------------------------------------------
    def desk_opened(self, now: datetime | None = None) -> datetime:
        """Record that the desk was opened; return the moment from which cases count as
        «Ny»: the last opening on an earlier day, or 24 hours ago if that is earlier."""
        now = now or utcnow()
        today = self.today()
        with self.desk.engine.begin() as conn:
            stored = dict(
                conn.execute(
                    sa.select(META.c.key, META.c.value).where(
                        META.c.key.in_((LAST_OPENED_KEY, PREVIOUS_OPENED_KEY))
                    )
                ).all()
            )
            last = _stamp(stored.get(LAST_OPENED_KEY))
            previous = _stamp(stored.get(PREVIOUS_OPENED_KEY))
            if last is not None and last.astimezone(OSLO).date() < today:
                previous = last
                self._set_meta(conn, PREVIOUS_OPENED_KEY, last.isoformat())
            self._set_meta(conn, LAST_OPENED_KEY, now.isoformat())
        day_ago = now - timedelta(hours=24)
        return min(previous, day_ago) if previous is not None else day_ago

    @staticmethod
    def _set_meta(conn: Connection, key: str, value: str) -> None:
        from sqlalchemy.dialects.sqlite import insert

        stmt = insert(META).values(key=key, value=value)
        conn.execute(
            stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value})
        )

    # -- recompute -----------------------------------------------------------------------
    def recompute_due(self) -> int:
        """Recompute derived columns of every open case (after a reminder setting
        changed). Not a content change: no events, no version bump."""
        n = self._recompute()
        with self.desk.engine.begin() as conn:
            self._store_reminders(conn)
        return n

    def sync_reminders(self) -> int:
        """Recompute the open cases' due dates when the reminder lengths of the settings
        differ from those the stored dates were computed with (recorded in `meta`; a desk
        without the record used the defaults). Returns how many cases changed."""
        wanted = _reminders_text(self.reminders)
        with self.desk.engine.connect() as conn:
            stored = conn.execute(
                sa.select(META.c.value).where(META.c.key == REMINDERS_KEY)
            ).scalar()
        if (stored or _reminders_text(Reminders())) == wanted:
            return 0
        return self.recompute_due()

    def _store_reminders(self, conn: Connection) -> None:
        from sqlalchemy.dialects.sqlite import insert

        stmt = insert(META).values(key=REMINDERS_KEY, value=_reminders_text(self.reminders))
        conn.execute(
            stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value})
        )

    def _recompute(self) -> int:
        """In chunks of RECOMPUTE_CHUNK cases, each its own short transaction: at 100k the
        whole run takes seconds, and a save from the desk must not wait for all of it.
        Each chunk is right on its own (derived columns depend only on the case)."""
        with self.desk.engine.connect() as conn:
            ids = (
                conn.execute(sa.select(CASE_TABLE.c.id).where(CASE_TABLE.c.is_open.is_(True)))
                .scalars()
                .all()
            )
        n = 0
        for start in range(0, len(ids), RECOMPUTE_CHUNK):
            with self.desk.engine.begin() as conn:
                for cid in ids[start : start + RECOMPUTE_CHUNK]:
                    try:
                        case, detail = self._load(conn, cid)
                    except CommandError:
                        continue  # removed since the list was read
                    derived = self._derived(case["kind"], case["status"], {**case, **detail})
                    diff = {k: v for k, v in derived.items() if case.get(k) != v}
                    if diff:
                        conn.execute(
                            sa.update(CASE_TABLE).where(CASE_TABLE.c.id == cid).values(**diff)
                        )
                        n += 1
        return n

    # -- undo and redo -------------------------------------------------------------------
    def _newest_batch(self, conn: Connection, *, own: bool) -> str | None:
        stmt = sa.select(EVENT.c.batch_id).where(
            EVENT.c.undone_by.is_(None), EVENT.c.action != "undo"
        )
        if own:
            stmt = stmt.where(EVENT.c.session_id == self.session_id)
        return conn.execute(stmt.order_by(EVENT.c.id.desc()).limit(1)).scalar()

    def undo_last(self, *, batch_id: str | None = None, confirmed: bool = False) -> UndoResult:
        """Reverse the newest change or batch this start of the desk made that is not
        undone yet; each call goes one step further back. With none of its own, the
        desk's newest change. It never reverts a value changed since (that value stays),
        and never another start's change or a partly changed one unless `confirmed`:
        until then it raises `UndoNeedsConfirm` saying what and whose."""
        now = utcnow()
        with self.desk.engine.begin() as conn:
            batch = batch_id or self._newest_batch(conn, own=True)
            batch = batch or self._newest_batch(conn, own=False)
            if batch is None:
                raise CommandError(moves_text.NOTHING_TO_UNDO)
            events = (
                conn.execute(
                    sa.select(EVENT)
                    .where(EVENT.c.batch_id == batch, EVENT.c.undone_by.is_(None))
                    .order_by(EVENT.c.id.desc())
                )
                .mappings()
                .all()
            )
            if not events:
                raise CommandError(moves_text.NOTHING_TO_UNDO)
            by_case: dict[str, list[Any]] = {}
            for ev in events:
                by_case.setdefault(ev["case_id"], []).append(ev)
            kept = {cid: self._changed_since(conn, cid, evs, batch) for cid, evs in by_case.items()}
            if not confirmed:
                foreign = [ev for ev in events if ev["session_id"] != self.session_id]
                notes = [msg for _names, msg in kept.values() if msg]
                if foreign or notes:
                    what = self._describe(conn, by_case)
                    parts = []
                    if foreign:
                        parts.append(
                            moves_text.UNDO_FOREIGN.format(
                                at=format_datetime(_aware(events[0]["at"])), what=what
                            )
                        )
                    else:
                        parts.append(moves_text.UNDO_WHAT.format(what=what))
                    parts.extend(notes)
                    raise UndoNeedsConfirm(batch, " ".join(parts))
            descriptions: list[str] = []
            undo_batch = new_batch()
            for cid, evs in by_case.items():
                descriptions.append(
                    self._undo_case(conn, cid, evs, undo_batch, now, skip=kept[cid][0])
                )
        summary = (
            descriptions[0]
            if len(descriptions) == 1
            else (f"{cases(len(descriptions))}: {descriptions[0]} …")
        )
        return UndoResult(batch, summary, tuple(by_case))

    def _changed_since(
        self, conn: Connection, case_id: str, evs: list[Any], batch: str
    ) -> tuple[set[str], str]:
        """The fields of `evs` whose value has changed since (left as they are), and a
        sentence saying so (empty when none). A creation is changed since when the case
        has later changes of its own."""
        case, detail = self._load(conn, case_id)
        later = (
            conn.execute(
                sa.select(EVENT)
                .where(
                    EVENT.c.case_id == case_id,
                    EVENT.c.batch_id != batch,
                    EVENT.c.undone_by.is_(None),
                    EVENT.c.action != "undo",  # an undo only puts back what was
                    EVENT.c.id > min(ev["id"] for ev in evs),
                )
                .order_by(EVENT.c.id.desc())
            )
            .mappings()
            .all()
        )
        if _is_creation(evs):
            if not later:
                return set(), ""
            return set(), moves_text.UNDO_CREATION_CHANGED.format(
                ref=case["ref"], at=format_datetime(_aware(later[0]["at"]))
            )
        current = {**case, **detail}
        changed: set[str] = set()
        for ev in evs:
            name = ev["field"]
            if not name or name.startswith("note:") or name in ("converted_to", "note"):
                continue
            if name not in current:
                continue  # a record, not a stored value (e.g. a purring)
            if to_text(current.get(name)) != ev["new"]:
                changed.add(name)
        if not changed:
            return set(), ""
        shown = [n for n in changed if n not in ("status_since", "closed_on")] or list(changed)
        labels = ", ".join(
            sorted(f"«{f.label}»" for n in shown if (f := _field_spec(case["kind"], n)))
        )
        newest = next((e for e in later if e["field"] in changed), None)
        fields = labels or moves_text.UNDO_FIELDS_UNNAMED
        if newest is None:  # no later change recorded: no time to name
            return changed, moves_text.UNDO_CHANGED_SINCE_UNDATED.format(
                ref=case["ref"], fields=fields
            )
        at = format_datetime(_aware(newest["at"]))
        return changed, moves_text.UNDO_CHANGED_SINCE.format(ref=case["ref"], fields=fields, at=at)

    def _describe(self, conn: Connection, by_case: Mapping[str, list[Any]]) -> str:
        parts = []
        for cid, evs in list(by_case.items())[:3]:
            case, _detail = self._load(conn, cid)
            if _is_creation(evs):
                parts.append(moves_text.UNDO_WHAT_CREATED.format(ref=case["ref"]))
                continue
            labels = []
            for ev in evs:
                name = ev["field"] or ""
                if name.startswith("note:") or name == "note":
                    label = moves_text.UNDO_WHAT_NOTE
                else:
                    f = _field_spec(case["kind"], name)
                    label = f.label if f else ("Status" if name == "status" else "")
                if label and label not in labels and name not in ("status_since", "closed_on"):
                    labels.append(label)
            parts.append(f"{case['ref']} ({', '.join(labels)})" if labels else case["ref"])
        more = len(by_case) - 3
        return "; ".join(parts) + (moves_text.UNDO_WHAT_MORE.format(more=more) if more > 0 else "")

    def _undo_case(
        self,
        conn: Connection,
        case_id: str,
        evs: list[Any],
        undo_batch: str,
        now: datetime,
        *,
        skip: set[str] | None = None,
    ) -> str:
        case, detail = self._load(conn, case_id)
        skip = skip or set()
        restore: dict[str, Any] = {}
        parts: list[str] = []
        if _is_creation(evs):
            # Hidden, not deleted: its events and notes stay, so redo can bring it back.
            restore["deleted_at"] = now
            parts.append(moves_text.UNDO_HIDDEN)
        for ev in evs:
            name = ev["field"]
            if name and name.startswith("note:"):
                conn.execute(sa.delete(NOTE).where(NOTE.c.id == int(name.split(":", 1)[1])))
                parts.append(moves_text.UNDO_NOTE_DELETED)
                continue
            if name == "purring":
                parts.append(moves_text.UNDO_PURRING)
                continue
            if name is None or name in ("converted_to", "note") or name in skip:
                continue
            restore[name] = _from_event(case["kind"], name, ev["old"])
            if name == "status":
                parts.append(
                    moves_text.UNDO_STATUS.format(
                        now=status_label(case["kind"], ev["new"]),
                        back=status_label(case["kind"], ev["old"]),
                    )
                )
            elif name == "snoozed_until":
                parts.append(
                    moves_text.UNDO_SNOOZE_LIFTED
                    if ev["old"] is None
                    else moves_text.UNDO_SNOOZED_AGAIN
                )
            elif name == "deleted_at":
                parts.append(moves_text.UNDO_HIDDEN if ev["old"] else moves_text.REDO_SHOWN)
        content = not all(ev["action"] == "snooze" for ev in evs)
        if restore:
            self._write(
                conn,
                case,
                detail,
                restore,
                version=None,
                batch=undo_batch,
                action="undo",
                bump=content,
                at=now,
            )
        undo_id = conn.execute(
            sa.select(sa.func.max(EVENT.c.id)).where(
                EVENT.c.batch_id == undo_batch, EVENT.c.case_id == case_id
            )
        ).scalar()
        if undo_id is None:  # a note-only (or nothing-left) undo: record it too
            self._events(conn, case_id, undo_batch, "undo", [("note", None, None)], now)
            undo_id = conn.execute(
                sa.select(sa.func.max(EVENT.c.id)).where(EVENT.c.batch_id == undo_batch)
            ).scalar()
        conn.execute(
            sa.update(EVENT)
            .where(EVENT.c.id.in_([ev["id"] for ev in evs]))
            .values(undone_by=undo_id)
        )
        if skip:
            parts.append(moves_text.UNDO_KEPT)
        if not parts:
            parts.append(moves_text.UNDO_REVERTED)
        return f"{case['ref']}: " + ", ".join(parts)

    def redo_last(self) -> UndoResult:
        """Make again what this start's newest undo reversed (a case hidden by an undone
        creation comes back). Only while nothing new was done here since that undo."""
        now = utcnow()
        with self.desk.engine.begin() as conn:
            undo_batch = conn.execute(
                sa.select(EVENT.c.batch_id)
                .where(
                    EVENT.c.undone_by.is_(None),
                    EVENT.c.action == "undo",
                    EVENT.c.session_id == self.session_id,
                )
                .order_by(EVENT.c.id.desc())
                .limit(1)
            ).scalar()
            if undo_batch is None:
                raise CommandError(moves_text.NOTHING_TO_REDO)
            last_undo_id = conn.execute(
                sa.select(sa.func.max(EVENT.c.id)).where(EVENT.c.batch_id == undo_batch)
            ).scalar()
            newer = conn.execute(
                sa.select(EVENT.c.id)
                .where(
                    EVENT.c.id > last_undo_id,
                    EVENT.c.session_id == self.session_id,
                    EVENT.c.action.not_in(("undo", "redo")),
                    EVENT.c.undone_by.is_(None),
                )
                .limit(1)
            ).scalar()
            if newer is not None:
                raise CommandError(moves_text.NOTHING_TO_REDO)
            undo_events = (
                conn.execute(
                    sa.select(EVENT).where(EVENT.c.batch_id == undo_batch).order_by(EVENT.c.id)
                )
                .mappings()
                .all()
            )
            ids = [ev["id"] for ev in undo_events]
            originals = (
                conn.execute(
                    sa.select(EVENT).where(EVENT.c.undone_by.in_(ids)).order_by(EVENT.c.id)
                )
                .mappings()
                .all()
            )
            batch = new_batch()
            by_case: dict[str, list[Any]] = {}
            for ev in undo_events:
                by_case.setdefault(ev["case_id"], []).append(ev)
            descriptions = []
            for cid, evs in by_case.items():
                case, detail = self._load(conn, cid)
                again = {
                    ev["field"]: _from_event(case["kind"], ev["field"], ev["old"])
                    for ev in evs
                    if ev["field"] and ev["field"] != "note"
                }
                self._write(conn, case, detail, again, version=None, batch=batch, action="redo")
                for orig in originals:
                    name = orig["field"] or ""
                    if orig["case_id"] == cid and name.startswith("note:"):
                        note_id = conn.execute(
                            sa.insert(NOTE).values(case_id=cid, at=now, text=orig["new"])
                        ).inserted_primary_key[0]
                        self._events(
                            conn, cid, batch, "redo", [(f"note:{note_id}", None, orig["new"])], now
                        )
                descriptions.append(case["ref"])
            if conn.execute(sa.select(EVENT.c.id).where(EVENT.c.batch_id == batch)).first() is None:
                first = next(iter(by_case))
                self._events(conn, first, batch, "redo", [("note", None, None)], now)
            conn.execute(
                sa.update(EVENT)
                .where(EVENT.c.id.in_(ids))
                .values(
                    undone_by=sa.select(sa.func.max(EVENT.c.id))
                    .where(EVENT.c.batch_id == batch)
                    .scalar_subquery()
                )
            )
        return UndoResult(batch, ", ".join(descriptions), tuple(by_case))


def _is_creation(evs: Sequence[Any]) -> bool:
    actions = {ev["action"] for ev in evs}
    return bool(actions & {"create", "import_create"}) or (
        "convert" in actions and any(ev["field"] is None for ev in evs)
    )


def _aware(at: Any) -> Any:
    if isinstance(at, datetime) and at.tzinfo is None:
        return at.replace(tzinfo=UTC)
    return at


def _from_event(kind: str, name: str, text: str | None) -> Any:
    if name == "deleted_at":
        return _aware(datetime.fromisoformat(text)) if text else None
    return from_text(_field_spec(kind, name), text)


def _stamp(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _reminders_text(reminders: Reminders) -> str:
    return json.dumps(reminders.as_dict(), sort_keys=True)
