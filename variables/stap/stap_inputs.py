"""Invoer voor een aanvraag STAP-budget; de periode is de aanvraagdatum (DAY)."""

from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon


class stap_scholingskosten(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Kosten van de scholing waarvoor STAP-budget wordt aangevraagd (catalogusprijs, inclusief btw)"
    reference = [
        cite("BWBR0045419", artikel="1"),
        cite("stcrt-2021-35685", artikel="1"),
        cite("stcrt-2022-28947", artikel="I"),
    ]
    unit = "currency-EUR"
    documentation = (
        "Invoer. De catalogusprijs (art. 1): alle kosten die rechtstreeks met de scholing samenhangen, zoals de "
        "opleider ze in het scholingsregister vermeldt."
    )


class stap_maanden_verzekerd_referteperiode(Variable):
    value_type = int
    entity = Persoon
    definition_period = DAY
    label = "Aantal maanden verzekerd voor de volksverzekeringen van 27 tot 3 maanden vóór de aanvraagmaand"
    reference = [cite("BWBR0045419", artikel="5", lid="2")]
    unit = "month"
    documentation = "Invoer. Grondslag voor de band met de Nederlandse arbeidsmarkt."


class stap_eerder_toegekend_in_kalenderjaar(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "Heeft in hetzelfde kalenderjaar al een STAP-budget verleend gekregen"
    reference = [
        cite("web-uwv-stap-informatie"),
        cite("BWBR0045419", onderwerp="eenmaal per kalenderjaar"),
        cite("kst-30012-142", paragraaf="STAP-budget"),
    ]
    documentation = (
        "Invoer. UWV verleent een STAP-budget eenmaal per kalenderjaar ('jaarlijks een individueel budget van "
        "maximaal € 1.000', Kamerstuk 30012, nr. 142); het artikel van de regeling is niet gelezen."
    )


class stap_scholing_in_scholingsregister(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "De scholing staat in het scholingsregister (en is daar niet uitgesloten)"
    reference = [cite("BWBR0045419", artikel="5", lid="1")]
    documentation = "Invoer. Alleen scholing uit het scholingsregister is subsidiabel (art. 5 lid 1)."


class stap_scholing_ocw_erkend(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "De scholing is een door OCW erkende opleiding in Nederland (mbo volgens de WEB, hbo/wo volgens de WHW, of een deel daarvan)"
    reference = [cite("stcrt-2023-20707", artikel="I", onderdeel="A")]
    documentation = "Invoer. Vereist voor aanvragen vanaf 18 september 2023."


class stap_reeds_verleend_in_tijdvak(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Bedrag dat in het lopende aanvraagtijdvak al is verleend vóór deze aanvraag"
    reference = [cite("BWBR0045419", artikel="10"), cite("BWBR0045419", artikel="9")]
    unit = "currency-EUR"
    documentation = (
        "Invoer. Aanvragen worden op volgorde van ontvangst behandeld (art. 10); een aanvraag die het "
        "subsidieplafond van het tijdvak zou overschrijden, wordt afgewezen."
    )


class stap_bijdrage_derde(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Bijdrage van een derde (werkgever, O&O-fonds, gemeente) voor deze scholing"
    reference = [cite("BWBR0045419", artikel="1"), cite("kst-30012-142", paragraaf="STAP-budget")]
    unit = "currency-EUR"
    documentation = (
        "Invoer. Art. 1: 'bijdrage die de subsidieaanvrager van een ander dan de Minister voor de te subsidiëren of "
        "gesubsidieerde activiteit ontvangt en die de subsidieaanvrager aanwendt of behoort aan te wenden voor de te "
        "subsidiëren of gesubsidieerde activiteit'."
    )
