"""A population of persons for budget runs: the file schema, loading and saving, and a synthetic generator.

Schema (CSV with a header row, or Parquet with the same column names); one row per person:

==============================================  =========  ==========================================================
column                                          required   meaning (OpenFisca variable it feeds)
==============================================  =========  ==========================================================
``id``                                          yes        unique text id of the person
``geboortedatum``                               yes        ``JJJJ-MM-DD`` (``geboortedatum``)
``opleidingsniveau``                            yes        highest completed education, one of the names of
                                                           ``Opleidingsniveau`` (``geen``, ``vmbo``, ``mbo_1`` ...
                                                           ``wo``) (``opleidingsniveau``)
``maanden_verzekerd``                           yes        months insured for the volksverzekeringen in the
                                                           STAP reference period, 0-24
                                                           (``stap_maanden_verzekerd_referteperiode``)
``stap_aanvraagdatum``                          no         date of the person's STAP application; empty: none
``stap_scholingskosten``                        no         EUR, catalogue price of that training
                                                           (``stap_scholingskosten``); default 0
``stap_ocw_erkend``                             no         0/1 (``stap_scholing_ocw_erkend``); default 0
``stap_in_scholingsregister``                   no         0/1 (``stap_scholing_in_scholingsregister``); default 1
``ontvangt_studiefinanciering``                 no         0/1 on the application date
                                                           (``ontvangt_studiefinanciering``); default 0
``halftijds_gewerkt``                           no         0/1, worked at least half-time in every year of the run
                                                           (``leerrekening_minstens_halftijds_gewerkt``); default 0
``leerrekening_scholingskosten_JJJJ``           no         EUR the person wants to pay from a leerrekening in year
                                                           JJJJ (``leerrekening_scholingskosten``); one column per
                                                           year, any number of years; default 0
``aanvraagvolgorde``                            no         order of receipt within the application day (any number;
                                                           lower is earlier); default: the row order
``gewicht``                                     no         how many real persons the row stands for; default 1
==============================================  =========  ==========================================================

A person makes at most one STAP application in the file (the model grants STAP once per calendar year). Lines
at the top of a CSV that start with ``#`` are comments (the generator writes there that the file is
synthetic); Parquet files carry the same text in the schema metadata key ``openfisca_llo``.

Loading reads whole columns (the ``csv`` module's C reader, transposed with ``zip``; or ``pyarrow``) and
converts each column with one numpy call: no Python loop over persons. Parquet needs the optional package
``pyarrow``; without it, use CSV.

The synthetic generator (:func:`generate`) and its assumptions are described in its docstring and in
``docs/handleidingen/budget.rst``.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import re
from pathlib import Path

import numpy as np

from openfisca_llo import formatting
from openfisca_llo.extras import require
from openfisca_llo.variables.algemeen.opleidingsniveau import Opleidingsniveau
from openfisca_llo.variables.levenlanglerenkrediet.levenlanglerenkrediet_inputs import (
    LevenlanglerenkredietNationaliteit,
    LevenlanglerenkredietOnderwijssoort,
)
from openfisca_llo.variables.praktijkleren.praktijkleren_inputs import PraktijklerenLeerweg
from openfisca_llo.variables.studievoorschotvoucher.studievoorschotvoucher_inputs import HogerOnderwijsGraad

LEVELS = [item.name for item in Opleidingsniveau]
REQUIRED = ["id", "geboortedatum", "opleidingsniveau", "maanden_verzekerd"]
OPTIONAL = [
    "stap_aanvraagdatum",
    "stap_scholingskosten",
    "stap_ocw_erkend",
    "stap_in_scholingsregister",
    "ontvangt_studiefinanciering",
    "halftijds_gewerkt",
    "aanvraagvolgorde",
    "gewicht",
]
LEERREKENING_COLUMN = re.compile(r"^leerrekening_scholingskosten_(\d{4})$")
#: Columns of the other schemes a budget costs: name -> (kind, default). A column named after an input
#: variable feeds that variable; ``aanvraagdatum_REGELING`` is the day of the person's application to that scheme
#: (empty: none; for a yearly scheme the year of the date is the year of the claim). Kinds: datum, getal, vlag,
#: geheel, or the list of names of an Enum.
SCHEME_COLUMNS: dict[str, tuple[object, object]] = {
    "aanvraagdatum_stap_ontwikkeladvies": ("datum", None),
    "aanvraagdatum_levenlanglerenkrediet": ("datum", None),  # first month of borrowing in the year
    "levenlanglerenkrediet_onderwijssoort": ([i.name for i in LevenlanglerenkredietOnderwijssoort], "hbo_deeltijd"),
    "levenlanglerenkrediet_nationaliteit": ([i.name for i in LevenlanglerenkredietNationaliteit], "nederlands"),
    "levenlanglerenkrediet_verschuldigd_les_of_collegegeld": ("getal", 0.0),
    "levenlanglerenkrediet_opleiding_erkend": ("vlag", True),
    "levenlanglerenkrediet_zonder_onderbreking": ("vlag", False),
    "levenlanglerenkrediet_ho_diploma_behaald": ("vlag", False),
    "aanvraagdatum_scholingsaftrek": ("datum", None),
    "scholingsuitgaven": ("getal", 0.0),
    "scholingsuitgaven_binnen_standaardstudieperiode": ("vlag", False),
    "aanvraagdatum_omscholing_ict_techniek": ("datum", None),
    "omscholing_naar_kansrijk_beroep": ("vlag", False),
    "omscholing_eerder_werkzaam_in_beroepssegment": ("vlag", False),
    "omscholing_voortgezet_onderwijs_laatste_twee_jaar": ("vlag", False),
    "omscholing_minstens_helft_werktijd_nieuw_beroep": ("vlag", False),
    "omscholing_startdatum_opleiding": ("datum", None),
    "omscholing_kosten_traject": ("getal", 0.0),
    "aanvraagdatum_praktijkleren": ("datum", None),
    "praktijkleren_leerweg": ([i.name for i in PraktijklerenLeerweg], "geen"),
    "praktijkleren_hbo_sector_subsidiabel": ("vlag", False),
    "praktijkleren_bedrag_voor_maximum": ("getal", 0.0),
    "aanvraagdatum_evc_overbrugging": ("datum", None),  # the start day of the EVC procedure
    "aanvraagdatum_evc_subsidieregeling": ("datum", None),
    "evc_startdatum": ("datum", None),
    "evc_afgerond_op": ("datum", None),
    "evc_kosten": ("getal", 0.0),
    "aanvraagdatum_studievoorschotvoucher": ("datum", None),
    "ho_instroomjaar": ("geheel", 0),
    "ho_graad": ([i.name for i in HogerOnderwijsGraad], "geen"),
    "ho_datum_afstuderen": ("datum", None),
    "studievoorschotvoucher_opleiding_geaccrediteerd_ho": ("vlag", False),
    "ontvangt_lerarenbeurs": ("vlag", False),
}
MAX_MONTHS = 24


class PopulationError(ValueError):
    """A population file that cannot be used; the message names the column, the row and what is allowed."""


@dataclasses.dataclass
class Population:
    """One numpy array per column, all of the same length (one element per person)."""

    id: np.ndarray  # str (int64 row numbers in a generated chunk of a budget run)
    geboortedatum: np.ndarray  # datetime64[D]
    opleidingsniveau: np.ndarray  # int16 index into Opleidingsniveau
    maanden_verzekerd: np.ndarray  # int32
    stap_aanvraagdatum: np.ndarray  # datetime64[D], NaT = no application
    stap_scholingskosten: np.ndarray  # float64
    stap_ocw_erkend: np.ndarray  # bool
    stap_in_scholingsregister: np.ndarray  # bool
    ontvangt_studiefinanciering: np.ndarray  # bool
    halftijds_gewerkt: np.ndarray  # bool
    aanvraagvolgorde: np.ndarray  # float64
    gewicht: np.ndarray  # float64
    leerrekening_scholingskosten: dict[int, np.ndarray] = dataclasses.field(default_factory=dict)
    description: str = ""  # free text, e.g. that the population is synthetic
    kolommen: dict[str, np.ndarray] = dataclasses.field(default_factory=dict)  # SCHEME_COLUMNS present
    eerste_rij: int = 0  # global number of the first row (a chunk of a larger population)

    def __len__(self) -> int:
        return len(self.id)

    @property
    def synthetic(self) -> bool:
        return "synthetisch" in self.description.lower()

    def take(self, index) -> Population:
        """The persons at ``index`` (an integer or boolean array), as a new population."""
        fields = {f.name: getattr(self, f.name)[index] for f in dataclasses.fields(self)
                  if isinstance(getattr(self, f.name), np.ndarray)}
        return Population(**fields, leerrekening_scholingskosten={y: a[index] for y, a in self.leerrekening_scholingskosten.items()},
                          description=self.description, kolommen={k: a[index] for k, a in self.kolommen.items()},
                          eerste_rij=self.eerste_rij)

    def column(self, name: str) -> np.ndarray:
        """A scheme column, or its default for every person when the file does not have it."""
        if name in self.kolommen:
            return self.kolommen[name]
        kind, default = SCHEME_COLUMNS[name]
        if kind == "datum":
            return np.full(len(self), np.datetime64("NaT"), dtype="datetime64[D]")
        if isinstance(kind, list):
            return np.full(len(self), kind.index(default), dtype=np.int16)
        dtype = {"getal": np.float64, "vlag": bool, "geheel": np.int64}[kind]
        return np.full(len(self), default, dtype=dtype)

    def applicants(self, year: int | None = None) -> np.ndarray:
        """Indices of persons with a STAP application (in ``year`` if given)."""
        has = ~np.isnat(self.stap_aanvraagdatum)
        if year is not None:
            has &= self.stap_aanvraagdatum.astype("datetime64[Y]").astype(int) + 1970 == year
        return np.flatnonzero(has)

    def years(self) -> list[int]:
        """Years with applications (STAP or another scheme) or leerrekening spending in the file."""
        columns = [self.stap_aanvraagdatum] + [v for k, v in self.kolommen.items() if k.startswith("aanvraagdatum_")]
        years = set()
        for values in columns:
            dates = values[~np.isnat(values)]
            years |= set((np.unique(dates.astype("datetime64[Y]").astype(int)) + 1970).tolist())
        return sorted(years | set(self.leerrekening_scholingskosten))


# ---- conversion of text columns ---------------------------------------------------------------------------------


def _first_bad(values, check) -> int:
    """Row number (1-based, header excluded) of the first value failing ``check``; used only to report errors."""
    for position, value in enumerate(values):
        if not check(value):
            return position + 1
    return 0


def _valid_date(value) -> bool:
    if value in ("", None):
        return True
    try:
        datetime.date.fromisoformat(str(value))
        return True
    except ValueError:
        return False


def _valid_number(value) -> bool:
    if value in ("", None):
        return True
    try:
        float(value)
        return True
    except ValueError:
        return False


def _dates(name: str, values, required: bool) -> np.ndarray:
    array = np.asarray(values)
    if array.dtype.kind == "M":
        result = array.astype("datetime64[D]")
    else:
        try:
            result = np.asarray(array.astype(str), dtype="datetime64[D]")
        except ValueError:
            row = _first_bad(values, _valid_date)
            raise PopulationError(f"kolom {name!r}, rij {row}: {str(values[row - 1])!r} is geen datum JJJJ-MM-DD") from None
    if required and np.isnat(result).any():
        row = int(np.flatnonzero(np.isnat(result))[0]) + 1
        raise PopulationError(f"kolom {name!r}, rij {row}: verplicht, verwacht een datum JJJJ-MM-DD")
    if len(result) and (~np.isnat(result)).any():
        years = result[~np.isnat(result)].astype("datetime64[Y]").astype(int) + 1970
        if years.min() < 1900 or years.max() > 2100:
            raise PopulationError(f"kolom {name!r}: datum buiten het ondersteunde bereik 1900-2100")
    return result


def _numbers(name: str, values, default: float, minimum: float | None = 0.0) -> np.ndarray:
    array = np.asarray(values)
    if array.dtype.kind in "fiub":
        result = array.astype(np.float64)
    else:
        text = array.astype(str)
        text = np.where(np.char.strip(text) == "", str(default), text)
        try:
            result = text.astype(np.float64)
        except ValueError:
            row = _first_bad(values, _valid_number)
            raise PopulationError(f"kolom {name!r}, rij {row}: {str(values[row - 1])!r} is geen getal") from None
    bad = ~np.isfinite(result)
    if minimum is not None:
        bad |= result < minimum
    if bad.any():
        row = int(np.flatnonzero(bad)[0]) + 1
        limit = f" van {minimum:g} of meer" if minimum is not None else ""
        raise PopulationError(f"kolom {name!r}, rij {row}: verwacht een eindig getal{limit}, kreeg {float(result[row - 1])!r}")
    return result


def _flags(name: str, values, default: bool) -> np.ndarray:
    array = np.asarray(values)
    if array.dtype.kind == "b":
        return array.astype(bool)
    if array.dtype.kind in "fiu":
        text = array.astype(np.int64).astype(str)
    else:
        text = np.char.lower(np.char.strip(array.astype(str)))
    text = np.where(text == "", "1" if default else "0", text)
    true = np.isin(text, ["1", "true", "ja", "waar"])
    false = np.isin(text, ["0", "false", "nee", "onwaar"])
    if not (true | false).all():
        row = int(np.flatnonzero(~(true | false))[0]) + 1
        raise PopulationError(f"kolom {name!r}, rij {row}: verwacht 0 of 1, kreeg {str(array[row - 1])!r}")
    return true


def _levels(values) -> np.ndarray:
    array = np.asarray(values)
    if array.dtype.kind in "iu":
        codes = array.astype(np.int16)
        if len(codes) and (codes.min() < 0 or codes.max() >= len(LEVELS)):
            raise PopulationError(f"kolom 'opleidingsniveau': code buiten 0-{len(LEVELS) - 1}")
        return codes
    text = np.char.strip(array.astype(str))
    names, inverse = np.unique(text, return_inverse=True)
    unknown = [n for n in names if n not in LEVELS]
    if unknown:
        row = int(np.flatnonzero(text == unknown[0])[0]) + 1
        raise PopulationError(f"kolom 'opleidingsniveau', rij {row}: onbekende waarde {str(unknown[0])!r}; toegestaan: {LEVELS}")
    lookup = np.array([LEVELS.index(n) for n in names], dtype=np.int16)  # a loop over the distinct values only
    return lookup[inverse.reshape(-1)]


def from_columns(columns: dict, description: str = "") -> Population:
    """A checked population from a mapping column name -> sequence (text as read from CSV, or typed arrays)."""
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise PopulationError(f"verplichte kolom(men) ontbreken: {missing}; verplicht: {REQUIRED}")
    known = set(REQUIRED) | set(OPTIONAL) | set(SCHEME_COLUMNS)
    unknown = [c for c in columns if c not in known and not LEERREKENING_COLUMN.match(c)]
    if unknown:
        raise PopulationError(
            f"onbekende kolom(men): {unknown}; toegestaan: {REQUIRED + OPTIONAL}, leerrekening_scholingskosten_JJJJ "
            f"en de kolommen van de andere regelingen ({sorted(SCHEME_COLUMNS)})"
        )
    ids = np.asarray(columns["id"]).astype(str)
    n = len(ids)
    for name, values in columns.items():
        if len(values) != n:
            raise PopulationError(f"kolom {name!r} heeft {len(values)} waarden, kolom 'id' {n}")
    if n == 0:
        raise PopulationError("de populatie is leeg")
    if len(np.unique(ids)) != n:
        raise PopulationError("kolom 'id': elke persoon moet een eigen id hebben (dubbele ids gevonden)")

    def optional(name):
        return columns[name] if name in columns else np.full(n, "", dtype=object)

    months = _numbers("maanden_verzekerd", columns["maanden_verzekerd"], 0)
    if (months > MAX_MONTHS).any() or (months != np.round(months)).any():
        row = int(np.flatnonzero((months > MAX_MONTHS) | (months != np.round(months)))[0]) + 1
        raise PopulationError(f"kolom 'maanden_verzekerd', rij {row}: verwacht een geheel getal van 0 tot en met {MAX_MONTHS}")
    weights = _numbers("gewicht", optional("gewicht"), 1.0)
    if (weights <= 0).any():
        raise PopulationError(f"kolom 'gewicht', rij {int(np.flatnonzero(weights <= 0)[0]) + 1}: verwacht een getal groter dan 0")
    order = columns.get("aanvraagvolgorde")
    order = np.arange(n, dtype=np.float64) if order is None else _numbers("aanvraagvolgorde", order, 0.0, minimum=None)
    leerrekening = {}
    for name in sorted(columns):
        match = LEERREKENING_COLUMN.match(name)
        if match:
            leerrekening[int(match.group(1))] = _numbers(name, columns[name], 0.0)
    return Population(
        id=ids,
        geboortedatum=_dates("geboortedatum", columns["geboortedatum"], required=True),
        opleidingsniveau=_levels(columns["opleidingsniveau"]),
        maanden_verzekerd=months.astype(np.int32),
        stap_aanvraagdatum=_dates("stap_aanvraagdatum", optional("stap_aanvraagdatum"), required=False),
        stap_scholingskosten=_numbers("stap_scholingskosten", optional("stap_scholingskosten"), 0.0),
        stap_ocw_erkend=_flags("stap_ocw_erkend", optional("stap_ocw_erkend"), False),
        stap_in_scholingsregister=_flags("stap_in_scholingsregister", optional("stap_in_scholingsregister"), True),
        ontvangt_studiefinanciering=_flags("ontvangt_studiefinanciering", optional("ontvangt_studiefinanciering"), False),
        halftijds_gewerkt=_flags("halftijds_gewerkt", optional("halftijds_gewerkt"), False),
        aanvraagvolgorde=order,
        gewicht=weights,
        leerrekening_scholingskosten=leerrekening,
        description=description,
        kolommen={name: _scheme_column(name, values) for name, values in columns.items() if name in SCHEME_COLUMNS},
    )


def _scheme_column(name: str, values) -> np.ndarray:
    kind, default = SCHEME_COLUMNS[name]
    if kind == "datum":
        return _dates(name, values, required=False)
    if kind == "getal":
        return _numbers(name, values, default)
    if kind == "vlag":
        return _flags(name, values, default)
    if kind == "geheel":
        return _numbers(name, values, default).astype(np.int64)
    array = np.asarray(values)
    if array.dtype.kind in "iu":
        codes = array.astype(np.int16)
        if len(codes) and (codes.min() < 0 or codes.max() >= len(kind)):
            raise PopulationError(f"kolom {name!r}: code buiten 0-{len(kind) - 1}")
        return codes
    text = np.char.strip(array.astype(str))
    text = np.where(text == "", default, text)
    names, inverse = np.unique(text, return_inverse=True)
    bad = [n for n in names if n not in kind]
    if bad:
        row = int(np.flatnonzero(text == bad[0])[0]) + 1
        raise PopulationError(f"kolom {name!r}, rij {row}: onbekende waarde {str(bad[0])!r}; toegestaan: {kind}")
    return np.array([kind.index(n) for n in names], dtype=np.int16)[inverse.reshape(-1)]


def _scheme_text(name: str, values: np.ndarray) -> np.ndarray:
    kind, _ = SCHEME_COLUMNS[name]
    if kind == "datum":
        text = values.astype(str)
        return np.where(text == "NaT", "", text)
    if kind == "vlag":
        return np.where(values, "1", "0")
    if kind == "getal":
        return np.round(values, 2).astype(str)
    if isinstance(kind, list):
        return np.array(kind)[values]
    return values.astype(str)


# ---- files ------------------------------------------------------------------------------------------------------


def _is_parquet(path) -> bool:
    return str(path).lower().endswith((".parquet", ".pq"))


def _pyarrow():
    return require("pyarrow.parquet", "pyarrow")


def load(path) -> Population:
    """Read a population from CSV (``.csv``, optionally with ``#`` comment lines at the top) or Parquet."""
    path = Path(path)
    if _is_parquet(path):
        parquet = _pyarrow()
        table = parquet.read_table(path)
        metadata = table.schema.metadata or {}
        description = metadata.get(b"openfisca_llo", b"").decode("utf-8")
        columns = {}
        for name in table.column_names:
            column = table.column(name)
            if str(column.type).startswith("date"):
                columns[name] = np.array(column.to_pylist(), dtype="datetime64[D]") if column.null_count else (
                    column.to_numpy(zero_copy_only=False).astype("datetime64[D]"))
            else:
                columns[name] = column.to_numpy(zero_copy_only=False)
        return from_columns(columns, description)
    with open(path, encoding="utf-8", newline="") as handle:
        comments = []
        position = handle.tell()
        line = handle.readline()
        while line.startswith("#"):
            comments.append(line[1:].strip())
            position = handle.tell()
            line = handle.readline()
        handle.seek(position)
        reader = csv.reader(handle)
        header = next(reader, None)
        if not header:
            raise PopulationError(f"{path}: leeg bestand; verwacht een kopregel met {REQUIRED}")
        header = [h.strip() for h in header]
        if len(set(header)) != len(header):
            raise PopulationError(f"{path}: dubbele kolomnamen in de kopregel")
        rows = list(reader)
    widths = {len(r) for r in rows}
    if widths - {len(header)}:
        bad = next(i for i, r in enumerate(rows) if len(r) != len(header))
        raise PopulationError(f"{path}, rij {bad + 1}: {len(rows[bad])} velden, de kopregel heeft er {len(header)}")
    transposed = list(zip(*rows, strict=True)) if rows else [() for _ in header]
    columns = {name: np.array(values, dtype=str) for name, values in zip(header, transposed, strict=True)}
    return from_columns(columns, "\n".join(comments))


def _text_columns(population: Population) -> dict[str, np.ndarray]:
    def flag(values):
        return np.where(values, "1", "0")

    def money(values):
        return np.round(values, 2).astype(str)

    dates = population.stap_aanvraagdatum.astype(str)
    columns = {
        "id": population.id.astype(str),
        "geboortedatum": population.geboortedatum.astype(str),
        "opleidingsniveau": np.array(LEVELS)[population.opleidingsniveau],
        "maanden_verzekerd": population.maanden_verzekerd.astype(str),
        "stap_aanvraagdatum": np.where(dates == "NaT", "", dates),
        "stap_scholingskosten": money(population.stap_scholingskosten),
        "stap_ocw_erkend": flag(population.stap_ocw_erkend),
        "stap_in_scholingsregister": flag(population.stap_in_scholingsregister),
        "ontvangt_studiefinanciering": flag(population.ontvangt_studiefinanciering),
        "halftijds_gewerkt": flag(population.halftijds_gewerkt),
        "aanvraagvolgorde": population.aanvraagvolgorde.astype(str),
        "gewicht": population.gewicht.astype(str),
    }
    for year, values in sorted(population.leerrekening_scholingskosten.items()):
        columns[f"leerrekening_scholingskosten_{year}"] = money(values)
    for name, values in population.kolommen.items():
        columns[name] = _scheme_text(name, values)
    return columns


def save(population: Population, path) -> Path:
    """Write a population as CSV, or as Parquet when the name ends in ``.parquet`` (needs pyarrow)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if _is_parquet(path):
        parquet = _pyarrow()
        import pyarrow as pa

        arrays = {
            "id": pa.array(population.id.astype(str)),
            "geboortedatum": pa.array(population.geboortedatum, type=pa.date32()),
            "opleidingsniveau": pa.array(np.array(LEVELS)[population.opleidingsniveau]),
            "maanden_verzekerd": pa.array(population.maanden_verzekerd),
            "stap_aanvraagdatum": pa.array(population.stap_aanvraagdatum, type=pa.date32(),
                                           mask=np.isnat(population.stap_aanvraagdatum)),
            "stap_scholingskosten": pa.array(population.stap_scholingskosten),
            "stap_ocw_erkend": pa.array(population.stap_ocw_erkend),
            "stap_in_scholingsregister": pa.array(population.stap_in_scholingsregister),
            "ontvangt_studiefinanciering": pa.array(population.ontvangt_studiefinanciering),
            "halftijds_gewerkt": pa.array(population.halftijds_gewerkt),
            "aanvraagvolgorde": pa.array(population.aanvraagvolgorde),
            "gewicht": pa.array(population.gewicht),
        }
        for year, values in sorted(population.leerrekening_scholingskosten.items()):
            arrays[f"leerrekening_scholingskosten_{year}"] = pa.array(values)
        for name, values in population.kolommen.items():
            kind, _ = SCHEME_COLUMNS[name]
            if kind == "datum":
                arrays[name] = pa.array(values, type=pa.date32(), mask=np.isnat(values))
            elif isinstance(kind, list):
                arrays[name] = pa.array(np.array(kind)[values])
            else:
                arrays[name] = pa.array(values)
        table = pa.table(arrays).replace_schema_metadata({"openfisca_llo": population.description})
        parquet.write_table(table, path)
        return path
    columns = _text_columns(population)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(columns))
    writer.writerows(zip(*columns.values(), strict=True))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for line in population.description.splitlines():
            handle.write(f"# {line}\n")
        handle.write(buffer.getvalue())
    return path


# ---- the synthetic generator ------------------------------------------------------------------------------------

#: Persons from 18 to the AOW age that a synthetic population stands for. ASSUMPTION (order of magnitude of the
#: Dutch population aged 18-66 in 2023; no source in this project's registry).
POPULATION_18_TO_AOW = 11_000_000
#: Share of persons aged 18 to AOW age who apply for STAP in the year. ASSUMPTION: no figure on the number of
#: applications is in the sources; the 23 Sept 2022 letter says each 2022 tijdvak was sold out within days.
APPLICATION_RATE = 0.03
#: Among applicants: share aged 50 or older. CITED: "bijna een kwart is 50 jaar of ouder" (Kamerbrief
#: Beleidslijnen LLO, 23 September 2022, ref. 2022-0000194169); 'nearly a quarter' read as 23%.
APPLICANTS_50_PLUS = 0.23
#: Among applicants: share with at most an mbo-4 background. CITED: "meer dan de helft maximaal een mbo-4
#: achtergrond" (same letter); 'more than half' read as 55%, and 'at most mbo-4' as geen, vmbo and mbo 1-4.
APPLICANTS_AT_MOST_MBO4 = 0.55
AT_MOST_MBO4 = ["geen", "vmbo", "mbo_1", "mbo_2", "mbo_3", "mbo_4"]
#: Highest completed education of the whole population aged 18 to AOW age. ASSUMPTION (round shares of the
#: order seen in Dutch labour-force statistics; no source in the registry).
EDUCATION_SHARES = {
    "geen": 0.07, "vmbo": 0.10, "mbo_1": 0.02, "mbo_2": 0.09, "mbo_3": 0.08, "mbo_4": 0.17,
    "havo": 0.06, "vwo": 0.04, "hbo": 0.23, "wo": 0.14,
}
#: Ages (on 1 January of the application year) of persons who do not apply: uniform 18-66. ASSUMPTION.
MIN_AGE, MAX_AGE = 18, 66
#: STAP tijdvak opening days per year. 2022: a tijdvak every two months from 1 March (Kamerstuk 30012, nr. 142);
#: 2023: the start dates of the subsidieplafond per tijdvak (parameter stap.subsidieplafond_per_tijdvak).
#: Other years (only the scenario stap_voortgezet has tijdvakken after 2023): the 2022 rhythm (ASSUMPTION).
#: Applications are spread evenly over the tijdvakken of the year (ASSUMPTION).
TIJDVAK_STARTS = {
    2022: ["2022-03-01", "2022-05-01", "2022-07-01", "2022-09-01", "2022-11-01"],
    2023: ["2023-03-17", "2023-05-01", "2023-07-03", "2023-09-18", "2023-11-15"],
}


def tijdvak_starts(year: int) -> list[str]:
    return TIJDVAK_STARTS.get(year, [f"{year}-{month:02d}-01" for month in (3, 5, 7, 9, 11)])
#: Days after the opening of a tijdvak on which applications arrive: geometric with mean 3 days. ASSUMPTION,
#: after "telkens binnen enkele dagen uitverkocht" (letter of 23 September 2022).
MEAN_ARRIVAL_DAYS = 3.0
#: Catalogue price of the training applied for: lognormal, median EUR 900, sigma 0.7, between EUR 25 and
#: EUR 15,000. ASSUMPTION.
COST_MEDIAN, COST_SIGMA, COST_MIN, COST_MAX = 900.0, 0.7, 25.0, 15_000.0
#: Share of applications for training in the scholingsregister. ASSUMPTION (applicants choose from the register).
IN_REGISTER = 0.98
#: Share of OCW-recognised training before 18 September 2023 (ASSUMPTION); from that date only recognised
#: training is subsidised (Stcrt. 2023, 20707) and the generator assumes applicants chose such training.
OCW_RECOGNISED_BEFORE = 0.40
OCW_RECOGNISED_FROM = "2023-09-18"
#: Share of applicants insured all 24 months of the reference period; the others uniform 0-23. ASSUMPTION.
FULLY_INSURED = 0.96
#: Share receiving studiefinanciering among persons aged 18-29. ASSUMPTION.
STUDIEFINANCIERING_UNDER_30 = 0.03
#: Share working at least half-time (leerrekening deposit condition). ASSUMPTION.
HALF_TIME = 0.65
#: Leerrekening years with spending columns, and the yearly share spending from the account. ASSUMPTION;
#: spending amounts are drawn like STAP training costs.
LEERREKENING_YEARS = list(range(2027, 2032))
LEERREKENING_SPEND_RATE = 0.08


def _birth_dates(rng, reference_year: int, ages: np.ndarray) -> np.ndarray:
    """Birth dates giving exactly ``ages`` (whole years) on 1 January of ``reference_year``: born between
    2 January and 31 December of the year ``reference_year - age - 1``, uniformly."""
    years = (reference_year - ages - 1 - 1970).astype("datetime64[Y]")
    days = rng.integers(1, 365, size=len(ages)).astype("timedelta64[D]")
    return years.astype("datetime64[D]") + days


def _costs(rng, n: int) -> np.ndarray:
    costs = rng.lognormal(np.log(COST_MEDIAN), COST_SIGMA, size=n)
    return np.round(np.clip(costs, COST_MIN, COST_MAX), 2)


def _education(rng, n: int, levels: list[str]) -> np.ndarray:
    shares = np.array([EDUCATION_SHARES[level] for level in levels])
    choice = rng.choice(len(levels), size=n, p=shares / shares.sum())
    return np.array([LEVELS.index(level) for level in levels], dtype=np.int16)[choice]


#: Other schemes (all ASSUMPTIONS: the sources give no participation figures; see docs/handleidingen/budget.rst).
#: Yearly share of persons who apply, the age or education group they come from, and their inputs.
ONTWIKKELADVIES_RATE = 0.005  # of persons with at most mbo-2
LLK_RATE, LLK_AGES = 0.002, (30, 55)  # borrowers, first borrowing month uniform over the year
LLK_FEE_MEDIAN = 2_500.0  # tuition owed per study year, lognormal sigma 0.5
SCHOLINGSAFTREK_RATE, SCHOLINGSAFTREK_MEDIAN = 0.04, 1_500.0  # lognormal sigma 0.8, EUR 100 - 15,000
OMSCHOLING_RATE = 0.0002  # traject costs uniform EUR 7,500 - 15,000, start 30 days after the application
PRAKTIJKLEREN_RATE, PRAKTIJKLEREN_AGES = 0.01, (18, 30)  # 70% mbo-bbl, 30% hbo duaal/deeltijd (half in a sector);
#: amount before the maximum uniform EUR 1,500 - 4,000
EVC_RATE = 0.0005  # procedure of 60 days, costs uniform EUR 800 - 1,500, applied for on completion
VOUCHER_RATE, VOUCHER_AGES = 0.003, (22, 32)  # instroom 2015-2017, hbo bachelor or wo master, 4-5 years


def _uniform_dates(rng, year: int, n: int) -> np.ndarray:
    """``n`` days drawn uniformly over ``year``."""
    start = np.datetime64(f"{year}-01-01", "D")
    days = int((np.datetime64(f"{year + 1}-01-01", "D") - start).astype(int))
    return start + rng.integers(0, days, size=n).astype("timedelta64[D]")


class _Draws:
    """Draws for the persons who take part in a scheme; everyone else keeps the column's default."""

    def __init__(self, rng, year: int, n: int):
        self.rng, self.year, self.n = rng, year, n

    def pick(self, eligible: np.ndarray, rate: float) -> np.ndarray:
        """The indices of the eligible persons who apply, each with probability ``rate``."""
        return np.flatnonzero(eligible & (self.rng.random(self.n) < rate))

    def spread(self, chosen, values, default, dtype) -> np.ndarray:
        """A column with ``values`` for the ``chosen`` persons and ``default`` for everyone else."""
        out = np.full(self.n, default, dtype=dtype)
        out[chosen] = values
        return out

    def dates(self, chosen, values) -> np.ndarray:
        return self.spread(chosen, values, np.datetime64("NaT"), "datetime64[D]")

    def euros(self, chosen, amounts) -> np.ndarray:
        """A money column: ``amounts`` rounded to the cent for the ``chosen`` persons, 0 for everyone else."""
        return self.spread(chosen, np.round(amounts, 2), 0.0, np.float64)

    def uniform_dates(self, k: int) -> np.ndarray:
        return _uniform_dates(self.rng, self.year, k)


def _ontwikkeladvies_columns(d: _Draws, ages, education) -> dict[str, np.ndarray]:
    low = np.isin(education, [LEVELS.index(x) for x in ("geen", "vmbo", "mbo_1", "mbo_2")])
    chosen = d.pick(low, ONTWIKKELADVIES_RATE)
    return {"aanvraagdatum_stap_ontwikkeladvies": d.dates(chosen, d.uniform_dates(len(chosen)))}


def _levenlanglerenkrediet_columns(d: _Draws, ages, education) -> dict[str, np.ndarray]:
    rng = d.rng
    chosen = d.pick((ages >= LLK_AGES[0]) & (ages <= LLK_AGES[1]), LLK_RATE)
    k = len(chosen)
    first = (np.datetime64(f"{d.year}-01", "M") + rng.integers(0, 12, size=k).astype("timedelta64[M]")).astype("datetime64[D]")
    cols = {"aanvraagdatum_levenlanglerenkrediet": d.dates(chosen, first)}
    kinds = [i.name for i in LevenlanglerenkredietOnderwijssoort]
    options = np.array([kinds.index(x) for x in ("hbo_deeltijd", "wo_deeltijd", "hbo_voltijd", "mbo_bol")])
    cols["levenlanglerenkrediet_onderwijssoort"] = d.spread(chosen, options[rng.integers(0, len(options), size=k)],
                                                            kinds.index("hbo_deeltijd"), np.int16)
    fees = rng.lognormal(np.log(LLK_FEE_MEDIAN), 0.5, size=k)
    cols["levenlanglerenkrediet_verschuldigd_les_of_collegegeld"] = d.euros(chosen, fees)
    cols["levenlanglerenkrediet_opleiding_erkend"] = d.spread(chosen, True, False, bool)
    cols["levenlanglerenkrediet_ho_diploma_behaald"] = d.spread(chosen, rng.random(k) < 0.5, False, bool)
    return cols


def _scholingsaftrek_columns(d: _Draws, ages, education) -> dict[str, np.ndarray]:
    chosen = d.pick(np.ones(d.n, dtype=bool), SCHOLINGSAFTREK_RATE)
    k = len(chosen)
    cols = {"aanvraagdatum_scholingsaftrek": d.dates(chosen, d.uniform_dates(k))}
    spending = np.clip(d.rng.lognormal(np.log(SCHOLINGSAFTREK_MEDIAN), 0.8, size=k), 100, 15_000)
    cols["scholingsuitgaven"] = d.euros(chosen, spending)
    return cols


def _omscholing_columns(d: _Draws, ages, education) -> dict[str, np.ndarray]:
    chosen = d.pick((ages >= 20) & (ages <= 60), OMSCHOLING_RATE)
    k = len(chosen)
    applied = d.uniform_dates(k)
    return {
        "aanvraagdatum_omscholing_ict_techniek": d.dates(chosen, applied),
        "omscholing_naar_kansrijk_beroep": d.spread(chosen, True, False, bool),
        "omscholing_minstens_helft_werktijd_nieuw_beroep": d.spread(chosen, True, False, bool),
        "omscholing_startdatum_opleiding": d.dates(chosen, applied + np.timedelta64(30, "D")),
        "omscholing_kosten_traject": d.euros(chosen, d.rng.uniform(7_500, 15_000, size=k)),
    }


def _praktijkleren_columns(d: _Draws, ages, education) -> dict[str, np.ndarray]:
    rng = d.rng
    chosen = d.pick((ages >= PRAKTIJKLEREN_AGES[0]) & (ages <= PRAKTIJKLEREN_AGES[1]), PRAKTIJKLEREN_RATE)
    k = len(chosen)
    cols = {"aanvraagdatum_praktijkleren": d.dates(chosen, d.uniform_dates(k))}
    ways = [i.name for i in PraktijklerenLeerweg]
    hbo = rng.random(k) < 0.3
    cols["praktijkleren_leerweg"] = d.spread(
        chosen, np.where(hbo, ways.index("hbo_duaal_of_deeltijd"), ways.index("mbo_bbl")), ways.index("geen"), np.int16)
    cols["praktijkleren_hbo_sector_subsidiabel"] = d.spread(chosen, hbo & (rng.random(k) < 0.5), False, bool)
    cols["praktijkleren_bedrag_voor_maximum"] = d.euros(chosen, rng.uniform(1_500, 4_000, size=k))
    return cols


def _evc_columns(d: _Draws, ages, education) -> dict[str, np.ndarray]:
    chosen = d.pick(np.ones(d.n, dtype=bool), EVC_RATE)
    k = len(chosen)
    start = d.uniform_dates(k)
    return {
        "evc_startdatum": d.dates(chosen, start),
        "evc_afgerond_op": d.dates(chosen, start + np.timedelta64(60, "D")),
        "aanvraagdatum_evc_overbrugging": d.dates(chosen, start),
        "aanvraagdatum_evc_subsidieregeling": d.dates(chosen, start + np.timedelta64(60, "D")),
        "evc_kosten": d.euros(chosen, d.rng.uniform(800, 1_500, size=k)),
    }


def _studievoorschotvoucher_columns(d: _Draws, ages, education) -> dict[str, np.ndarray]:
    rng = d.rng
    chosen = d.pick((ages >= VOUCHER_AGES[0]) & (ages <= VOUCHER_AGES[1]), VOUCHER_RATE)
    k = len(chosen)
    cols = {"aanvraagdatum_studievoorschotvoucher": d.dates(chosen, d.uniform_dates(k))}
    intake = rng.integers(2015, 2018, size=k)
    grades = [i.name for i in HogerOnderwijsGraad]
    wo = rng.random(k) < 0.4
    cols["ho_instroomjaar"] = d.spread(chosen, intake, 0, np.int64)
    cols["ho_graad"] = d.spread(chosen, np.where(wo, grades.index("wo_master"), grades.index("hbo_bachelor")),
                                grades.index("geen"), np.int16)
    graduation = (intake + np.where(wo, 5, 4) - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    cols["ho_datum_afstuderen"] = d.dates(chosen, graduation + np.timedelta64(180, "D"))
    cols["studievoorschotvoucher_opleiding_geaccrediteerd_ho"] = d.spread(chosen, True, False, bool)
    return cols


#: The schemes in the order they draw from the random stream (a new scheme goes at the end, so the others keep
#: their values for a given seed).
_SCHEME_DRAWS = (
    _ontwikkeladvies_columns,
    _levenlanglerenkrediet_columns,
    _scholingsaftrek_columns,
    _omscholing_columns,
    _praktijkleren_columns,
    _evc_columns,
    _studievoorschotvoucher_columns,
)


def scheme_columns(rng, year: int, ages: np.ndarray, education: np.ndarray) -> dict[str, np.ndarray]:
    """The SCHEME_COLUMNS of a synthetic population for ``year`` (see the rate constants above). Values are drawn
    only for the persons who take part (a few percent), so a chunk of a large population is cheap to make."""
    draws = _Draws(rng, year, len(ages))
    cols: dict[str, np.ndarray] = {}
    for scheme in _SCHEME_DRAWS:
        cols |= scheme(draws, ages, education)
    # a column equal to its default everywhere is left out (the file stays small; Population.column supplies it)
    return {k: v for k, v in cols.items() if not _all_default(k, v)}


def _all_default(name: str, values: np.ndarray) -> bool:
    kind, default = SCHEME_COLUMNS[name]
    if kind == "datum":
        return bool(np.isnat(values).all())
    if isinstance(kind, list):
        return bool((values == kind.index(default)).all())
    return bool((values == default).all())


def _persons(rng, stap_year: int, applies: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ages (applicants: 23% aged 50 or older), birth dates and education levels (applicants: 55% at most mbo-4)."""
    size, n_app = len(applies), int(applies.sum())
    ages = rng.integers(MIN_AGE, MAX_AGE + 1, size=size)  # non-applicants: uniform
    older = rng.random(size) < APPLICANTS_50_PLUS
    applicant_ages = np.where(older, rng.integers(50, MAX_AGE + 1, size=size), rng.integers(MIN_AGE, 50, size=size))
    ages = np.where(applies, applicant_ages, ages)
    birth = _birth_dates(rng, stap_year, ages)

    education = _education(rng, size, list(EDUCATION_SHARES))
    low = rng.random(size) < APPLICANTS_AT_MOST_MBO4
    high_levels = [level for level in EDUCATION_SHARES if level not in AT_MOST_MBO4]
    applicant_education = np.where(low[applies], _education(rng, n_app, AT_MOST_MBO4), _education(rng, n_app, high_levels))
    education = education.astype(np.int16)
    education[applies] = applicant_education
    return ages, birth, education


def _application_dates(rng, stap_year: int, applies: np.ndarray) -> np.ndarray:
    """STAP application dates: a tijdvak drawn evenly, arriving a geometric number of days after it opens (within
    the tijdvak); NaT for those who do not apply."""
    size = len(applies)
    starts = np.array(tijdvak_starts(stap_year), dtype="datetime64[D]")
    ends = np.append(starts[1:], np.datetime64(f"{stap_year + 1}-01-01", "D")) - np.timedelta64(1, "D")
    window = rng.integers(0, len(starts), size=size)
    delay = rng.geometric(1.0 / (MEAN_ARRIVAL_DAYS + 1.0), size=size) - 1
    dates = np.minimum(starts[window] + delay.astype("timedelta64[D]"), ends[window])
    return np.where(applies, dates, np.datetime64("NaT"))


def _stap_inputs(rng, applies: np.ndarray, dates: np.ndarray, ages: np.ndarray) -> dict[str, np.ndarray]:
    """The other STAP inputs (Population fields): costs, register, OCW recognition, months insured,
    studiefinanciering and half-time work."""
    size, n_app = len(applies), int(applies.sum())
    costs = np.zeros(size)
    costs[applies] = _costs(rng, n_app)
    in_register = applies & (rng.random(size) < IN_REGISTER)
    recognised = rng.random(size) < OCW_RECOGNISED_BEFORE
    recognised = applies & (recognised | (dates >= np.datetime64(OCW_RECOGNISED_FROM)))
    months = np.where(rng.random(size) < FULLY_INSURED, MAX_MONTHS, rng.integers(0, MAX_MONTHS, size=size))
    student = (ages < 30) & (rng.random(size) < STUDIEFINANCIERING_UNDER_30)
    half_time = rng.random(size) < HALF_TIME
    return {
        "maanden_verzekerd": months.astype(np.int32),
        "stap_scholingskosten": costs,
        "stap_ocw_erkend": recognised,
        "stap_in_scholingsregister": in_register,
        "ontvangt_studiefinanciering": student,
        "halftijds_gewerkt": half_time,
    }


def _ids(size: int, first_row: int, text_ids: bool) -> np.ndarray:
    if text_ids:
        width = len(str(first_row + size - 1))
        return np.char.add("synth-", np.char.zfill(np.arange(first_row, first_row + size).astype(str), width))
    # a chunk of a budget run: the global row numbers (text ids cost a third of the generation time)
    return np.arange(first_row, first_row + size, dtype=np.int64)


def generate(size: int, seed: int = 0, stap_year: int = 2023, total: int = POPULATION_18_TO_AOW,
             first_row: int = 0, all_schemes: bool = True, text_ids: bool = True) -> Population:
    """A SYNTHETIC population of ``size`` persons aged 18 to 66 on 1 January of ``stap_year``; deterministic per seed.

    Every row has weight ``total / size``, so weighted totals stand for ``total`` persons. What is cited and
    what is assumed (the module constants say the same):

    * cited (Kamerbrief of 23 September 2022, ref. 2022-0000194169): among STAP applicants, 'nearly a quarter'
      is 50 or older (used: 23%) and 'more than half' has at most an mbo-4 background (used: 55%);
    * cited: the tijdvakken open every two months from 1 March 2022 (Kamerstuk 30012, nr. 142) and, in 2023,
      on the start dates of the subsidieplafonds in the model;
    * assumed: 11 million persons aged 18 to AOW age; 3% apply for STAP in the year, spread evenly over the
      tijdvakken, arriving on average 3 days after the opening; training costs lognormal (median EUR 900);
      98% in the scholingsregister; 40% OCW-recognised before 18 September 2023 and all from that date; 96%
      insured for 24 months; 3% of the under-30s receive studiefinanciering; 65% work at least half-time;
      8% a year spend from a leerrekening in 2027-2031; ages of non-applicants uniform 18-66 and education
      shares as in ``EDUCATION_SHARES``.

    The 115,000 STAP grants of the first three 2022 tijdvakken (same letter) are NOT used here: they are the
    calibration target the budget module compares against.
    """
    if size < 1:
        raise ValueError("size moet ten minste 1 zijn")
    if not 2020 <= stap_year <= 2031:
        raise ValueError("het jaar moet tussen 2020 en 2031 liggen (de AOW-leeftijd is in het model bekend tot en met "
                         "2031; STAP-aanvragen vóór 2022 wijst het model af: de regeling gold toen niet)")
    rng = np.random.default_rng(seed)
    applies = rng.random(size) < APPLICATION_RATE
    ages, birth, education = _persons(rng, stap_year, applies)
    dates = _application_dates(rng, stap_year, applies)
    stap = _stap_inputs(rng, applies, dates, ages)
    leerrekening = {}
    for year in LEERREKENING_YEARS:  # costs drawn only for those who spend
        spends = rng.random(size) < LEERREKENING_SPEND_RATE
        leerrekening[year] = np.zeros(size)
        leerrekening[year][spends] = _costs(rng, int(spends.sum()))
    # the other schemes from a stream of their own, so the STAP and leerrekening columns do not change
    kolommen = scheme_columns(np.random.default_rng([seed, 1]), stap_year, ages, education) if all_schemes else {}
    description = (
        f"SYNTHETISCHE populatie (openfisca-llo populatie --aantal {size} --startwaarde {seed} --stap-jaar {stap_year}): "
        f"geen echte personen.\nElke rij staat voor {total / size:g} personen van 18 jaar tot de AOW-leeftijd "
        f"({formatting.number(total)} in totaal, een aanname). Aannames en bronnen: docs/handleidingen/budget.rst.\n"
        f"{int(applies.sum())} rijen vragen STAP-budget aan in {stap_year}."
    )
    return Population(
        id=_ids(size, first_row, text_ids),
        geboortedatum=birth,
        opleidingsniveau=education,
        stap_aanvraagdatum=dates.astype("datetime64[D]"),
        **stap,
        aanvraagvolgorde=rng.random(size),
        gewicht=np.full(size, total / size),
        leerrekening_scholingskosten=leerrekening,
        description=description,
        kolommen=kolommen,
        eerste_rij=first_row,
    )
