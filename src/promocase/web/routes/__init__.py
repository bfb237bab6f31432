"""One module per page; ROUTERS is what the app includes."""

from __future__ import annotations

from promocase.web.routes import (
    assess,
    dashboard,
    evidence,
    goals,
    imports,
    ladder,
    outcomes,
    packet,
    redaction,
    resume,
    review,
)

ROUTERS = [
    dashboard.router,
    evidence.router,
    ladder.router,
    goals.router,
    packet.router,
    assess.router,
    outcomes.router,
    resume.router,
    redaction.router,
    review.router,
    imports.router,
]
