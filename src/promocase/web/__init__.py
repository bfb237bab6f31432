"""The local web UI: a thin face over promocase.services (see app.create_app)."""
