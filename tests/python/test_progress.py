"""The progress bar of `budget` and `populatie` (openfisca_llo.progress): drawn at once, never backwards."""

import io
import re
import time

import numpy as np

from openfisca_llo import population as pop
from openfisca_llo.budget import PopulationSource, compute_budget
from openfisca_llo.progress import Progress

FRAME = re.compile(r"\[(#*) *\] +(\d+,\d)% +(\d+,\d) s  (.*)")


def frames(stream: io.StringIO) -> list[tuple[float, float, str]]:
    """(percent, seconds, label) of every frame drawn."""
    found = []
    for text in stream.getvalue().split("\r")[1:]:
        match = FRAME.match(text.rstrip("\n"))
        assert match, text
        found.append((float(match[2].replace(",", ".")), float(match[3].replace(",", ".")), match[4].strip()))
    return found


def fake_clock():
    now = [100.0]
    return now, (lambda: now[0])


def test_the_bar_is_drawn_at_the_start_before_any_step():
    now, clock = fake_clock()
    stream = io.StringIO()
    Progress(stream=stream, clock=clock, tick=None).start(10, "regels laden")
    assert frames(stream) == [(0.0, 0.0, "regels laden")]


def test_the_bar_never_runs_backwards_when_work_is_added():
    """Announced 4 steps, 2 done (50 %), then 4 more announced: 2 of 8 would be 25 %; the bar stays at 50 %."""
    now, clock = fake_clock()
    stream = io.StringIO()
    progress = Progress(stream=stream, clock=clock, interval=0.2, tick=None)
    progress.start(4, "deel 1")
    for _ in range(2):
        now[0] += 1
        progress.step("deel")
    progress.add(4)
    for _ in range(6):
        now[0] += 1
        progress.step("regeling")
    progress.close()
    shown = [percent for percent, _, _ in frames(stream)]
    assert shown[:3] == [0.0, 25.0, 50.0]
    assert shown == sorted(shown) and shown[-1] == 100.0
    seconds = [s for _, s, _ in frames(stream)]
    assert seconds == sorted(seconds) and seconds[-1] == 8.0
    assert stream.getvalue().endswith("\n")


def test_redraws_are_limited_to_the_interval_but_the_end_is_always_drawn():
    now, clock = fake_clock()
    stream = io.StringIO()
    progress = Progress(stream=stream, clock=clock, interval=0.2, tick=None)
    progress.start(100)
    for _ in range(100):
        now[0] += 0.01  # 100 steps in 1 s: at most one frame per 0.2 s, plus the first and the last
        progress.step()
    assert 5 <= len(frames(stream)) <= 8
    assert frames(stream)[-1][0] == 100.0


def test_a_disabled_bar_writes_nothing():
    stream = io.StringIO()
    progress = Progress(enabled=False, stream=stream, tick=None)
    progress.start(3)
    progress.step()
    progress.close()
    assert stream.getvalue() == ""


def test_the_ticker_redraws_while_a_step_takes_long():
    """No step for a while (one large chunk): the elapsed time is still redrawn by the background thread."""
    stream = io.StringIO()
    progress = Progress(stream=stream, tick=0.01)
    progress.start(2, "personen maken")
    deadline = time.monotonic() + 10
    while len(frames(stream)) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    progress.close()
    assert len(frames(stream)) >= 3
    assert {label for _, _, label in frames(stream)} == {"personen maken"}


def test_budget_drives_the_bar_from_the_start_to_100_without_going_back():
    """compute_budget announces all its work at once (every chunk of every year, every scheme under every variant):
    the first frame is drawn before the rules are built, and the fraction only rises to 100 %."""
    now, clock = fake_clock()
    stream = io.StringIO()

    class Ticking(Progress):
        def step(self, label="", count=1):
            now[0] += 1
            super().step(label, count)

    progress = Ticking(stream=stream, clock=clock, interval=0, tick=None)
    columns = {"id": np.array(["a", "b", "c"]), "geboortedatum": np.array(["1980-01-01"] * 3),
               "opleidingsniveau": np.array(["mbo_2"] * 3), "maanden_verzekerd": np.array(["24"] * 3)}
    source = PopulationSource(pop.from_columns(columns), chunk=1)
    compute_budget(source, [], [2022, 2023], schemes=["stap_budget", "scholingsaftrek"], progress=progress)
    drawn = frames(stream)
    assert drawn[0] == (0.0, 0.0, "regels laden")
    shown = [percent for percent, _, _ in drawn]
    assert shown == sorted(shown) and shown[-1] == 100.0
    assert progress.total == 3 * 2 + 2 * 1  # 3 chunks x 2 years, 2 schemes x the law
