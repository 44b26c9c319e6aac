"""Legal sources (bronnen) and the citations that point into them.

A *source* is one official text in the registry ``sources.yaml``: a consolidated
regulation in the BWB, a Staatscourant or Staatsblad publication, a Kamerstuk, an
EU act (CELEX) or a government information page. A *citation* is a source plus a
locator (artikel/lid for law, paragraaf/pagina for a Kamerbrief).

Variables cite through ``reference`` as a list of URL strings (what OpenFisca and
its clients expect); ``cite()`` builds those URLs and ``parse_reference()`` reads
them back, so the URL is the machine-readable citation. Parameters cite through
``metadata.bronnen`` (a list of mappings) and ``metadata.verificatie``.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from functools import cache
from importlib import resources
from urllib.parse import parse_qsl, quote, unquote, urlencode

import yaml

from openfisca_llo.inputs import show

ID_PATTERNS = {
    "bwb": re.compile(r"^BWBR\d{7}$"),
    "stcrt": re.compile(r"^stcrt-\d{4}-\d+$"),
    "stb": re.compile(r"^stb-\d{4}-\d+$"),
    "kst": re.compile(r"^kst-\d{5}-\d+$"),
    "celex": re.compile(r"^\d{5}[A-Z]\d{4}(\(\d{2}\))?$"),
    "web": re.compile(r"^web-[a-z0-9-]+$"),
}

KIND_LABELS = {
    "bwb": "wet of regeling (BWB, geconsolideerd)",
    "stcrt": "Staatscourant",
    "stb": "Staatsblad",
    "kst": "Kamerstuk",
    "celex": "EU-handeling (CELEX)",
    "web": "overheidspagina",
}

STATUS_LABELS = {
    "geldend": "bindend recht, in werking",
    "vervallen": "bindend recht, vervallen of vervangen",
    "beleid": "aangekondigd beleid (Kamerbrief), geen bindend recht",
    "informatie": "overheidsinformatie, geen wettekst",
}

VERIFICATION_LABELS = {
    "officieel": "waarde gelezen in de officiële tekst",
    "secundair": "waarde alleen op een secundaire bron gezien; toegeschreven aan deze officiële bron",
}

LOCATOR_KEYS = ("onderwerp", "hoofdstuk", "artikel", "lid", "onderdeel", "paragraaf", "pagina", "punt")

# Which locator a citation of each kind must carry (any one of the listed keys).
# 'onderwerp' names the subject where the article number could not be verified; the coverage report
# counts those citations separately so they stay visible.
REQUIRED_LOCATOR = {
    "bwb": ("artikel", "hoofdstuk", "onderwerp"),
    "stcrt": ("artikel", "hoofdstuk", "onderwerp"),
    "stb": ("artikel", "hoofdstuk", "onderwerp"),
    "kst": ("paragraaf", "pagina", "onderwerp"),
    "celex": ("punt", "artikel", "onderwerp"),
    "web": (),
}

ZOB = "https://zoek.officielebekendmakingen.nl/"
JCI = "https://wetten.overheid.nl/jci1.3:c:"
EURLEX = "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:"


class CitationError(ValueError):
    """A citation that names an unknown source, a malformed id or a bad locator."""


@dataclasses.dataclass(frozen=True)
class Source:
    id: str
    kind: str
    title: str
    date: datetime.date
    url: str
    status: str
    note: str = ""
    kort: str = ""
    geldig_vanaf: datetime.date | None = None
    geldig_tot: datetime.date | None = None

    def as_dict(self) -> dict:
        data = dataclasses.asdict(self)
        for key in ("date", "geldig_vanaf", "geldig_tot"):
            if data[key] is not None:
                data[key] = data[key].isoformat()
        data["kind_label"] = KIND_LABELS[self.kind]
        data["status_label"] = STATUS_LABELS[self.status]
        return data


@dataclasses.dataclass(frozen=True)
class Citation:
    source_id: str
    locator: tuple[tuple[str, str], ...] = ()

    @property
    def source(self) -> Source:
        return get_source(self.source_id)

    @property
    def url(self) -> str:
        return citation_url(self.source_id, **dict(self.locator))

    def locator_text(self) -> str:
        return ", ".join(f"{key} {value}" for key, value in self.locator)

    def as_dict(self) -> dict:
        return dict(_citation_dict(self))

    def _as_dict(self) -> dict:
        source = self.source
        return {
            "bron": self.source_id,
            **dict(self.locator),
            "titel": source.title,
            "kort": source.kort or source.title,
            "soort": KIND_LABELS[source.kind],
            "status": source.status,
            "status_label": STATUS_LABELS[source.status],
            "url": self.url,
        }


@cache
def _citation_dict(citation: Citation) -> dict:
    return citation._as_dict()


def _parse_date(value) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def validate_source_entry(source_id: str, entry: dict) -> list[str]:
    """Problems with one registry entry (empty list when it is well formed)."""
    problems = []
    kind = entry.get("kind")
    if kind not in ID_PATTERNS:
        return [f"bron {source_id}: onbekende soort {kind!r}; toegestaan: {sorted(ID_PATTERNS)}"]
    if not ID_PATTERNS[kind].match(source_id):
        problems.append(f"bron {source_id}: id past niet bij soort {kind} ({ID_PATTERNS[kind].pattern})")
    if entry.get("status") not in STATUS_LABELS:
        problems.append(
            f"bron {source_id}: status {entry.get('status')!r} onbekend; toegestaan: {sorted(STATUS_LABELS)}"
        )
    for key in ("title", "date", "url"):
        if not entry.get(key):
            problems.append(f"bron {source_id}: veld '{key}' ontbreekt")
    url = str(entry.get("url", ""))
    expected_prefix = {
        "bwb": f"https://wetten.overheid.nl/{source_id}",
        "stcrt": f"{ZOB}{source_id}.html",
        "stb": f"{ZOB}{source_id}.html",
        "kst": f"{ZOB}{source_id}.html",
        "celex": EURLEX + source_id,
        "web": "https://",
    }[kind]
    if url and url != expected_prefix and not (kind == "web" and url.startswith("https://")):
        problems.append(f"bron {source_id}: url {url} is niet de officiële vorm {expected_prefix}")
    return problems


@cache
def load_registry() -> dict[str, Source]:
    text = resources.files("openfisca_llo").joinpath("sources.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    registry = {}
    problems = []
    for source_id, entry in raw.items():
        problems += validate_source_entry(source_id, entry)
        registry[source_id] = Source(
            id=source_id,
            kind=entry["kind"],
            title=entry["title"],
            date=_parse_date(entry["date"]),
            url=entry["url"],
            status=entry["status"],
            note=entry.get("note", ""),
            kort=entry.get("kort", ""),
            geldig_vanaf=_parse_date(entry.get("geldig_vanaf")),
            geldig_tot=_parse_date(entry.get("geldig_tot")),
        )
    if problems:
        raise CitationError("Fouten in sources.yaml:\n" + "\n".join(problems))
    return registry


def get_source(source_id: str) -> Source:
    registry = load_registry()
    if source_id not in registry:
        raise CitationError(f"onbekende bron {show(source_id)}; registreer haar in openfisca_llo/sources.yaml")
    return registry[source_id]


def _check_locator(source: Source, locator: dict) -> None:
    unknown = set(locator) - set(LOCATOR_KEYS)
    if unknown:
        raise CitationError(
            f"bron {source.id}: onbekende vindplaats {', '.join(show(k) for k in sorted(unknown, key=str))}; "
            f"toegestaan: {', '.join(LOCATOR_KEYS)}"
        )
    required = REQUIRED_LOCATOR[source.kind]
    if required and not any(locator.get(key) for key in required):
        raise CitationError(f"bron {source.id}: vindplaats ontbreekt (een van {', '.join(required)} is verplicht)")


@cache
def citation_url(source_id: str, **locator) -> str:
    source = get_source(source_id)
    locator = {key: str(value) for key, value in locator.items() if value is not None}
    _check_locator(source, locator)
    ordered = [(key, locator[key]) for key in LOCATOR_KEYS if key in locator]
    if source.kind == "bwb":
        query = [(k, v) for k, v in ordered if k in ("artikel", "lid")]
        rest = [(k, v) for k, v in ordered if k not in ("artikel", "lid")]
        url = JCI + source_id + "".join(f"&{k}={quote(v, safe='.')}" for k, v in query)
        return url + ("#" + urlencode(rest) if rest else "")
    return source.url + ("#" + urlencode(ordered) if ordered else "")


def cite(source_id: str, **locator) -> str:
    """URL string for ``reference`` of a variable, e.g. cite("BWBR0011453", artikel="2.3a")."""
    return citation_url(source_id, **locator)


@cache
def parse_reference(url: str) -> Citation:
    """Read a citation URL (as made by ``cite``) back into a Citation; raise CitationError if unknown."""
    if url.startswith(JCI):
        body, _, fragment = url[len(JCI):].partition("#")
        source_id, *params = body.split("&")
        locator = dict(unquote(p).split("=", 1) for p in params if "=" in p)
        locator.update(parse_qsl(fragment))
    else:
        base, _, fragment = url.partition("#")
        matches = [s for s in load_registry().values() if s.url == base]
        if not matches:
            raise CitationError(f"verwijzing {show(url)} hoort bij geen geregistreerde bron")
        source_id = matches[0].id
        locator = dict(parse_qsl(fragment))
    source = get_source(source_id)
    _check_locator(source, locator)
    ordered = tuple((key, locator[key]) for key in LOCATOR_KEYS if key in locator)
    return Citation(source_id, ordered)


def citation_from_mapping(data: dict) -> Citation:
    """A citation written in parameter metadata: {bron: ID, artikel: ..., lid: ...}."""
    if not isinstance(data, dict) or "bron" not in data:
        raise CitationError(f"bronvermelding {show(data)} mist het veld 'bron'")
    locator = {k: str(v) for k, v in data.items() if k != "bron"}
    source = get_source(str(data["bron"]))
    _check_locator(source, locator)
    ordered = tuple((key, locator[key]) for key in LOCATOR_KEYS if key in locator)
    return Citation(source.id, ordered)


def parameter_citations(metadata: dict) -> list[Citation]:
    items = (metadata or {}).get("bronnen") or []
    return list(_citations_from_items(tuple(tuple(sorted((str(k), str(v)) for k, v in item.items())) if isinstance(item, dict) else item for item in items)))


@cache
def _citations_from_items(items: tuple) -> tuple[Citation, ...]:
    return tuple(citation_from_mapping(dict(item) if isinstance(item, tuple) else item) for item in items)


def variable_citations(variable) -> list[Citation]:
    references = variable.reference or []
    if isinstance(references, str):
        references = [references]
    return [parse_reference(url) for url in references]
