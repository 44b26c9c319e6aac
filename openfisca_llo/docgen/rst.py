"""reStructuredText building blocks: escaped text, headings, references, tables and lists, and writing a page."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from openfisca_llo.docgen.names import anchor

_RST_SPECIAL = re.compile(r"([\\`*_|<>\[\]])")


def esc(text) -> str:
    """Inline text with every reStructuredText markup character escaped."""
    text = " ".join(str(text).split())
    return _RST_SPECIAL.sub(r"\\\1", text).replace("::", r":\:")


def paragraphs(text) -> list[str]:
    """Prose (a docstring) as escaped paragraphs; a leading backslash stops list and enumeration markup."""
    text = inspect.cleandoc(str(text or ""))
    result = []
    for block in re.split(r"\n\s*\n", text):
        if block.strip():
            escaped = esc(block)
            result.append(escaped if escaped.startswith("\\") else "\\" + escaped)
    return result


def heading(text: str, char: str, overline: bool = False) -> list[str]:
    line = char * max(len(text), 3)
    return ([line] if overline else []) + [text, line, ""]


def ref(label: str, text: str) -> str:
    return f":ref:`{text} <{label}>`"


def link(text: str, url: str) -> str:
    return f"`{esc(text)} <{url}>`__"


def param_ref(name: str) -> str:
    return ref(anchor("param", name), name)


def var_ref(name: str) -> str:
    return ref(anchor("var", name), name)


def ref_list(refs: list[str]) -> str:
    return ", ".join(refs) if refs else "—"


def list_table(header: list[str], rows: list[list[str]], widths: list[int] | None = None) -> list[str]:
    lines = [".. list-table::", "   :header-rows: 1"]
    if widths:
        lines.append("   :widths: " + " ".join(str(w) for w in widths))
    lines.append("")
    for row in [header, *rows]:
        for i, cell in enumerate(row):
            cell_lines = str(cell).split("\n") if str(cell).strip() else ["—"]
            lines.append(("   * - " if i == 0 else "     - ") + cell_lines[0])
            lines += ["       " + extra if extra else "" for extra in cell_lines[1:]]
    return lines + [""]


def bullets(items: list[str]) -> list[str]:
    return [f"* {item}" for item in items] + ([""] if items else [])


def field_list(fields: list[tuple[str, str]]) -> list[str]:
    """``:Name: value`` lines and the blank line that ends them."""
    return [f"{key} {value}" for key, value in fields] + [""]


def write_if_changed(path: Path, text: str) -> None:
    """Write only when the content changed, so Sphinx rebuilds only what changed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
