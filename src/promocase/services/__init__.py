"""Use cases shared by the CLI and the web UI. Each takes a Workspace and plain values."""
