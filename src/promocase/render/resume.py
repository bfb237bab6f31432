"""Resume rendering: JSON Resume as JSON, Markdown, or HTML → PDF from one template folder."""

from __future__ import annotations

import json
import re
from typing import Any

FORMATS = ("json", "md", "html", "pdf")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: Any) -> str:
    """User text as literal Markdown: characters that start markup are escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


def _env(autoescape: bool) -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("promocase.render", "templates/resume"),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["month"] = _month_label
    return env


_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _month_label(value: str | None) -> str:
    if not value:
        return "present"
    if len(value) >= 7 and value[5:7].isdigit():
        return f"{_MONTHS[int(value[5:7]) - 1]} {value[:4]}"
    return value


def render_resume(built: Any, fmt: str) -> str | bytes:
    """The resume in `fmt`: 'json' (JSON Resume), 'md', 'html' or 'pdf' (bytes)."""
    data = built.data
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    context = {"r": data, "basics": data.get("basics", {}), "redacted": built.redacted}
    if fmt == "md":
        return str(_env(False).get_template("resume.md.j2").render(**context))
    html = str(_env(True).get_template("resume.html.j2").render(**context))
    if fmt == "html":
        return html
    if fmt == "pdf":
        from promocase.render.pdf import html_to_pdf

        return html_to_pdf(html)
    raise ValueError(f"unknown resume format {fmt!r}; use one of {', '.join(FORMATS)}")
