"""Invoer over één EVC-procedure (Erkenning van eerder Verworven Competenties) van een deelnemer."""

from datetime import date

from openfisca_core.periods import DAY, ETERNITY
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon

UVB = cite("web-uvb-tijdelijke-subsidieregeling-evc-procedures")


class evc_kosten(Variable):
    value_type = float
    entity = Persoon
    definition_period = ETERNITY
    label = "Kosten van de EVC-procedure van de deelnemer"
    reference = [cite("stcrt-2022-32789", onderwerp="hoogte subsidie per EVC-procedure"), UVB]
    unit = "currency-EUR"
    documentation = "Invoer. Het model kent één EVC-procedure per persoon."


class evc_startdatum(Variable):
    value_type = date
    entity = Persoon
    definition_period = ETERNITY
    label = "Dag waarop de EVC-procedure start"
    reference = [cite("stcrt-2022-32789", artikel="1"), UVB]
    documentation = (
        "Invoer. Voor de overbruggingsregeling is de periode van de berekening zelf de startdag (de deelnemer wordt "
        "op die dag getoetst); de opvolgende regeling rekent op de aanvraagdatum en gebruikt deze invoer."
    )


class evc_afgerond_op(Variable):
    value_type = date
    entity = Persoon
    definition_period = ETERNITY
    label = "Dag waarop de EVC-procedure is afgerond (ervaringscertificaat)"
    reference = [cite("stcrt-2022-32789", artikel="1"), UVB]
    documentation = "Invoer. Beide EVC-regelingen vereisen dat de procedure binnen hun periode start en wordt afgerond."


class evc_maanden_verzekerd_referteperiode(Variable):
    value_type = int
    entity = Persoon
    definition_period = DAY
    label = "Aantal maanden verzekerd voor de volksverzekeringen van 27 tot 3 maanden vóór de kalendermaand van start"
    reference = [cite("stcrt-2022-32789", artikel="1")]
    unit = "month"
    documentation = "Invoer, op de startdag van de EVC-procedure. Grondslag voor de band met de Nederlandse arbeidsmarkt."
