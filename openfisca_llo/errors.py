"""Errors that name the field and the allowed values, for users of the package and the web API."""


class OutsideModelledPeriodError(ValueError):
    """A figure is asked for a date for which the model holds no verified value."""

    def __init__(self, parameter: str, when: str, allowed: str) -> None:
        self.parameter = parameter
        self.when = when
        self.allowed = allowed
        super().__init__(f"Parameter '{parameter}' heeft geen waarde voor {when}: {allowed}.")
