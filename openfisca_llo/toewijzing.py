"""Allocation of a subsidieplafond over the applications of a tijdvak: in order of receipt, or in an order drawn by
lot, and the plafond groups (tijdvakken) a dated plafond parameter defines.

These are the *global* steps of a population budget: they need every application of a tijdvak, so they run after
the applications have been evaluated chunk by chunk.

* **Order of receipt** (STAP art. 9-10; SLIM samenwerkingsverbanden and grootbedrijven, secondary: rijksoverheid.nl
  19-5-2022 'op volgorde van binnenkomst'): sort by date, then by the order inside the day.
* **Lottery** (SLIM individuele mkb-ondernemingen when a tijdvak is oversubscribed, secondary: tophrdesk.nl 2021,
  pnoconsultants.com 2020): the processing order is drawn by lot. The draw is reproducible: each application's
  lottery number is a hash of (seed, year, application id), so it does not depend on how the population is cut
  into chunks or on which worker evaluates it.
"""

from __future__ import annotations

import numpy as np

_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def _splitmix64(values: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser on uint64 values (a fixed, well-mixed bijection)."""
    with np.errstate(over="ignore"):
        z = values.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return (z ^ (z >> np.uint64(31))) & _MASK


def lottery_numbers(seed: int, year: int, ids: np.ndarray) -> np.ndarray:
    """A number in [0, 1) per application, fixed by (seed, year, id): the order of the lottery."""
    with np.errstate(over="ignore"):
        base = _splitmix64(np.array([seed * 1_000_003 + year], dtype=np.uint64))[0]
        mixed = _splitmix64(np.asarray(ids, dtype=np.uint64) ^ base)
    return (mixed >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def _in_force(parameter_node, dates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each date: the start (int64 day number; -1 before the first value) and the value (NaN where null or
    absent) of the parameter's dated value in force."""
    values = sorted(parameter_node.values_list, key=lambda v: v.instant_str)
    starts = np.array([v.instant_str for v in values], dtype="datetime64[D]")
    amounts = np.array([np.nan if v.value is None else float(v.value) for v in values])
    position = np.searchsorted(starts, np.asarray(dates, dtype="datetime64[D]"), side="right") - 1
    known = position >= 0
    start = np.where(known, starts[np.maximum(position, 0)].astype(np.int64), -1)
    return start.astype(np.int64), np.where(known, amounts[np.maximum(position, 0)], np.nan)


def plafond_groups(plafond_node, dates: np.ndarray, tijdvak_node=None) -> tuple[np.ndarray, np.ndarray]:
    """For each date: the plafond group (int64 day number of its start; -1 before any value) and the plafond (NaN
    where the value is null or absent).

    Without ``tijdvak_node`` a group is a dated value of the plafond parameter (a STAP tijdvak; the SLIM
    scholingssubsidie budget from 10 March 2025 to 2027). With it (SLIM: slim.aanvraagtijdvak.*), a group is the
    aanvraagtijdvak the date falls in (the dated value of the open/closed flag in force), and the plafond the value
    of the plafond parameter on that date: a plafond that holds for several tijdvakken is one per tijdvak.
    """
    start, plafond = _in_force(plafond_node, dates)
    if tijdvak_node is not None:
        start, _ = _in_force(tijdvak_node, dates)
    return start, plafond


def first_come_first_served(group: np.ndarray, order_keys: list[np.ndarray], amount: np.ndarray,
                            weight: np.ndarray, plafond: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Allocate each group's plafond in the order given by ``order_keys`` (most significant first).

    ``group`` identifies the tijdvak, ``amount`` the amount each application would get (0 or NaN: nothing to
    allocate), ``weight`` how many applications a row stands for, ``plafond`` the group's plafond on each row (NaN:
    no plafond). An application is granted while the sum stays within the plafond; past the first refusal a later,
    smaller application can still fit in what is left (only what *would* exceed the plafond is refused). Returns
    ``granted`` (bool) and ``before`` (the weighted amount granted earlier in the same group) per row, in the
    input order.
    """
    n = len(amount)
    granted = np.zeros(n, dtype=bool)
    before = np.zeros(n)
    if n == 0:
        return granted, before
    amount = np.nan_to_num(np.asarray(amount, dtype=np.float64), nan=0.0)
    order = np.lexsort(tuple(reversed([group, *order_keys])))
    g, a, w, p = group[order], amount[order], amount[order] * weight[order], plafond[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    ends = np.r_[starts[1:], n]
    total = np.cumsum(w)
    offset = np.repeat(total[starts] - w[starts], ends - starts)
    within = total - offset  # inclusive cumulative sum inside the group
    ok = np.isnan(p) | (within <= p)
    ok &= a > 0
    result = ok.copy()
    for start, end in zip(starts, ends, strict=True):  # a loop over tijdvakken, not persons
        if np.isnan(p[start]) or ok[start:end][a[start:end] > 0].all():
            continue
        segment = slice(start, end)
        room = p[start] - w[segment][result[segment]].sum()
        first_refused = start + int(np.flatnonzero(~ok[segment] & (a[segment] > 0))[0])
        position = first_refused + 1
        while position < end:  # each pass grants one later, smaller application that still fits
            tail = w[position:end]
            fits = np.flatnonzero((tail <= room) & (a[position:end] > 0))
            if not len(fits):
                break
            chosen = position + int(fits[0])
            result[chosen] = True
            room -= w[chosen]
            position = chosen + 1
    granted_weighted = np.where(result, w, 0.0)
    cumulative = np.cumsum(granted_weighted)
    group_offset = np.repeat(cumulative[starts] - granted_weighted[starts], ends - starts)
    before_sorted = cumulative - granted_weighted - group_offset
    granted[order] = result
    before[order] = before_sorted
    return granted, before
