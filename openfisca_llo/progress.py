"""The progress bar of the long commands (``openfisca-llo budget`` and ``populatie``) on stderr.

It is drawn as soon as the work starts (before the first step, which can take many seconds), redrawn at most
every ``interval`` seconds after a step and, while the work runs, every ``tick`` seconds by a background thread so
that the elapsed time keeps moving. The bar never runs backwards: the callers announce the whole work at the start,
and should more steps be added later the shown fraction still does not go down.
"""

from __future__ import annotations

import sys
import threading
import time

WIDTH = 30


class Progress:
    """A text progress bar; silent when disabled. ``clock`` and ``tick`` (None: no thread) are for tests."""

    def __init__(self, enabled: bool = True, stream=None, clock=time.monotonic, interval: float = 0.2,
                 tick: float | None = 1.0) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.clock = clock
        self.interval = interval
        self.tick = tick
        self.total = 0
        self.done = 0
        self.label = ""
        self.shown = 0.0  # the fraction last drawn: it only goes up
        self._started: float | None = None
        self._last = float("-inf")
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def start(self, total: int, label: str = "") -> None:
        """Announce the whole work (``total`` steps) and draw the bar at once."""
        self.total = max(int(total), 0)
        self.label = label or self.label
        self._started = self.clock()
        self._draw(force=True)
        if self.enabled and self.tick and self._ticker is None:
            self._ticker = threading.Thread(target=self._tick, name="voortgang", daemon=True)
            self._ticker.start()

    def add(self, steps: int) -> None:
        """More steps than announced (the shown fraction waits until the work catches up; it never goes down)."""
        with self._lock:
            self.total += steps

    def step(self, label: str = "", count: int = 1) -> None:
        with self._lock:
            self.done += count
            self.label = label or self.label
        self._draw(force=bool(self.total) and self.done >= self.total)

    def close(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(timeout=2)
        if self.enabled and self._started is not None:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()

    def _tick(self) -> None:
        while not self._stop.wait(self.tick):
            self._draw(force=True)

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        with self._lock:
            if self._started is None:
                self._started = self.clock()
            now = self.clock()
            if not force and now - self._last < self.interval:
                return
            self._last = now
            fraction = min(1.0, self.done / self.total) if self.total else 0.0
            self.shown = max(self.shown, fraction)
            bar = "#" * int(self.shown * WIDTH)
            percent = f"{self.shown * 100:5.1f}".replace(".", ",")
            seconds = f"{now - self._started:6.1f}".replace(".", ",")
            self.stream.write(f"\r[{bar:<{WIDTH}}] {percent}% {seconds} s  {self.label[:40]:<40}")
            self.stream.flush()
