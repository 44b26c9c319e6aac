"""Invoer voor een aanvraag SLIM scholingssubsidie.

Ontwerp: één aanvraag per onderneming (werkgever of gastouderbureau) voor één scholing uit een Ontwikkelpad;
de kenmerken van de scholing zijn invoer op de onderneming, de kosten per deelnemende werknemer invoer op de
persoon. De periode is de aanvraagdatum (DAY).
"""

from datetime import date

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Onderneming, Persoon


class ScholingAanvragerSoort(Enum):
    werkgever = "Werkgever"
    gastouderbureau = "Geregistreerd gastouderbureau"
    collectief = "Collectief (O&O-fonds, werkgevers- en werknemersorganisaties met arbeidsmarktregio's of provincies)"


class slim_scholing_aanvrager_soort(Variable):
    value_type = Enum
    possible_values = ScholingAanvragerSoort
    default_value = ScholingAanvragerSoort.werkgever
    entity = Onderneming
    definition_period = DAY
    label = "Als wie de onderneming de SLIM scholingssubsidie aanvraagt"
    reference = [
        cite("web-rijksoverheid-slim-scholingssubsidie-start"),
        cite("stcrt-2025-7276", onderwerp="aanvragers scholingssubsidie"),
    ]
    documentation = "Invoer. Werkgevers en gastouderbureaus vanaf 10 maart 2025; collectieven zijn niet gemodelleerd."


class OntwikkelpadSector(Enum):
    zorg_en_welzijn = "Zorg en welzijn"
    kinderopvang = "Kinderopvang"
    groen = "Groen (hoveniers en groenvoorziening)"
    techniek_bouw_energie = "Techniek, bouw en energie"
    onderwijs = "Onderwijs"
    ict = "ICT"
    overig = "Een andere sector"


class slim_scholing_ontwikkelpad_sector(Variable):
    value_type = Enum
    possible_values = OntwikkelpadSector
    default_value = OntwikkelpadSector.overig
    entity = Onderneming
    definition_period = DAY
    label = "Sector van het Ontwikkelpad waartoe de scholing behoort"
    reference = [cite("kst-30012-158", paragraaf="1")]
    documentation = "Invoer. Alleen Ontwikkelpaden voor maatschappelijk cruciale sectoren komen in aanmerking."


class slim_scholing_ontwikkelpad_erkend(Variable):
    value_type = bool
    entity = Onderneming
    definition_period = DAY
    label = "De scholing hoort bij een functie of specialisatie in een door de minister van SZW erkend Ontwikkelpad"
    reference = [cite("kst-30012-158", paragraaf="1"), cite("web-rijksoverheid-slim-scholingssubsidie-start")]
    documentation = "Invoer. De erkende Ontwikkelpaden staan op rijksoverheid.nl/ontwikkelpaden (erkenningsdata niet gevonden)."


class slim_scholing_nlqf_niveau(Variable):
    value_type = int
    entity = Onderneming
    definition_period = DAY
    label = "NLQF-niveau waarop de scholing is ingeschaald (1-8; 0 = niet ingeschaald)"
    reference = [cite("kst-30012-158", paragraaf="1")]
    documentation = "Invoer. Overheidserkende opleidingen zijn automatisch ingeschaald; andere scholing op aanvraag bij NCP NLQF."


class slim_scholing_beoordeelbaar_dossier(Variable):
    value_type = bool
    entity = Onderneming
    definition_period = DAY
    label = "NCP NLQF heeft formeel bevestigd dat de inschalingsaanvraag van deze (non-formele) scholing een beoordeelbaar dossier is"
    reference = [cite("kst-30012-158", paragraaf="1", onderwerp="Aanloopfase NLQF-inschaling")]
    documentation = "Invoer. Alleen van belang voor niet-ingeschaalde scholing, tot 1 mei 2026."


class slim_scholing_nlqf_niveau_inschalingsaanvraag(Variable):
    value_type = int
    entity = Onderneming
    definition_period = DAY
    label = "NLQF-niveau waarvoor inschaling is aangevraagd (voor niet-ingeschaalde scholing met beoordeelbaar dossier)"
    reference = [cite("kst-30012-158", paragraaf="1", onderwerp="Aanloopfase NLQF-inschaling")]
    documentation = (
        "Invoer en modelaanname: welk percentage geldt voor non-formele scholing in de aanloopfase is in geen bron "
        "gevonden; het model rekent met het niveau van de inschalingsaanvraag."
    )


class slim_scholing_aankoopdatum(Variable):
    value_type = date
    entity = Onderneming
    definition_period = DAY
    label = "Datum waarop de scholing is ingekocht"
    reference = [cite("stcrt-2025-7276", onderwerp="voorwaarden start van de scholing")]
    documentation = "Invoer. Altijd opgeven: de standaardwaarde (1-1-1970) ligt vóór 28 februari 2025."


class slim_scholing_startdatum(Variable):
    value_type = date
    entity = Onderneming
    definition_period = DAY
    label = "Datum waarop de scholing start"
    reference = [cite("stcrt-2025-7276", onderwerp="voorwaarden start van de scholing")]
    documentation = "Invoer. Altijd opgeven: de standaardwaarde (1-1-1970) ligt vóór 28 februari 2025."


class slim_scholingssubsidie_reeds_verleend(Variable):
    value_type = float
    entity = Onderneming
    definition_period = DAY
    label = "Bedrag dat vóór deze aanvraag al als SLIM scholingssubsidie is verleend (alle aanvragers samen)"
    reference = [cite("kst-30012-158", paragraaf="1")]
    unit = "currency-EUR"
    documentation = "Invoer. Getoetst aan het budget tot en met 2027 (EUR 73,8 mln volgens de Kamerbrief)."


class slim_scholing_kosten_deelnemer(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Subsidiabele kosten van de scholing voor deze werknemer (les-, cursus-, college- of examengeld en verplichte literatuur)"
    reference = [cite("stcrt-2025-7276", onderwerp="subsidiabele kosten scholing")]
    unit = "currency-EUR"
    documentation = (
        "Invoer op de persoon, als werknemer van de aanvragende onderneming; 0 voor wie niet deelneemt. Alleen "
        "kosten op de factuur van de aanbieder en door de opleider vastgestelde verplichte literatuur (secundair)."
    )


class slim_scholing_kosten_doorberekend(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "Er worden kosten van de scholing in rekening gebracht bij deze deelnemer"
    reference = [cite("stcrt-2025-7276", onderwerp="geen kosten voor de deelnemer"), cite("kst-30012-158", paragraaf="1")]
    documentation = "Invoer. De scholing moet voor de deelnemer gratis zijn."
