"""Ladders in a workspace: samples, import with versions, the active ladder and the levels."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from promocase.core.errors import NotFound, PromocaseError, ValidationError
from promocase.core.ladder import Ladder, slugify
from promocase.store import ladders as ladder_store
from promocase.store import settings
from promocase.store.connection import write_transaction
from promocase.store.ladders import StoredLadder
from promocase.workspace import Workspace

ACTIVE = "active_ladder"
CURRENT = "current_level"
TARGET = "target_level"


def sample_names() -> list[str]:
    """Slugs of the sample ladders that ship with promocase."""
    from importlib import resources

    folder = resources.files("promocase") / "data" / "ladders"
    return sorted(p.name.rsplit(".", 1)[0] for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_sample(name: str) -> Ladder:
    from promocase.importers.ladder_formats import parse_ladder

    if name not in sample_names():
        raise NotFound(
            f"There is no sample ladder called '{name}'.",
            hint="Samples: " + ", ".join(sample_names()),
        )
    from importlib import resources

    path = resources.files("promocase") / "data" / "ladders" / f"{name}.yaml"
    return parse_ladder(path.read_text(encoding="utf-8"), "yaml", source=f"sample:{name}")


def load_ladder_arg(
    arg: str, fmt: str = "auto", *, name: str | None = None, stdin_text: str | None = None
) -> tuple[Ladder, str]:
    """A ladder from a file path, '-' (text given), or a sample name; with its source label."""
    from promocase.importers.ladder_formats import load_ladder_file, parse_ladder

    if arg == "-":
        if stdin_text is None or not stdin_text.strip():
            raise ValidationError(
                "Nothing was pasted on standard input.",
                hint="Pipe the ladder text in, e.g. pbpaste | promocase ladder "
                "import - --name 'Acme Engineering'.",
            )
        return parse_ladder(stdin_text, fmt, source="<stdin>", name=name), "stdin"
    path = Path(arg)
    if path.exists() or "/" in arg or "." in Path(arg).name:
        return load_ladder_file(path, fmt, name=name), str(path.resolve())
    if arg in sample_names():
        ladder = load_sample(arg)
        return ladder, f"sample:{arg}"
    raise NotFound(
        f"'{arg}' is neither a file nor a sample ladder.",
        hint="Samples: " + ", ".join(sample_names()),
    )


@dataclass(frozen=True)
class ImportResult:
    stored: StoredLadder
    changed: bool
    active: bool


def import_ladder(
    ws: Workspace,
    ladder: Ladder,
    *,
    source: str,
    slug: str | None = None,
    activate: bool | None = None,
) -> ImportResult:
    """Store a ladder (a new version if it changed). The first ladder becomes the active one."""
    conn = ws.conn
    with write_transaction(conn):
        stored, changed = ladder_store.save(conn, ladder, source=source, slug=slug)
        active = settings.get(conn, ACTIVE)
        if activate or (activate is None and active is None):
            settings.put(conn, ACTIVE, stored.slug)
            active = stored.slug
    return ImportResult(stored=stored, changed=changed, active=active == stored.slug)


def list_ladders(ws: Workspace) -> list[StoredLadder]:
    return ladder_store.all_ladders(ws.conn)


def get_ladder(ws: Workspace, slug: str | None = None) -> StoredLadder:
    """The named ladder, or the active one when no name is given."""
    if slug is None:
        return require_active(ws)
    stored = ladder_store.get(ws.conn, slug)
    if stored is not None:
        return stored
    # its display name, or the name typed loosely ('Acme engineering', 'acme_engineering'), or
    # the sample name it was imported by ('software-engineer', as `init --ladder` takes it)
    wanted = slugify(slug)
    ladders = list_ladders(ws)
    stored = next(
        (
            s
            for s in ladders
            if wanted in (s.slug, slugify(s.ladder.name)) or s.source == f"sample:{slug}"
        ),
        None,
    )
    if stored is None:
        names = [s.slug for s in ladders]
        raise NotFound(
            f"There is no ladder '{slug}' in this workspace.",
            hint=("Ladders here: " + ", ".join(names))
            if names
            else "Import one with: promocase ladder import FILE",
        )
    return stored


def active_ladder(ws: Workspace) -> StoredLadder | None:
    slug = settings.get(ws.conn, ACTIVE)
    return None if slug is None else ladder_store.get(ws.conn, slug)


def require_active(ws: Workspace) -> StoredLadder:
    stored = active_ladder(ws)
    if stored is None:
        raise PromocaseError(
            "This workspace has no ladder yet.",
            hint="Start with: promocase init --ladder software-engineer --current SE3 --target SE4 "
            "(or your own file).",
        )
    return stored


def require_target(ws: Workspace, what: str) -> Profile:
    """The profile, its ladder loaded once, or a clear error naming `what` needs the target
    level (with this ladder's own level ids in the example)."""
    prof = profile(ws)
    stored = prof.ladder if prof.ladder is not None else require_active(ws)
    if not prof.target_level:
        ids = [lv.id for lv in stored.ladder.levels]
        current = prof.current_level
        after = ids[ids.index(current) + 1 :] if current in ids else ids[1:]
        if current in ids and not after:
            raise PromocaseError(
                f"{what} needs a target level, and {current} is the top of {stored.ladder.name}.",
                hint="Import the ladder of the role you aim for (promocase ladder import FILE), "
                "then set your levels.",
            )
        example = after[0] if after else ids[-1]
        raise PromocaseError(
            f"{what} needs a target level, and none is set.",
            hint=f"Set it with: promocase ladder levels --target {example} "
            f"(levels: {', '.join(ids)})",
        )
    return prof


def set_active(ws: Workspace, slug: str) -> StoredLadder:
    stored = get_ladder(ws, slug)
    with write_transaction(ws.conn):
        settings.put(ws.conn, ACTIVE, stored.slug)
    return stored


@dataclass(frozen=True)
class Profile:
    ladder: StoredLadder | None
    current_level: str | None
    target_level: str | None


def profile(ws: Workspace) -> Profile:
    conn = ws.conn
    return Profile(active_ladder(ws), settings.get(conn, CURRENT), settings.get(conn, TARGET))


def set_levels(ws: Workspace, *, current: str | None, target: str | None) -> Profile:
    """Record the current and target level, checked against the active ladder."""
    stored = require_active(ws)
    ladder = stored.ladder
    resolved: dict[str, str] = {}
    for key, value in ((CURRENT, current), (TARGET, target)):
        if value is None:
            continue
        level = ladder.level(value)
        if level is None:
            raise ValidationError(
                f"'{value}' is not a level of {ladder.name}.",
                hint="Levels: " + ", ".join(f"{lv.id} ({lv.name})" for lv in ladder.levels),
            )
        resolved[key] = level.id
    cur = resolved.get(CURRENT) or settings.get(ws.conn, CURRENT)
    tgt = resolved.get(TARGET) or settings.get(ws.conn, TARGET)
    if (
        cur
        and tgt
        and ladder.level(cur)
        and ladder.level(tgt)
        and (ladder.level_index(tgt) <= ladder.level_index(cur))
    ):
        raise ValidationError(f"The target level {tgt} must be above the current level {cur}.")
    with write_transaction(ws.conn):
        for key, value in resolved.items():
            settings.put(ws.conn, key, value)
    return profile(ws)


def init_workspace(
    ws: Workspace,
    ladder_arg: str,
    *,
    current: str | None,
    target: str | None,
    fmt: str = "auto",
    stdin_text: str | None = None,
) -> tuple[ImportResult, Profile]:
    """Import a ladder (file or sample), make it active and record the levels."""
    ladder, source = load_ladder_arg(ladder_arg, fmt, stdin_text=stdin_text)
    # Check the levels before writing, so a typo leaves the workspace untouched.
    for value in (current, target):
        if value is not None and ladder.level(value) is None:
            raise ValidationError(
                f"'{value}' is not a level of {ladder.name}.",
                hint="Levels: " + ", ".join(f"{lv.id} ({lv.name})" for lv in ladder.levels),
            )
    if current and target is None:
        index = ladder.level_index(current)
        if index + 1 < len(ladder.levels):
            target = ladder.levels[index + 1].id
    result = import_ladder(ws, ladder, source=source, activate=True)
    prof = set_levels(ws, current=current, target=target)
    return result, prof
