"""Importers: one module per source format. Each raises PromocaseImportError and writes nothing
on bad input."""
