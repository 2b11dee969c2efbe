"""Length-prefixed JSON frames: how a scoring process and the server talk over a pipe.

A frame is a 4-byte big-endian length followed by that many bytes of UTF-8 JSON. Both sides
use these functions, so the format lives in one place. Only the blocking reader and writer of
the child are here; the server reads frames with asyncio (`designer.inference.serving.worker`)
using `HEADER`, `encode` and `decode`. No Django, no knowledge of what the messages mean.
"""

from __future__ import annotations

import json
import struct
from typing import Any, BinaryIO

HEADER = struct.Struct(">I")
# Far above any request the server accepts; a length past it means the stream is corrupt.
MAX_FRAME = 512 * 1024 * 1024


class FrameError(ValueError):
    """The stream holds something that is not a frame."""


def encode(message: Any) -> bytes:
    """The frame holding `message` (strict JSON: non-finite floats are the writer's problem)."""
    body = json.dumps(message, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return HEADER.pack(len(body)) + body


def decode(body: bytes) -> Any:
    return json.loads(body)


def length_of(header: bytes) -> int:
    """The body length a header announces; FrameError past `MAX_FRAME`."""
    (length,) = HEADER.unpack(header)
    if length > MAX_FRAME:
        raise FrameError(f"a frame of {length} bytes is larger than {MAX_FRAME}")
    return length


def read_frame(stream: BinaryIO) -> Any | None:
    """The next message on `stream`, or None when the other side closed it."""
    header = _read_exactly(stream, HEADER.size)
    if header is None:
        return None
    length = length_of(header)
    body = _read_exactly(stream, length) if length else b""
    if body is None:
        raise FrameError("the stream ended inside a frame")
    return decode(body)


def write_frame(stream: BinaryIO, message: Any) -> None:
    stream.write(encode(message))
    stream.flush()


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    """`size` bytes; None if the stream ended before the first; FrameError if in between."""
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            if remaining == size:
                return None
            raise FrameError("the stream ended inside a frame")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
