"""Read JSON and YAML from clients and files within fixed bounds, with Dutch messages.

Python's parsers accept inputs that break later code or exhaust the machine: nesting deeper than the
interpreter's recursion limit, integer literals too long to convert, lone surrogates (text that cannot be
encoded again), NaN and Infinity (not JSON), YAML tags that build Python objects and YAML alias bombs
("billion laughs"). Everything read from outside goes through ``loads_json``, ``loads_yaml`` or
``load_file``, which refuse each of these at once with an ``InputError`` naming the problem.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml

from openfisca_llo import formatting
from openfisca_llo.limits import (
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_FILE_BYTES,
    MAX_YAML_ALIASES,
    MAX_YAML_VALUES,
    LimitExceeded,
)


class InputError(ValueError):
    """Input that cannot be read; the message says what is wrong in Dutch, without echoing the input."""


_JSON_MESSAGES = {
    "Expecting value": "waarde verwacht",
    "Expecting property name enclosed in double quotes": "veldnaam tussen dubbele aanhalingstekens verwacht",
    "Expecting ',' delimiter": "komma verwacht",
    "Expecting ':' delimiter": "dubbele punt verwacht",
    "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
    "Invalid control character at": "ongeldig stuurteken in tekst",
    "Invalid \\escape": "ongeldige escape in tekst",
    "Invalid \\uXXXX escape": "ongeldige \\uXXXX-escape in tekst",
    "Extra data": "tekst na het einde van de JSON-waarde",
}


def clip(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters (with an ellipsis): for paths built from a client's keys."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[:limit] + "…"


def show(value, limit: int = 40) -> str:
    """A short Dutch rendering of a client's value for a message: never a Python repr, never the whole input."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if abs(value) < 10**limit else f"een getal van meer dan {limit} cijfers"
    if isinstance(value, float):
        return json.dumps(value)
    if isinstance(value, str):
        text = value.encode("utf-8", "backslashreplace").decode("utf-8")
        if len(text) > limit:
            return f"'{text[:limit]}…' ({formatting.number(len(value))} tekens)"
        return f"'{text}'"
    if isinstance(value, list):
        return f"een lijst ({len(value)} elementen)"
    if isinstance(value, dict):
        return f"een object ({len(value)} velden)"
    return "een waarde van onbekend type"


def _parse_int(text: str) -> int:
    if len(text) > MAX_DIGITS.value():
        raise LimitExceeded(MAX_DIGITS, "getal", len(text))
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_DIGITS.value():
        raise LimitExceeded(MAX_DIGITS, "getal", len(text))
    return float(text)


def _parse_constant(name: str):
    raise InputError(f"{name} is geen getal in JSON; gebruik een eindig getal of null")


def check_structure(data, what: str) -> None:
    """Refuse nesting deeper than the limit and text that is not valid Unicode (lone surrogates)."""
    max_depth = MAX_DEPTH.value()
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > max_depth:
                raise LimitExceeded(MAX_DEPTH, what, None)
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, child in items:
                if isinstance(key, str):
                    _check_text(key, what)
                stack.append((child, depth + 1))
        elif isinstance(value, str):
            _check_text(value, what)


def _check_text(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{what}: tekst met een losse surrogaat (\\ud800-\\udfff) is geen geldige Unicode") from None


def loads_json(raw: bytes | str, what: str = "de body"):
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(f"{what} is geen UTF-8-tekst (byte {error.start + 1})") from None
    try:
        data = json.loads(raw, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except RecursionError:
        raise LimitExceeded(MAX_DEPTH, what, None) from None
    except json.JSONDecodeError as error:
        message = next((dutch for english, dutch in _JSON_MESSAGES.items() if error.msg.startswith(english)), "ongeldige JSON")
        raise InputError(f"Ongeldige JSON in {what}: {message} (regel {error.lineno}, kolom {error.colno})") from None
    check_structure(data, what)
    return data


class _BoundedLoader(yaml.SafeLoader):
    """yaml.SafeLoader that counts aliases and nesting while composing, before anything is expanded."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0
        self._max_aliases = MAX_YAML_ALIASES.value()
        self._max_depth = MAX_DEPTH.value()

    def get_single_data(self):
        node = self.get_single_node()
        if node is None:
            return None
        self._check_expansion(node)
        return self.construct_document(node)

    def _check_expansion(self, root) -> None:
        """Refuse a document whose aliases expand to more values than the limit (a "billion laughs" file is
        a few hundred bytes that expand to billions): sizes are added per distinct node, so this is linear."""
        limit = MAX_YAML_VALUES.value()
        sizes: dict[int, int] = {}

        def size(node) -> int:
            if id(node) in sizes:
                return sizes[id(node)]
            total = 1
            if isinstance(node, yaml.SequenceNode):
                total += sum(size(child) for child in node.value)
            elif isinstance(node, yaml.MappingNode):
                total += sum(size(key) + size(value) for key, value in node.value)
            sizes[id(node)] = total
            if total > limit:
                raise LimitExceeded(MAX_YAML_VALUES, "YAML", None)
            return total

        size(root)

    def construct_yaml_timestamp(self, node):
        """A date that does not exist (2023-13-15, 2023-02-30) is named, not mistaken for a too-long number."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise _BadDate(f"'{node.value[:40]}' is geen bestaande datum{_mark(node.start_mark)}") from None

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > self._max_aliases:
                raise LimitExceeded(MAX_YAML_ALIASES, "YAML", None)
        self._depth += 1
        try:
            if self._depth > self._max_depth:
                raise LimitExceeded(MAX_DEPTH, "YAML", None)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _BadDate(ValueError):
    pass


_BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", _BoundedLoader.construct_yaml_timestamp)


def loads_yaml(text: str, what: str = "YAML"):
    loader = _BoundedLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.constructor.ConstructorError as error:
        where = _mark(error.problem_mark)
        raise InputError(f"{what}: een YAML-tag die Python-objecten maakt is niet toegestaan{where}") from None
    except yaml.YAMLError as error:
        raise InputError(f"{what} is geen geldige YAML{_mark(getattr(error, 'problem_mark', None))}") from None
    except RecursionError:
        raise LimitExceeded(MAX_DEPTH, what, None) from None
    except LimitExceeded:
        raise
    except _BadDate as error:
        raise InputError(f"{what}: {error}") from None
    except ValueError:  # e.g. an integer too long to convert
        raise LimitExceeded(MAX_DIGITS, what, None) from None
    finally:
        loader.dispose()
    check_structure(data, what)
    return data


def _mark(mark) -> str:
    return f" (regel {mark.line + 1}, kolom {mark.column + 1})" if mark is not None else ""


def load_file(path: str | os.PathLike, what: str | None = None):
    """A JSON (``.json``) or YAML file as data, within the size, depth and alias limits."""
    path = Path(path)
    what = what or str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{what} is een map, geen bestand")
    except FileNotFoundError:
        raise InputError(f"{what} bestaat niet") from None
    except PermissionError:
        raise InputError(f"{what} is niet leesbaar (geen toegang)") from None
    if size > MAX_FILE_BYTES.value():
        raise LimitExceeded(MAX_FILE_BYTES, what, size)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{what} is geen UTF-8-tekst (een binair bestand?)") from None
    except OSError as error:
        raise InputError(f"{what} is niet leesbaar ({error.strerror or 'leesfout'})") from None
    if path.suffix.lower() == ".json":
        return loads_json(text, what)
    return loads_yaml(text, what)
