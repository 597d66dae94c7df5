"""A time budget per article: past it, the article fails with ``too_slow`` and the build
goes on.

Every stage is meant to be linear, but one pathological file (a pattern that
backtracks, a body of two million brackets) must never stall a whole site. The
budget is a context manager, usable wherever an article is processed, in the
main thread, in another thread or in a worker process:

- in a process's main thread it is a ``SIGALRM`` timer, which interrupts even a
  regular expression that is still matching (``re`` checks for signals);
- in any other thread it is a watchdog that raises in that thread at the next
  Python instruction (long C calls finish first).

It keeps no state between uses, and restores any timer it replaced.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import FrameType, TracebackType

from dateline.errors import ArticleError

try:
    # the C module signal.signal wraps: the wrapper turns the handler it returns into an
    # enum member, which for a function handler costs a ValueError with its message
    # formatted (most of the budget's cost, twice per article)
    import _signal as _handlers  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - CPython has it (signal.py imports it)
    _handlers = signal

__all__ = ["TooDeep", "TooSlow", "article_budget"]


class TooSlow(ArticleError):
    """An article took longer than ``article_seconds`` to process."""

    code = "too_slow"


class TooDeep(ArticleError):
    """An article nests or chains something deeper than dateline can follow."""

    code = "too_deep"


class _Expired(BaseException):
    """Raised inside the article's work when time is up; a ``BaseException`` so that no
    ``except Exception`` in a library on the way swallows it."""


def _expire(signum: int, frame: FrameType | None) -> None:
    raise _Expired


#: The signal's number (an enum member's ``value`` is a Python property, asked twice
#: per article otherwise); 0 where there is no such signal (no _Alarm is made there).
_SIGALRM: int = signal.SIGALRM.value if hasattr(signal, "SIGALRM") else 0


class _Alarm:
    """A ``SIGALRM`` timer over the body (a process's main thread): a class, not a
    generator, since it is entered for every article (the generator's own frames
    were a third of its cost)."""

    __slots__ = ("old", "previous", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __enter__(self) -> None:
        self.previous = _handlers.signal(_SIGALRM, _expire)
        self.old = signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _handlers.signal(_SIGALRM, self.previous)
        old_delay, old_interval = self.old
        if old_delay:
            signal.setitimer(signal.ITIMER_REAL, old_delay, old_interval)


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(target), ctypes.py_object(_Expired)
                )

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["active"] = False
            if state["fired"]:  # fired as the work ended: take back the pending exception
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)
        timer.cancel()


class _Budget:
    """:func:`article_budget`'s context manager."""

    __slots__ = ("path", "seconds", "timer")

    def __init__(self, seconds: float, path: Path) -> None:
        self.seconds, self.path = seconds, path
        in_main = threading.current_thread() is threading.main_thread()
        self.timer: AbstractContextManager[None] = (
            _Alarm(seconds) if in_main and hasattr(signal, "setitimer") else _watchdog(seconds)
        )

    def __enter__(self) -> None:
        self.timer.__enter__()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # the timer ends first, whatever happened: none fires in what follows (one that
        # fires as it ends is time up all the same)
        try:
            self.timer.__exit__(kind, exc, tb)
        except _Expired as late:
            exc = late
        seconds, path = self.seconds, self.path
        if isinstance(exc, _Expired):
            raise TooSlow(
                f"processing the article took over {seconds:g} seconds, and was stopped",
                path=path,
                hint="shorten the article or split it; or raise max_article_seconds in "
                "dateline.toml",
            ) from None
        if isinstance(exc, RecursionError):
            raise TooDeep(
                f"the article nests or chains something too deeply to follow, {_where(exc)}",
                path=path,
                hint="break up the long chain: of possessives, quotes, brackets or list items",
            ) from None


def article_budget(seconds: float, path: Path) -> AbstractContextManager[None]:
    """Run the body for at most ``seconds``; then raise :class:`TooSlow` naming ``path``.

    A :class:`RecursionError` inside becomes :class:`TooDeep`: both are properties of
    the input (a body too long to handle, a chain too deep to follow), reported as
    the article's failure, never as a crash of dateline.
    """
    return _Budget(seconds, path)


def _where(exc: BaseException) -> str:
    """The function that recursed: the one most often on the traceback."""
    counts: dict[tuple[str, str, int], int] = {}
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        key = (Path(code.co_filename).name, code.co_name, tb.tb_lineno)
        counts[key] = counts.get(key, 0) + 1
        tb = tb.tb_next
    if not counts:
        return "at an unknown place"
    name, function, line = max(counts, key=lambda k: counts[k])
    return f"in {function} at {name}:{line}"
