"""SQLite storage: connections, schema migrations and repositories."""
