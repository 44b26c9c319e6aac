"""De werkbank: the web interface for drafters, served by the API's Flask app (pages at /, the API unchanged).

Server-rendered pages (Jinja templates, a little progressive JavaScript, nothing fetched from elsewhere) that
read the rules, calculate a case with its explanation, and test an amendment against the YAML cases.
"""

from openfisca_llo.werkbank.views import blueprint, register

__all__ = ["blueprint", "register"]
