"""Child processes for the durability tests and benchmark (run as scripts)."""

from __future__ import annotations

import sys


def writer(home: str) -> None:
    """Commit 2-row transactions forever, printing each id after COMMIT returns."""
    from promocase.core.evidence import Evidence
    from promocase.store import evidence as store
    from promocase.store.connection import write_transaction
    from promocase.workspace import Workspace

    ws = Workspace(home)
    conn = ws.conn
    out = sys.stdout
    i = 0
    while True:
        i += 1
        with write_transaction(conn):
            a = store.insert(conn, Evidence(text=f"pair {i} a", date="2026-01-01"))
            store.insert(conn, Evidence(text=f"pair {i} b", date="2026-01-01"))
        out.write(f"{a.id}\n")
        out.flush()


def concurrent(home: str, count: int) -> None:
    """Add `count` entries through the service layer, one transaction each."""
    from promocase.services.evidence import EvidenceInput, add_evidence
    from promocase.workspace import Workspace

    ws = Workspace(home)
    for i in range(count):
        add_evidence(ws, EvidenceInput(text=f"concurrent entry {i}"))
    ws.close()


if __name__ == "__main__":
    if sys.argv[1] == "writer":
        writer(sys.argv[2])
    else:
        concurrent(sys.argv[2], int(sys.argv[3]))
