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
from functools import cache, lru_cache
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
    "doc": re.compile(r"^doc-[a-z0-9-]+$"),
}

KIND_LABELS = {
    "bwb": "wet of regeling (BWB, geconsolideerd)",
    "stcrt": "Staatscourant",
    "stb": "Staatsblad",
    "kst": "Kamerstuk",
    "celex": "EU-handeling (CELEX)",
    "web": "webpagina",
    "doc": "overheidsdocument zonder Kamerstuknummer (Kamerbrief of bijlage)",
}

STATUS_LABELS = {
    "geldend": "bindend recht, in werking",
    "vervallen": "bindend recht, vervallen of vervangen",
    "beleid": "aangekondigd beleid (Kamerbrief), geen bindend recht",
    "informatie": "overheidsinformatie, geen wettekst",
    "derden": "pagina van een derde (nieuws, adviesbureau), geen overheidsbron",
}

VERIFICATION_LABELS = {
    "officieel": "waarde gelezen in de officiële publicatie, op de geciteerde vindplaats",
    "secundair": "waarde alleen op een overheids- of nieuwspagina gezien (die pagina wordt geciteerd), niet in de officiële tekst",
    "onbekend": "geen waarde (null): het cijfer is op deze datum niet bekend; de bron zegt waarom",
    "herkomst_onbekend": (
        "waarde alleen op een secundaire bron gezien waarvan het adres niet is vastgelegd; niet geverifieerd "
        "(zie de toelichting)"
    ),
}

# Kinds of source that are official publications: a value read there, at an article or paragraph, is
# 'officieel'. A web page ('web') never is.
OFFICIAL_KINDS = ("bwb", "stcrt", "stb", "kst", "celex", "doc")

# Locator keys that pin a citation to an article, paragraph, page or point (not a subject heading).
# 'opschrift' is the heading block of a consolidated text (its title, 'Geldend van ... t/m ...' and a notice such
# as '[Regeling vervalt per 01-01-2027.]'): the exact place where a start or end date is read.
PRECISE_KEYS = ("artikel", "paragraaf", "pagina", "punt", "opschrift")

LOCATOR_KEYS = ("onderwerp", "opschrift", "hoofdstuk", "artikel", "lid", "onderdeel", "paragraaf", "pagina", "punt")

# Which locator a citation of each kind must carry (any one of the listed keys).
# 'onderwerp' names the subject where the article number could not be verified; the coverage report
# counts those citations separately so they stay visible.
REQUIRED_LOCATOR = {
    "bwb": ("artikel", "hoofdstuk", "opschrift", "onderwerp"),
    "stcrt": ("artikel", "hoofdstuk", "onderwerp"),
    "stb": ("artikel", "hoofdstuk", "onderwerp"),
    "kst": ("paragraaf", "pagina", "onderwerp"),
    "celex": ("punt", "artikel", "onderwerp"),
    "web": (),
    "doc": ("paragraaf", "pagina", "onderwerp"),
}

ZOB = "https://zoek.officielebekendmakingen.nl/"
JCI = "https://wetten.overheid.nl/jci1.3:c:"
EURLEX = "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:"


class CitationError(ValueError):
    """A citation that names an unknown source, a malformed id or a bad locator."""


@dataclasses.dataclass(frozen=True)
class Renumbering:
    """Articles of a consolidated text renumbered from ``datum`` by the publication ``bron``: old -> new number
    (only the numbers read in that publication)."""

    datum: datetime.date
    bron: str
    artikelen: tuple[tuple[str, str], ...]

    def new_number(self, artikel: str) -> str | None:
        return dict(self.artikelen).get(artikel)


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
    gelezen: datetime.date | None = None  # web pages: the date the project read the page
    vernummering: Renumbering | None = None  # consolidated texts whose articles were renumbered

    def __hash__(self) -> int:
        return hash(self.id)

    def as_dict(self) -> dict:
        data = dataclasses.asdict(self)
        for key in ("date", "geldig_vanaf", "geldig_tot", "gelezen"):
            if data[key] is not None:
                data[key] = data[key].isoformat()
        if self.vernummering is not None:
            data["vernummering"] = {
                "datum": self.vernummering.datum.isoformat(),
                "bron": self.vernummering.bron,
                "artikelen": dict(self.vernummering.artikelen),
            }
        data["kind_label"] = KIND_LABELS[self.kind]
        data["status_label"] = STATUS_LABELS[self.status]
        return data


@dataclasses.dataclass(frozen=True)
class Citation:
    source_id: str
    locator: tuple[tuple[str, str], ...] = ()
    versie: datetime.date | None = None  # for a consolidated text (BWB): the version valid on this date

    @property
    def source(self) -> Source:
        return get_source(self.source_id)

    @property
    def url(self) -> str:
        return citation_url(self.source_id, versie=self.versie, **dict(self.locator))

    def locator_text(self) -> str:
        return ", ".join(f"{key} {value}" for key, value in self.locator)

    @property
    def precision(self) -> str:
        """'webpagina' (a web page, cited whole), 'artikel' (article, paragraph, page, point or heading),
        'hoofdstuk' (a chapter only) or 'onderwerp' (a subject heading: the article was not verified)."""
        keys = dict(self.locator)
        if self.source.kind == "web":
            return "webpagina"
        if any(keys.get(key) for key in PRECISE_KEYS):
            return "artikel"
        if keys.get("hoofdstuk"):
            return "hoofdstuk"
        return "onderwerp"

    def on(self, day) -> Citation:
        """This citation of the text as it stood on ``day`` (a date or ISO string): for a consolidated text (BWB)
        the version valid that day, kept within the text's own life (geldig_vanaf .. geldig_tot); other kinds are
        fixed publications and stay as they are. After a renumbering the article is cited by its new number where
        the renumbering publication gives it; where it does not, the citation opens the last version in which the
        old number held (the day before the renumbering)."""
        if day is None or self.source.kind != "bwb":
            return self
        versie = version_date(self.source, day)
        renumbering = self.source.vernummering
        locator = dict(self.locator)
        if renumbering is not None and versie >= renumbering.datum and locator.get("artikel"):
            new = renumbering.new_number(locator["artikel"])
            if new is None:
                return dataclasses.replace(self, versie=renumbering.datum - datetime.timedelta(days=1))
            renumbered = tuple((k, new if k == "artikel" else v) for k, v in self.locator)
            return dataclasses.replace(self, locator=renumbered, versie=versie)
        return dataclasses.replace(self, versie=versie)

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
            **({"tekst_geldig_op": self.versie.isoformat()} if self.versie else {}),
            "url": self.url,
        }


def version_date(source: Source, day) -> datetime.date:
    """The date whose version of a consolidated text to cite for a value or result on ``day``."""
    day = _parse_date(day)
    if source.geldig_vanaf and day < source.geldig_vanaf:
        return source.geldig_vanaf
    if source.geldig_tot and day >= source.geldig_tot:
        return source.geldig_tot - datetime.timedelta(days=1)
    return day


@lru_cache(maxsize=8192)  # keyed by citation and version date: bounded, dates come from requests
def _citation_dict(citation: Citation) -> dict:
    return citation._as_dict()


def _parse_date(value) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _renumbering(data) -> Renumbering | None:
    if not data:
        return None
    return Renumbering(
        datum=_parse_date(data["datum"]),
        bron=str(data["bron"]),
        artikelen=tuple((str(old), str(new)) for old, new in data["artikelen"].items()),
    )


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
    if kind == "web" and not entry.get("gelezen"):
        problems.append(f"bron {source_id}: veld 'gelezen' (datum waarop de pagina is gelezen) ontbreekt")
    url = str(entry.get("url", ""))
    expected_prefix = {
        "bwb": f"https://wetten.overheid.nl/{source_id}",
        "stcrt": f"{ZOB}{source_id}.html",
        "stb": f"{ZOB}{source_id}.html",
        "kst": f"{ZOB}{source_id}.html",
        "celex": EURLEX + source_id,
        "web": "https://",
        "doc": "https://",
    }[kind]
    if url and url != expected_prefix and not (kind in ("web", "doc") and url.startswith("https://")):
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
            gelezen=_parse_date(entry.get("gelezen")),
            vernummering=_renumbering(entry.get("vernummering")),
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


@lru_cache(maxsize=8192)  # keyed by source, version date and locator: bounded
def citation_url(source_id: str, versie=None, **locator) -> str:
    """The URL of a citation; for a consolidated text (BWB) a juriconnect link, with ``&g=`` (geldigheidsdatum)
    when a version date is given, so it opens the text as it stood on that date."""
    source = get_source(source_id)
    locator = {key: str(value) for key, value in locator.items() if value is not None}
    _check_locator(source, locator)
    ordered = [(key, locator[key]) for key in LOCATOR_KEYS if key in locator]
    if source.kind == "bwb":
        query = [(k, v) for k, v in ordered if k in ("artikel", "lid")]
        if versie is not None:
            query.append(("g", _parse_date(versie).isoformat()))
        rest = [(k, v) for k, v in ordered if k not in ("artikel", "lid")]
        url = JCI + source_id + "".join(f"&{k}={quote(v, safe='.')}" for k, v in query)
        return url + ("#" + urlencode(rest) if rest else "")
    return source.url + ("#" + urlencode(ordered) if ordered else "")


def cite(source_id: str, **locator) -> str:
    """URL string for ``reference`` of a variable, e.g. cite("BWBR0011453", artikel="2.3a"). Undated: an
    explanation of a result on day D links to the version valid on D (``Citation.on``)."""
    return citation_url(source_id, **locator)


@lru_cache(maxsize=4096)  # the URLs of the rules, and of amendments sent to the API: bounded
def parse_reference(url: str) -> Citation:
    """Read a citation URL (as made by ``cite``) back into a Citation; raise CitationError if unknown."""
    if url.startswith(JCI):
        body, _, fragment = url[len(JCI):].partition("#")
        source_id, *params = body.split("&")
        locator = dict(unquote(p).split("=", 1) for p in params if "=" in p)
        versie = locator.pop("g", None)
        locator.update(parse_qsl(fragment))
    else:
        base, _, fragment = url.partition("#")
        matches = [s for s in load_registry().values() if s.url == base]
        if not matches:
            raise CitationError(f"verwijzing {show(url)} hoort bij geen geregistreerde bron")
        source_id = matches[0].id
        locator = dict(parse_qsl(fragment))
        versie = None
    source = get_source(source_id)
    _check_locator(source, locator)
    ordered = tuple((key, locator[key]) for key in LOCATOR_KEYS if key in locator)
    return Citation(source_id, ordered, _parse_date(versie))


def citation_from_mapping(data: dict) -> Citation:
    """A citation written in parameter metadata: {bron: ID, artikel: ..., lid: ...}."""
    if not isinstance(data, dict) or "bron" not in data:
        raise CitationError(f"bronvermelding {show(data)} mist het veld 'bron'")
    locator = {k: str(v) for k, v in data.items() if k != "bron"}
    source = get_source(str(data["bron"]))
    _check_locator(source, locator)
    ordered = tuple((key, locator[key]) for key in LOCATOR_KEYS if key in locator)
    return Citation(source.id, ordered)


def parameter_citations(metadata: dict, on=None) -> list[Citation]:
    """The citations in parameter metadata; with ``on`` (the date of a value or result) a consolidated text is
    cited in its version valid that day."""
    items = (metadata or {}).get("bronnen") or []
    citations = _citations_from_items(
        tuple(tuple(sorted((str(k), str(v)) for k, v in item.items())) if isinstance(item, dict) else item for item in items)
    )
    return [c.on(on) for c in citations]


@lru_cache(maxsize=4096)  # parameter metadata, also of amendments sent to the API: bounded
def _citations_from_items(items: tuple) -> tuple[Citation, ...]:
    return tuple(citation_from_mapping(dict(item) if isinstance(item, tuple) else item) for item in items)


def variable_citations(variable, on=None) -> list[Citation]:
    """The citations of a variable's ``reference``; with ``on`` a consolidated text in its version valid that day."""
    references = variable.reference or []
    if isinstance(references, str):
        references = [references]
    return [parse_reference(url).on(on) for url in references]
