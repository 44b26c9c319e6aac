"""Invoer voor subsidie voor omscholing naar ICT- en techniek-kansrijke beroepen, per werknemer die wordt omgeschoold.

De werkgever vraagt aan; het model rekent per werknemer (entiteit Persoon) voor wie het omscholingstraject is, met als
periode de aanvraagdatum.
"""

from datetime import date

from openfisca_core.periods import DAY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon

RVO = cite("web-rvo-omscholing-ict-techniek-voorwaarden")


class omscholing_kosten_traject(Variable):
    value_type = float
    entity = Persoon
    definition_period = DAY
    label = "Kosten van het omscholingstraject (scholing en praktijkondersteuning) voor deze werknemer"
    reference = [cite("stcrt-2021-35043", onderwerp="kosten omscholingstraject (titel 3.20)"), RVO]
    unit = "currency-EUR"
    documentation = "Invoer. Een omscholingstraject is een samenhangend geheel van scholing en praktijkondersteuning."


class omscholing_startdatum_opleiding(Variable):
    value_type = date
    entity = Persoon
    definition_period = DAY
    label = "Dag waarop de opleiding van het omscholingstraject start"
    reference = [RVO]
    documentation = "Invoer. Op of na 30 augustus 2021 en uiterlijk drie maanden na de aanvraag."


class omscholing_naar_kansrijk_beroep(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "De werknemer wordt omgeschoold naar een beroep op de lijst met ICT- en techniek-kansrijke beroepen"
    reference = [cite("stcrt-2021-35043", artikel="I"), RVO]
    documentation = (
        "Invoer. Beroepssegmenten techniek-industrie, techniek-bouw, techniek-auto en voertuigtechniek, "
        "techniek-installatietechniek en ICT (art. 3.20.1, bijlage 3.20); de lijst zelf is niet gemodelleerd."
    )


class omscholing_eerder_werkzaam_in_beroepssegment(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "De werknemer werkte vóór 1 juli van het jaar van de openstelling (2021 of 2022) al in het beroepssegment van het nieuwe beroep"
    reference = [RVO, cite("web-randstad-subsidie-werkgevers")]
    documentation = (
        "Invoer. Dan is er geen omscholing in de zin van de regeling. Peildatum: 1 juli 2021 voor aanvragen in 2021 "
        "(RVO), 1 juli 2022 voor de openstelling van 2022 (randstad.nl, secundair)."
    )


class omscholing_voortgezet_onderwijs_laatste_twee_jaar(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "De werknemer volgde in de twee jaar vóór de aanvraag voortgezet onderwijs"
    reference = [RVO]
    documentation = "Invoer. Dan kan er sprake zijn van aanvankelijke scholing en niet van omscholing."


class omscholing_minstens_helft_werktijd_nieuw_beroep(Variable):
    value_type = bool
    entity = Persoon
    definition_period = DAY
    label = "De werknemer oefent het nieuwe beroep uit voor ten minste de helft van de werktijd"
    reference = [RVO]
    documentation = "Invoer."
