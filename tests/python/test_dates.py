import numpy as np

from openfisca_llo.dates import add_months, add_years


def dates(*values):
    return np.array(values, dtype="datetime64[D]")


def test_add_months_keeps_the_day_of_month():
    assert add_months(dates("1956-03-10"), 799)[0] == np.datetime64("2022-10-10")


def test_add_months_clamps_to_the_last_day_of_a_shorter_month():
    assert add_months(dates("2023-08-31"), 1)[0] == np.datetime64("2023-09-30")
    assert add_years(dates("2004-02-29"), 1)[0] == np.datetime64("2005-02-28")


def test_add_months_is_vectorised():
    result = add_months(dates("2000-01-15", "2000-12-31"), np.array([1, 2]))
    assert list(result) == list(dates("2000-02-15", "2001-02-28"))
