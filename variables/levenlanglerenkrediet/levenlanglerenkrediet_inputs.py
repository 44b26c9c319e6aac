"""Invoer voor het levenlanglerenkrediet (Wet studiefinanciering 2000, BWBR0011453).

Periode: MONTH = de kalendermaand waarvoor het krediet wordt gevraagd (studiefinanciering wordt per kalendermaand
vastgesteld, art. 3.1 lid 4, en de toestand op de eerste dag van de maand is beslissend, art. 1.2). Het studiejaar
van die maand begint op 1 augustus (beroepsonderwijs) of 1 september (hoger onderwijs), art. 1.1.
"""

from datetime import date

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon


class LevenlanglerenkredietOnderwijssoort(Enum):
    mbo_bol = "Mbo, beroepsopleidende leerweg (bol)"
    mbo_bbl = "Mbo, beroepsbegeleidende leerweg (bbl)"
    hbo_voltijd = "Hbo, voltijd"
    hbo_deeltijd = "Hbo, deeltijd"
    hbo_duaal = "Hbo, duaal"
    wo_voltijd = "Wo, voltijd"
    wo_deeltijd = "Wo, deeltijd"
    wo_duaal = "Wo, duaal"
    other = "Andere opleiding (geen mbo, hbo of wo)"


class LevenlanglerenkredietNationaliteit(Enum):
    nederlands = "Nederlandse nationaliteit"
    eu_eer_zwitsers = "Nationaliteit van een EU- of EER-land of Zwitserland"
    verblijfsvergunning_ii_tot_v = "Andere nationaliteit met een verblijfsvergunning type II, III, IV of V"
    overig = "Andere nationaliteit of verblijfsstatus"


class levenlanglerenkrediet_onderwijssoort(Variable):
    value_type = Enum
    possible_values = LevenlanglerenkredietOnderwijssoort
    default_value = LevenlanglerenkredietOnderwijssoort.other
    entity = Persoon
    definition_period = MONTH
    label = "Soort opleiding waarvoor levenlanglerenkrediet wordt gevraagd"
    reference = [
        cite("BWBR0011453", artikel="1.1"),
        cite("BWBR0011453", artikel="2.12"),
        cite("web-duo-levenlanglerenkrediet"),
    ]
    documentation = (
        "Invoer. Het krediet is er voor mbo-bol en voor voltijd, deeltijd of duaal hbo en wo (DUO; Kamerstuk 30012, "
        "nr. 92). 'Beroepsonderwijs' in de WSF 2000 (art. 1.1) is de beroepsopleidende leerweg; mbo-bbl komt daarom "
        "niet in aanmerking. De deeltijd/voltijd-keuze telt voor de diploma-eis onder 30 jaar (art. 3.16b lid 2 onder b)."
    )


class levenlanglerenkrediet_opleiding_erkend(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Ingeschreven voor een erkende opleiding in Nederland (niet Caribisch Nederland)"
    reference = [
        cite("BWBR0011453", artikel="2.4"),
        cite("BWBR0011453", artikel="2.12"),
        cite("web-duo-levenlanglerenkrediet"),
    ]
    documentation = (
        "Invoer. Mbo: een bekostigde of erkende beroepsopleiding (art. 2.4). Ho: een opleiding als bedoeld in art. 2.12 "
        "(geaccrediteerd, ook deeltijd, postinitiële master of losse onderwijseenheden). DUO: in Nederland, niet in "
        "Caribisch Nederland, en geregistreerd in BRON."
    )


class levenlanglerenkrediet_nationaliteit(Variable):
    value_type = Enum
    possible_values = LevenlanglerenkredietNationaliteit
    default_value = LevenlanglerenkredietNationaliteit.overig
    entity = Persoon
    definition_period = MONTH
    label = "Nationaliteit of verblijfsstatus voor de studiefinanciering"
    reference = [cite("BWBR0011453", artikel="2.2", lid="1"), cite("web-duo-levenlanglerenkrediet")]
    documentation = (
        "Invoer. Art. 2.2 lid 1: Nederlander (a), bij verdrag gelijkgesteld (b) of bij AMvB aangewezen en in Nederland "
        "wonend (c). DUO vat dat samen als: Nederlandse nationaliteit, verblijfsvergunning type II tot en met V, of "
        "EU/EER/Zwitserland. Niet gemodelleerd: de nadere voorwaarden voor gelijkstelling (AMvB, verdrag)."
    )


class levenlanglerenkrediet_aanspraak_reguliere_studiefinanciering(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Heeft in deze maand (nog) aanspraak op studiefinanciering als bedoeld in art. 3.1 lid 1 of 2 WSF 2000"
    reference = [cite("BWBR0011453", artikel="3.16b", lid="2", onderdeel="a"), cite("BWBR0011453", artikel="3.1", lid="3")]
    documentation = (
        "Invoer. Wie aanspraak heeft op reguliere studiefinanciering (of het collegegeldkrediet), krijgt geen "
        "levenlanglerenkrediet; art. 3.1 lid 3: zonder die aanspraak bestaat de studiefinanciering uit het krediet."
    )


class levenlanglerenkrediet_ho_diploma_behaald(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Heeft een hbo-bachelor, of een wo-bachelor én een wo-master, afgerond"
    reference = [cite("BWBR0011453", artikel="3.16b", lid="2", onderdeel="b")]
    documentation = "Invoer. Voorwaarde voor voltijds of duaal hoger onderwijs onder 30 jaar."


class levenlanglerenkrediet_zonder_onderbreking(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Geniet het levenlanglerenkrediet zonder onderbreking sinds vóór het bereiken van de maximumleeftijd"
    reference = [cite("BWBR0011453", artikel="2.3a", lid="3")]
    documentation = (
        "Invoer. Art. 2.3a lid 3: wie de maximumleeftijd bereikt terwijl hij het krediet ontvangt, behoudt de "
        "aanspraak zolang hij het zonder onderbreking geniet."
    )


class levenlanglerenkrediet_verschuldigd_les_of_collegegeld(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "Les- of collegegeld dat voor het studiejaar van deze maand werkelijk verschuldigd is (12 maanden)"
    reference = [cite("BWBR0011453", artikel="3.16d", lid="1")]
    unit = "currency-EUR"
    documentation = "Invoer. Het werkelijke tarief (wettelijk of instellingscollegegeld, of lesgeld) voor een heel studiejaar."


class levenlanglerenkrediet_betaald_door_derde(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "Deel van het les- of collegegeld van dat studiejaar dat een ander (bijvoorbeeld de werkgever) betaalt"
    reference = [cite("BWBR0011453", artikel="3.16b", lid="2", onderdeel="c")]
    unit = "currency-EUR"
    documentation = "Invoer. Het krediet dekt alleen het deel dat niet door een derde wordt betaald."


class levenlanglerenkrediet_einddatum(Variable):
    value_type = date
    entity = Persoon
    definition_period = ETERNITY
    label = "Laatste dag waarover de persoon levenlanglerenkrediet heeft ontvangen"
    reference = [cite("BWBR0011453", artikel="6.19", lid="1")]
    documentation = (
        "Invoer voor de terugbetaling. Niet gemodelleerd: meer dan één periode met krediet, en het samenlopen met "
        "een eerdere studieschuld."
    )
