"""Reading user files safely: size caps, regular files only, encodings named in errors."""

from __future__ import annotations

import codecs
import stat
from pathlib import Path

from promocase.core.errors import PromocaseImportError

MiB = 1024 * 1024


def read_bytes(path: Path | str, *, max_bytes: int, what: str = "file") -> bytes:
    """Read at most `max_bytes` from a regular file, or raise a clear error."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise PromocaseImportError(
            f"no such {what}.", source=str(p), hint="Check the path and try again."
        ) from None
    except OSError as exc:
        raise PromocaseImportError(f"cannot read it: {exc.strerror}.", source=str(p)) from None
    if not stat.S_ISREG(st.st_mode):
        raise PromocaseImportError(
            f"is not a regular file; give the path of a {what}.", source=str(p)
        )
    with p.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise PromocaseImportError(
            f"is larger than the {max_bytes // MiB or 1} MiB limit for a {what}.",
            source=str(p),
            hint="Split it into smaller files, or check that this is the file you meant.",
        )
    return data


TEXT_HINT = "Export the document as YAML, JSON, CSV or Markdown."  # the ladder formats


def decode_text(data: bytes, *, source: str, binary_hint: str = TEXT_HINT) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16/32; refuse anything else clearly.

    `binary_hint` is what to do when the file is not text at all (each importer names the
    files it reads)."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise PromocaseImportError(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding}.",
                    source=source,
                ) from None
    if b"\x00" in data[:8192]:
        if len(data) >= 4 and (
            data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4
        ):
            raise PromocaseImportError(
                "looks like UTF-16 text without a byte-order mark.",
                source=source,
                hint="Save it as UTF-8 and import again.",
            )
        raise PromocaseImportError("is a binary file, not text.", source=source, hint=binary_hint)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PromocaseImportError(
            "is not UTF-8 text (it looks like Latin-1 or Windows-1252).",
            source=source,
            line=line,
            hint="Save it as UTF-8 (in most editors: Save As → Encoding: UTF-8).",
        ) from None


def read_text(path: Path | str, *, max_bytes: int, what: str = "file") -> str:
    return decode_text(read_bytes(path, max_bytes=max_bytes, what=what), source=str(path))
