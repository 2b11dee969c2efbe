"""Turning everything a component prints into ``{"type": "log"}`` events, line by line.

Responsible for two layers of capture while a task runs: ``sys.stdout``/``sys.stderr`` replaced by
line writers (Python prints, in order with metric events), and file descriptors 1 and 2 pointed at
pipes read by one thread (C extensions and child processes that write to the fds directly).
Nothing is echoed to the real terminal. It must not decide what an event means beyond
``stream`` and ``line``.
"""

from __future__ import annotations

import _thread
import codecs
import io
import os
import select
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from designer.runtime.events import EventSink

# A line longer than this is sent in pieces, so a runaway print cannot hold memory forever.
MAX_LINE_CHARS = 64 * 1024
JOIN_SECONDS = 2.0

LineCallback = Callable[[str], None]


def log_emitter(sink: EventSink, stream: str) -> LineCallback:
    """A callback that sends one line of ``stream`` to ``sink`` as a log event."""
    return lambda line: sink.emit({"type": "log", "stream": stream, "line": line})


class LineWriter(io.TextIOBase):
    """A text stream that calls ``on_line`` for every complete line written to it."""

    def __init__(self, on_line: LineCallback, fd: int | None = None) -> None:
        super().__init__()
        self._on_line = on_line
        self._fd = fd
        self._pending = ""
        self._lock = threading.Lock()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        # Code that hands sys.stdout to a subprocess needs a real fd; the fd capture provides one.
        if self._fd is None:
            raise io.UnsupportedOperation("this stream has no file descriptor")
        return self._fd

    def write(self, text: str) -> int:
        with self._lock:
            self._pending += text
            *lines, self._pending = self._pending.split("\n")
            if len(self._pending) > MAX_LINE_CHARS:
                lines.append(self._pending)
                self._pending = ""
        for line in lines:
            self._on_line(line.rstrip("\r"))
        return len(text)

    def close(self) -> None:
        # A partial last line (print(..., end="")) is still a line the user wants to see.
        with self._lock:
            rest, self._pending = self._pending, ""
        if rest:
            self._on_line(rest.rstrip("\r"))
        super().close()


class FdCapture:
    """Points file descriptors at pipes and forwards what arrives on each, line by line.

    One reader thread serves every pipe. It is started without waiting for it to run (a
    `threading.Thread` waits until the new thread has been scheduled, a context switch the
    step would pay before its own code starts); `stop` waits for it to have read everything.
    """

    def __init__(self, targets: Iterable[tuple[int, LineCallback]]) -> None:
        self._saved: list[tuple[int, int]] = []
        pipes: dict[int, LineCallback] = {}
        for fd, on_line in targets:
            self._saved.append((fd, os.dup(fd)))
            read_end, write_end = os.pipe()
            os.dup2(write_end, fd)
            os.close(write_end)
            pipes[read_end] = on_line
        self._done = _thread.allocate_lock()
        self._done.acquire()
        _thread.start_new_thread(self._pump, (pipes, self._done))

    @staticmethod
    def _pump(pipes: dict[int, LineCallback], done: _thread.LockType) -> None:
        try:
            streams = {
                fd: (LineWriter(on_line), codecs.getincrementaldecoder("utf-8")(errors="replace"))
                for fd, on_line in pipes.items()
            }
            poller = select.poll()
            for fd in streams:
                poller.register(fd, select.POLLIN)
            while streams:
                for fd, _ in poller.poll():
                    writer, decoder = streams[fd]
                    # Incremental, so a multi-byte character split across two reads decodes.
                    chunk = os.read(fd, 65536)
                    if chunk:
                        writer.write(decoder.decode(chunk))
                        continue
                    writer.write(decoder.decode(b"", final=True))
                    writer.close()
                    poller.unregister(fd)
                    os.close(fd)
                    del streams[fd]
        finally:
            done.release()

    def stop(self) -> None:
        # Restoring the fds closes our copies of the pipes' write ends; the reader then sees
        # EOF, unless a grandchild process still holds one open, hence the bounded wait.
        for fd, saved in self._saved:
            os.dup2(saved, fd)
            os.close(saved)
        if self._done.acquire(timeout=JOIN_SECONDS):
            self._done.release()


@contextmanager
def captured_output(sink: EventSink, capture_fds: bool = True) -> Iterator[None]:
    """Send stdout and stderr (Python and, if asked, the raw fds) to ``sink`` as log events."""
    streams = (("stdout", 1), ("stderr", 2))
    for handle in (sys.stdout, sys.stderr):
        if handle is not None:
            handle.flush()
    fd_capture = (
        FdCapture((fd, log_emitter(sink, name)) for name, fd in streams) if capture_fds else None
    )
    saved = sys.stdout, sys.stderr
    writers = [
        LineWriter(log_emitter(sink, name), fd if capture_fds else None) for name, fd in streams
    ]
    sys.stdout, sys.stderr = writers
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
        for writer in writers:
            writer.close()
        if fd_capture is not None:
            fd_capture.stop()
