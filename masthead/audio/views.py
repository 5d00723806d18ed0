"""Serving narration audio with HTTP Range support, so players seek and start quickly."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    StreamingHttpResponse,
)

from masthead.caching.restrictions import restricted_paths

from .models import Narration

# The file name carries the text hash: a changed article gets a new URL, so browsers may
# keep each file for a year. A shared (edge) cache keeps it only as long as it keeps pages:
# a story unpublished or made private must stop being served by the edge too.
CACHE_CONTROL = "public, max-age=31536000, s-maxage={edge}, immutable"
# The narration of a private story: only for the reader it was checked for, never stored.
PRIVATE_CACHE_CONTROL = "private, no-store"
CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class BadRange(Exception):
    pass


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single "bytes=" range, None to send the whole file.
    Raises BadRange for a range that cannot be satisfied (answered with 416)."""
    header = header.strip()
    if not header:
        return None
    if not header.lower().startswith("bytes="):
        return None  # another unit: ignore the header, as RFC 9110 allows
    if "," in header:
        header = header.split(",", 1)[0]  # several ranges: answer the first
    match = _RANGE.match(header.replace(" ", ""))
    if not match or match.groups() == ("", ""):
        raise BadRange(header)
    first, last = match.groups()
    if first == "":
        suffix = int(last)
        if suffix == 0:
            raise BadRange(header)
        return max(0, size - suffix), size - 1
    first = int(first)
    last = size - 1 if last == "" else min(int(last), size - 1)
    if first >= size or first > last:
        raise BadRange(header)
    return first, last


def _iter_file(handle, start: int, length: int):
    try:
        handle.seek(start)
        while length > 0:
            data = handle.read(min(CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        handle.close()


def _is_restricted(page) -> bool:
    return any(page.path.startswith(path) for path in restricted_paths())


def _may_read(request, page) -> bool:
    """Whether this reader passes every view restriction over ``page`` (as the page would)."""
    return all(r.accept_request(request) for r in page.get_view_restrictions())


_HEX_HASH = re.compile(r"[0-9a-f]{16,128}")


def narration_audio(request, page_id: int, audio_hash: str):
    """The MP3 of a live article's current narration. GET and HEAD; Range gives 206."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    # A hash is hex: anything else (a NUL byte, which PostgreSQL refuses in a query) is a 404
    # before the database is asked.
    if not _HEX_HASH.fullmatch(audio_hash):
        raise Http404("No such narration")
    narration = (
        Narration.objects.ready()
        .filter(page_id=page_id, audio_hash__startswith=audio_hash, page__live=True)
        .select_related("page")
        .first()
    )
    if narration is None or len(audio_hash) < 16 or not narration.is_current:
        raise Http404("No such narration")
    private = _is_restricted(narration.page)
    if private and not _may_read(request, narration.page):
        raise Http404("No such narration")
    name = narration.audio.name
    try:
        path = default_storage.path(name)
    except NotImplementedError:
        if private:
            # A storage URL could be passed on: a private story's audio comes through here.
            response = FileResponse(default_storage.open(name, "rb"), content_type="audio/mpeg")
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
            return response
        # Remote storage (S3) serves ranges itself.
        return HttpResponseRedirect(default_storage.url(name))
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the response
    except FileNotFoundError as error:
        raise Http404("Audio file missing") from error
    size = narration.byte_size or default_storage.size(name)
    try:
        wanted = parse_range(request.headers.get("Range", ""), size)
    except BadRange:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response
    if wanted is None:
        response = FileResponse(handle, content_type="audio/mpeg")
        response["Content-Length"] = str(size)
    else:
        first, last = wanted
        length = last - first + 1
        response = StreamingHttpResponse(
            _iter_file(handle, first, length), status=206, content_type="audio/mpeg"
        )
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = (
        PRIVATE_CACHE_CONTROL
        if private
        else CACHE_CONTROL.format(edge=getattr(settings, "PAGE_CACHE_EDGE_MAX_AGE", 300))
    )
    response["ETag"] = f'"{narration.audio_hash[:32]}"'
    return response
