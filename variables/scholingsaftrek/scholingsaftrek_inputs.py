"""Invoer voor de aftrek van scholingsuitgaven (afdeling 6.7 Wet IB 2001); de periode is het kalenderjaar."""

from openfisca_core.periods import YEAR
from openfisca_core.variables import Variable

from openfisca_llo.citations import cite
from openfisca_llo.entities import Persoon


class scholingsuitgaven(Variable):
    value_type = float
    entity = Persoon
    definition_period = YEAR
    label = "Scholingsuitgaven van de belastingplichtige in het kalenderjaar, na aftrek van vergoedingen"
    reference = [cite("BWBR0011353", artikel="6.27"), cite("BWBR0011353", artikel="6.28", lid="1")]
    unit = "currency-EUR"
    documentation = (
        "Invoer. Uitgaven voor een opleiding of studie met het oog op het verwerven van inkomen uit werk en woning: "
        "les-, cursus-, college- en examengeld, promotiekosten, verplicht gestelde leer- en beschermingsmiddelen en "
        "een EVC-procedure (art. 6.27), verminderd met vrijgestelde vergoedingen (art. 6.28 lid 1)."
    )


class scholingsuitgaven_binnen_standaardstudieperiode(Variable):
    value_type = bool
    entity = Persoon
    definition_period = YEAR
    label = "De scholingsuitgaven van dit kalenderjaar vallen binnen de standaardstudieperiode"
    reference = [cite("BWBR0011353", artikel="6.30", lid="2")]
    documentation = (
        "Invoer. De standaardstudieperiode is een aaneengesloten periode van niet meer dan vijf kalenderjaren waarin de "
        "belastingplichtige vóór zijn dertigste de voor werk beschikbare tijd grotendeels aan een opleiding besteedt "
        "(art. 6.30 lid 2). Binnen die periode geldt geen maximum."
    )


class scholingsaftrek_recht_op_studiefinanciering(Variable):
    value_type = bool
    entity = Persoon
    definition_period = YEAR
    label = "Had in dit kalenderjaar voor de opleiding recht op studiefinanciering in een studiejaar vanaf 2015/2016"
    reference = [cite("BWBR0011353", artikel="6.28", lid="1", onderdeel="a")]
    documentation = "Invoer. Wie recht heeft op studiefinanciering, heeft vanaf studiejaar 2015/2016 geen scholingsaftrek."
