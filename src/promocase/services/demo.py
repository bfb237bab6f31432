"""The bundled demo: a fictional engineer's last twelve months on a sample ladder."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from promocase.core.errors import PromocaseError
from promocase.core.evidence import Metric
from promocase.services import ladders as ladder_svc
from promocase.services.evidence import EvidenceInput, build_evidence
from promocase.services.plan import load_demo_case
from promocase.store import evidence as store
from promocase.store import settings
from promocase.store.clock import today
from promocase.store.connection import write_transaction
from promocase.store.evidence import CriterionLink
from promocase.workspace import DB_NAME, Workspace

DEMO_MARK = "demo_workspace"


def demo_data() -> dict[str, Any]:
    text = (resources.files("promocase") / "data" / "demo.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def _reset(home: Path) -> None:
    """Remove an earlier demo workspace at `home`; refuse to touch a real one."""
    db = home / DB_NAME
    if not db.exists():
        return
    probe = Workspace(home)
    try:
        is_demo = settings.get(probe.conn, DEMO_MARK) == "1"
    finally:
        probe.close()
    if not is_demo:
        raise PromocaseError(
            f"{home} holds a real workspace; the demo will not overwrite it.",
            hint="Choose another folder: promocase demo --home /tmp/promocase-demo",
        )
    for path in home.iterdir():
        if path.is_file() and (path.name.startswith(DB_NAME) or path.name == "config.toml"):
            path.unlink()
        elif path.is_dir() and path.name == "output":
            shutil.rmtree(path)


def build_demo(home: Path) -> Workspace:
    """Create (or re-create) the demo workspace at `home` and return it open."""
    _reset(home)
    data = demo_data()
    ws = Workspace(home)
    ladder = ladder_svc.load_sample(data["ladder"])
    result = ladder_svc.import_ladder(ws, ladder, source=f"sample:{data['ladder']}", activate=True)
    ladder_svc.set_levels(ws, current=data["current_level"], target=data["target_level"])
    ladder_id = result.stored.id
    base = today()
    with write_transaction(ws.conn):
        settings.put(ws.conn, DEMO_MARK, "1")
        settings.put(ws.conn, "person", json.dumps(data.get("person", {}), ensure_ascii=False))
        items = [(e, "work") for e in data["entries"]] + [(p, "praise") for p in data["praise"]]
        items.sort(key=lambda item: -int(item[0]["days_ago"]))
        for raw, kind in items:
            when = (base - timedelta(days=int(raw["days_ago"]))).isoformat()
            metric = None
            if raw.get("metric"):
                m = raw["metric"]
                metric = Metric(
                    name=m.get("name"),
                    unit=m.get("unit"),
                    value=m.get("value"),
                    before=m.get("before"),
                    after=m.get("after"),
                )
            evidence = build_evidence(
                EvidenceInput(
                    text=raw["text"] if kind == "work" else raw["quote"],
                    date=when,
                    outcome=raw.get("outcome"),
                    metric=metric,
                    role=raw.get("role"),
                    scope=raw.get("scope"),
                    links=raw.get("links", []),
                    tags=raw.get("tags", []),
                    kind=kind,
                    praise_from=raw.get("from"),
                    verified=bool(raw.get("verified")),
                    source="demo",
                )
            )
            links = [
                CriterionLink(ladder_id, cid, "accepted", "user")
                for cid in raw.get("criteria", [])
                if ladder.criterion(cid)
            ]
            store.insert(ws.conn, evidence, links)
    load_demo_case(ws)  # goals, triage, priorities and plans (services/plan.py)
    __import__("promocase.services.outcomes").services.outcomes.load_demo_outcomes(ws)
    __import__("promocase.services.judgement").services.judgement.judge_all(ws)  # verdicts
    return ws
