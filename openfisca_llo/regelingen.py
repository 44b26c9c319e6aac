"""The schemes (regelingen) of the model, each declared once; the overview, the docs and the tests read them.

A scheme is its key, its Dutch title, the entity that applies, the variables that hold its amount and its
refusal reason, the folder of its parameters, variables and tests, and the registered source of the regulation
itself. The overview also reads, per scheme, on which period it is asked, which parameters mark its life and
which refusal reasons concern a concrete application (costs, the training chosen) rather than the person.

``kosten`` says how a population budget costs the scheme (``openfisca_llo.kostenposten`` reads it; the amount,
reason and entity come from the scheme itself); a scheme without ``kosten`` states in ``niet_begroot`` why a
budget does not cost it. ``tests/python/test_budget.py`` fails when a scheme has neither.

``MAPPEN`` gives every top-level folder of ``parameters/`` and ``variables/`` its title (the docs' page titles);
``tests/python/test_regelingen.py`` fails when a folder or a reason variable (``*_afwijzingsgrond``) is not
declared here. To add a scheme: add its folders, then one ``Regeling`` below (see the README).
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Kostenpost:
    """How a population budget costs a scheme (or one part of it): see ``openfisca_llo.kostenposten``."""

    titel: str  # short title in budget tables
    bron: str  # personen | werkgevers: which population holds the applications
    periode: str  # dag | jaar | maanden (each month from the application month to December)
    eenheid: str  # subsidie | lening | aftrekpost | deelnemers
    invoer: tuple[str, ...] = ()  # inputs of the applicant entity, from the application table
    leden_invoer: tuple[str, ...] = ()  # inputs of the member persons (onderneming schemes)
    plafond: str | None = None  # parameter path of the subsidieplafond
    tijdvak: str | None = None  # parameter path of the aanvraagtijdvak flag, where a plafond holds per tijdvak
    toewijzing: str | None = None  # volgorde (order of receipt) | loting (lottery)
    reeds: str | None = None  # input 'already granted before this application' the law checks
    rente: str | None = None  # interest-rate variable (percent), for loans
    toelichting: str = ""
    naam: str | None = None  # the budget's name where a scheme is costed in parts (default: the scheme's key)
    bedrag: str | None = None  # the costed amount where it is not the scheme's amount (a monthly loan volume)
    # Filled from the scheme when the budget completes the post (``kostenposten.REGELINGEN``); not declared here:
    entiteit: str | None = None  # persoon | onderneming | samenwerkingsverband
    grond: str | None = None  # refusal-reason variable
    recht: str | None = None  # a boolean 'granted' variable (when there is no amount)


_STAP_INPUTS = ("stap_maanden_verzekerd_referteperiode", "stap_scholingskosten", "stap_scholing_ocw_erkend",
                "stap_scholing_in_scholingsregister", "ontvangt_studiefinanciering")
_SLIM_INPUTS = ("onderneming_werkzame_personen", "onderneming_jaaromzet", "onderneming_balanstotaal",
                "onderneming_sector", "slim_subsidiabele_kosten")


@dataclasses.dataclass(frozen=True)
class Regeling:
    key: str
    titel: str
    entiteit: str  # entity plural
    bedrag: str | None  # variable holding the amount (None: an entitlement without amount)
    reden: str | None  # reason Enum variable (``*_afwijzingsgrond``)
    map: str  # folder in parameters/, variables/ and tests/
    bron: str  # registered source (sources.yaml) of the regulation, or of what the model rests on
    recht: str | None = None  # bool variable, where the scheme has no reason variable
    maximum: str | None = None  # parameter path of the maximum, if one scalar exists
    looptijd: tuple[tuple[str, bool], ...] = ()  # (parameter path, value meaning 'open')
    # Why the scheme's life before the first / after the last looptijd interval is not known to the model (Dutch);
    # empty: before it the scheme was not yet in force, after it the scheme has ended.
    onbekend_voor: str = ""
    onbekend_na: str = ""
    aanvraag_redenen: frozenset[str] = frozenset()  # reasons about the application, not the person
    periode: str = "dag"  # dag | maand | jaar | studiejaar_mbo
    soort: str = "subsidie"
    kosten: tuple[Kostenpost, ...] = ()  # how a population budget costs it (one entry, or one per part)
    niet_begroot: str = ""  # why a budget does not cost it (Dutch), where ``kosten`` is empty


REGELINGEN: tuple[Regeling, ...] = (
    Regeling(
        "stap_budget", "STAP-budget", "personen", "stap_budget", "stap_afwijzingsgrond", map="stap", bron="BWBR0045419",
        maximum="stap.maximum_per_kalenderjaar",
        looptijd=(("stap.regeling_in_werking", True), ("stap.budget_beschikbaar", True)),
        aanvraag_redenen=frozenset({"geen_scholingskosten", "scholing_niet_subsidiabel", "subsidieplafond_bereikt", "buiten_aanvraagtijdvak"}),
        kosten=(Kostenpost("STAP-budget", "personen", "dag", "subsidie", _STAP_INPUTS,
                           plafond="stap.subsidieplafond_per_tijdvak", toewijzing="volgorde",
                           reeds="stap_reeds_verleend_in_tijdvak",
                           toelichting="Plafond per tijdvak op volgorde van ontvangst (Subsidieregeling STAP-budget "
                                       "art. 9-10)."),),
    ),
    Regeling(
        "stap_ontwikkeladvies", "STAP-ontwikkeladvies", "personen", None, "stap_ontwikkeladvies_afwijzingsgrond",
        map="stap_ontwikkeladvies",
        bron="stcrt-2022-8302", recht="stap_ontwikkeladvies_recht",
        looptijd=(("stap_ontwikkeladvies.aanmelding_open", True),), soort="advies",
        kosten=(Kostenpost("STAP-ontwikkeladvies", "personen", "dag", "deelnemers",
                           ("stap_maanden_verzekerd_referteperiode",),
                           toelichting="Alleen het aantal deelnemers: het model kent geen bedrag per advies (niet "
                                       "gevonden)."),),
    ),
    Regeling(
        "levenlanglerenkrediet", "Levenlanglerenkrediet", "personen", "levenlanglerenkrediet_maximum_per_studiejaar",
        "levenlanglerenkrediet_afwijzingsgrond", map="levenlanglerenkrediet", bron="BWBR0011453",
        looptijd=(("levenlanglerenkrediet.in_werking", True),),
        aanvraag_redenen=frozenset({"onderwijssoort", "opleiding_niet_erkend", "geen_eigen_kosten", "onbekend"}),
        periode="maand", soort="lening",
        kosten=(Kostenpost("Levenlanglerenkrediet", "personen", "maanden", "lening",
                           ("levenlanglerenkrediet_onderwijssoort", "levenlanglerenkrediet_nationaliteit",
                            "levenlanglerenkrediet_verschuldigd_les_of_collegegeld",
                            "levenlanglerenkrediet_opleiding_erkend", "levenlanglerenkrediet_zonder_onderbreking",
                            "levenlanglerenkrediet_ho_diploma_behaald"),
                           rente="levenlanglerenkrediet_rentepercentage", bedrag="levenlanglerenkrediet_maximum_per_maand",
                           toelichting="Leenvolume per kalenderjaar: elke maand vanaf de eerste leenmaand tot december "
                                       "het maximale maandbedrag (aanname: lenen tot het maximum); rente over het jaar."),),
    ),
    Regeling(
        "scholingsaftrek", "Aftrek van scholingsuitgaven", "personen", "scholingsaftrek", "scholingsaftrek_afwijzingsgrond",
        map="scholingsaftrek", bron="BWBR0011353",
        maximum="scholingsaftrek.maximum_buiten_standaardstudieperiode",
        looptijd=(("scholingsaftrek.afgeschaft", False),),
        aanvraag_redenen=frozenset({"niet_boven_drempel"}), periode="jaar", soort="aftrekpost",
        kosten=(Kostenpost("Scholingsaftrek", "personen", "jaar", "aftrekpost",
                           ("scholingsuitgaven", "scholingsuitgaven_binnen_standaardstudieperiode"),
                           toelichting="Het aftrekvolume (som van de aftrekposten), niet de belastinguitgave: het "
                                       "tarief is niet gemodelleerd."),),
    ),
    Regeling(
        "studievoorschotvoucher", "Voucher studievoorschot", "personen", "studievoorschotvoucher_bedrag",
        "studievoorschotvoucher_afwijzingsgrond", map="studievoorschotvoucher", bron="kst-30012-92",
        # Kamerstuk 30012, nr. 92, bijlage 1, G.3: vouchers for the cohorts entering from the Wet studievoorschot
        # (2015), part of that law; no end date in the source (usable 5 to 10 years after graduation).
        looptijd=(("studievoorschotvoucher.van_toepassing", True),),
        aanvraag_redenen=frozenset({"opleiding_niet_geaccrediteerd"}), soort="voucher",
        kosten=(Kostenpost("Studievoorschotvoucher", "personen", "dag", "subsidie",
                           ("ho_instroomjaar", "ho_graad", "ho_datum_afstuderen",
                            "studievoorschotvoucher_opleiding_geaccrediteerd_ho", "ontvangt_lerarenbeurs"),
                           toelichting="Periode: de dag waarop de voucher wordt gebruikt."),),
    ),
    Regeling(
        "evc_overbrugging", "Tijdelijke overbruggingsregeling EVC-procedures STAP", "personen", "evc_overbrugging_subsidie",
        "evc_overbrugging_afwijzingsgrond", map="evc_overbrugging", bron="stcrt-2022-32789",
        # The inputs about the EVC-procedure (evc_kosten, evc_startdatum, evc_afgerond_op,
        # evc_maanden_verzekerd_referteperiode) live in variables/evc_overbrugging/evc_inputs.py: artikel 1 of this
        # regulation (Stcrt. 2022, 32789) defines the procedure, the 'deelnemer' and the referteperiode, and it is
        # the only EVC regulation text the model has read. The Tijdelijke subsidieregeling EVC-procedures uses the
        # same procedure (kosten, start, afronding) as its uitvoeringsinformatie describes it and reads them there.
        maximum="evc_overbrugging.maximum_per_procedure",
        aanvraag_redenen=frozenset({"geen_kosten", "afronding_buiten_periode"}),
        kosten=(Kostenpost("EVC (overbruggingsregeling)", "personen", "dag", "subsidie",
                           ("evc_startdatum", "evc_afgerond_op", "evc_kosten", "evc_maanden_verzekerd_referteperiode"),
                           toelichting="Periode: de startdag van de EVC-procedure."),),
    ),
    Regeling(
        "evc_subsidieregeling", "Tijdelijke subsidieregeling EVC-procedures", "personen", "evc_subsidieregeling_subsidie",
        "evc_subsidieregeling_afwijzingsgrond", map="evc_subsidieregeling",
        # Reads the EVC-procedure inputs of variables/evc_overbrugging/ (see there): its own text is not verified.
        bron="web-uvb-tijdelijke-subsidieregeling-evc-procedures",
        # Applications 1 November 2023 up to and including 29 February 2024 (uitvoeringvanbeleidszw.nl, secundair);
        # the date the regulation entered into force is not known (its Staatscourant number is not verified).
        looptijd=(("evc_subsidieregeling.aanvraagperiode_open", True),),
        onbekend_voor="Niet te bepalen: de datum van inwerkingtreding van de regeling is niet geverifieerd; "
                      "bekend is alleen de aanvraagperiode (vanaf 01-11-2023).",
        maximum="evc_subsidieregeling.maximum_per_procedure",
        aanvraag_redenen=frozenset({"geen_kosten", "procedure_buiten_periode"}),
        kosten=(Kostenpost("EVC (subsidieregeling)", "personen", "dag", "subsidie",
                           ("evc_startdatum", "evc_afgerond_op", "evc_kosten"), toelichting="Periode: de aanvraagdag."),),
    ),
    Regeling(
        "omscholing_ict_techniek", "Omscholing naar kansrijke beroepen in ICT en techniek (werkgever)", "personen",
        "omscholing_ict_techniek_subsidie", "omscholing_ict_techniek_afwijzingsgrond", map="omscholing_ict_techniek",
        bron="stcrt-2021-35043", maximum="omscholing_ict_techniek.bedrag_per_omscholingstraject",
        aanvraag_redenen=frozenset({
            "geen_kansrijk_beroep", "minder_dan_helft_werktijd", "opleiding_te_vroeg_gestart",
            "opleiding_start_te_laat", "kosten_onder_minimum",
        }),
        kosten=(Kostenpost("Omscholing ICT/techniek", "personen", "dag", "subsidie",
                           ("omscholing_naar_kansrijk_beroep", "omscholing_eerder_werkzaam_in_beroepssegment",
                            "omscholing_voortgezet_onderwijs_laatste_twee_jaar",
                            "omscholing_minstens_helft_werktijd_nieuw_beroep", "omscholing_startdatum_opleiding",
                            "omscholing_kosten_traject"),
                           toelichting="Geen plafond in het model (niet gemodelleerd in de regeling)."),),
    ),
    Regeling(
        "praktijkleren", "Subsidieregeling praktijkleren (werkgever, per student)", "personen", "praktijkleren_tegemoetkoming",
        "praktijkleren_afwijzingsgrond", map="praktijkleren", bron="web-rvo-praktijkleren",
        # Modelled for the studiejaren 2021-2022 and 2022-2023 only (RVO page, Kamerbrief of 23 September 2022);
        # the regulation ran before and after, but those years are not verified.
        looptijd=(("praktijkleren.gemodelleerd", True),),
        onbekend_voor="Niet te bepalen: alleen de studiejaren 2021-2022 en 2022-2023 zijn gemodelleerd; "
                      "eerdere studiejaren zijn niet geverifieerd.",
        onbekend_na="Niet te bepalen: alleen de studiejaren 2021-2022 en 2022-2023 zijn gemodelleerd; "
                    "of en hoe de regeling daarna loopt is niet geverifieerd.",
        maximum="praktijkleren.maximum_per_student_per_jaar",
        aanvraag_redenen=frozenset({"geen_werkend_leren", "hbo_sector_niet_subsidiabel"}), periode="studiejaar_mbo",
        kosten=(Kostenpost("Praktijkleren", "personen", "jaar", "subsidie",
                           ("praktijkleren_leerweg", "praktijkleren_hbo_sector_subsidiabel",
                            "praktijkleren_bedrag_voor_maximum"),
                           toelichting="Per student per jaar; geen plafond in het model."),),
    ),
    Regeling(
        "slim", "SLIM-regeling (werkgever)", "ondernemingen", "slim_subsidie", "slim_afwijzingsgrond", map="slim",
        bron="BWBR0043015", looptijd=(("slim.regeling_in_werking", True),),
        aanvraag_redenen=frozenset({"onder_minimum_kosten", "buiten_aanvraagtijdvak", "budget_bereikt"}),
        kosten=(
            Kostenpost("SLIM individuele mkb-onderneming", "werkgevers", "dag", "subsidie", _SLIM_INPUTS,
                       plafond="slim.subsidieplafond.mkb", tijdvak="slim.aanvraagtijdvak.mkb_open", toewijzing="loting",
                       reeds="slim_reeds_verleend_in_aanvraagtijdvak", naam="slim_mkb",
                       toelichting="Plafond per aanvraagtijdvak; bij overtekening bepaalt loting de volgorde "
                                   "(secundair)."),
            Kostenpost("SLIM grootbedrijf (landbouw, horeca, recreatie)", "werkgevers", "dag", "subsidie", _SLIM_INPUTS,
                       plafond="slim.subsidieplafond.grootbedrijf",
                       tijdvak="slim.aanvraagtijdvak.samenwerkingsverband_en_grootbedrijf_open", toewijzing="volgorde",
                       reeds="slim_reeds_verleend_in_aanvraagtijdvak", naam="slim_grootbedrijf",
                       toelichting="Op volgorde van binnenkomst (secundair: rijksoverheid.nl 19-5-2022)."),
        ),
    ),
    Regeling(
        "slim_samenwerkingsverband", "SLIM-regeling (samenwerkingsverband)", "samenwerkingsverbanden",
        "slim_samenwerkingsverband_subsidie", "slim_samenwerkingsverband_afwijzingsgrond", map="slim",
        bron="BWBR0043015", looptijd=(("slim.regeling_in_werking", True),),
        aanvraag_redenen=frozenset({"onder_minimum_kosten", "buiten_aanvraagtijdvak", "budget_bereikt"}),
        kosten=(Kostenpost("SLIM samenwerkingsverband", "werkgevers", "dag", "subsidie",
                           ("samenwerkingsverband_aantal_partners", "slim_samenwerkingsverband_subsidiabele_kosten"),
                           plafond="slim.subsidieplafond.samenwerkingsverband",
                           tijdvak="slim.aanvraagtijdvak.samenwerkingsverband_en_grootbedrijf_open",
                           toewijzing="volgorde", reeds="slim_samenwerkingsverband_reeds_verleend_in_aanvraagtijdvak",
                           toelichting="Op volgorde van binnenkomst (secundair: rijksoverheid.nl 19-5-2022)."),),
    ),
    Regeling(
        "slim_scholingssubsidie", "SLIM scholingssubsidie (werkgever)", "ondernemingen", "slim_scholingssubsidie",
        "slim_scholingssubsidie_afwijzingsgrond", map="slim_scholingssubsidie", bron="stcrt-2025-7276",
        looptijd=(("slim_scholingssubsidie.regeling_in_werking", True),),
        aanvraag_redenen=frozenset({
            "sector_niet_maatschappelijk_cruciaal", "ontwikkelpad_niet_erkend", "niet_nlqf_ingeschaald",
            "nlqf_niveau_niet_subsidiabel", "ingekocht_of_gestart_te_vroeg", "start_niet_binnen_13_weken",
            "kosten_doorberekend_aan_deelnemer", "geen_scholingskosten", "budget_bereikt", "buiten_aanvraagtijdvak",
        }),
        kosten=(Kostenpost("SLIM scholingssubsidie", "werkgevers", "dag", "subsidie",
                           ("slim_scholing_aanvrager_soort", "slim_scholing_ontwikkelpad_sector",
                            "slim_scholing_ontwikkelpad_erkend", "slim_scholing_nlqf_niveau", "slim_scholing_aankoopdatum",
                            "slim_scholing_startdatum", "onderneming_werkzame_personen", "onderneming_jaaromzet",
                            "onderneming_balanstotaal"),
                           leden_invoer=("slim_scholing_kosten_deelnemer",),
                           plafond="slim_scholingssubsidie.budget_tot_en_met_2027", toewijzing="volgorde",
                           reeds="slim_scholingssubsidie_reeds_verleend",
                           toelichting="Eén budget van 10-3-2025 tot en met 2027 (kst-30012-158), op volgorde van "
                                       "ontvangst (aanname: de regelingstekst is niet gezien)."),),
    ),
)

# The title of every top-level folder of parameters/ and variables/ (one reference page each).
MAPPEN: dict[str, str] = {
    "stap": "STAP-budget",
    "stap_ontwikkeladvies": "STAP-ontwikkeladvies",
    "levenlanglerenkrediet": "Levenlanglerenkrediet",
    "scholingsaftrek": "Aftrek van scholingsuitgaven",
    "studievoorschotvoucher": "Voucher studievoorschot",
    "evc_overbrugging": "Tijdelijke overbruggingsregeling EVC-procedures STAP",
    "evc_subsidieregeling": "Tijdelijke subsidieregeling EVC-procedures",
    "omscholing_ict_techniek": "Omscholing naar kansrijke beroepen in ICT en techniek",
    "praktijkleren": "Subsidieregeling praktijkleren",
    "slim": "SLIM-regeling",
    "slim_scholingssubsidie": "SLIM scholingssubsidie",
    "algemeen": "Algemeen (AOW-leeftijd e.d.)",
}
