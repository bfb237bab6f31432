"""promocase: turn your work into an evidence-backed case for promotion."""

__version__ = "0.1.0"
