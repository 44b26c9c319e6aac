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


def test_integer_comparisons_agree_with_add_months():
    import datetime

    from openfisca_llo.dates import month_index_and_day, reached_after_months, whole_years

    rng = np.random.default_rng(3)
    births = (np.datetime64("1940-01-01") + rng.integers(0, 70 * 366, 5000)).astype("datetime64[D]")
    month, day = month_index_and_day(births)
    for on in ("2022-10-10", "2024-02-29", "2023-02-28", "2031-12-31", "2000-03-01"):
        date = datetime.date.fromisoformat(on)
        for months in (0, 12 * 18, 799, 804, 807):
            expected = add_months(births, months) <= np.datetime64(on)
            assert (reached_after_months(month, day, months, date) == expected).all()
        years = whole_years(month, day, date)
        assert (add_years(births, years) <= np.datetime64(on)).all()
        assert (add_years(births, years + 1) > np.datetime64(on)).all()
