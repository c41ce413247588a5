"""Files people upload — photos, voice notes, short videos, PDFs — for every area.

Each file is checked by its content, never its name; a photo is turned upright by its EXIF,
re-encoded from its pixels alone (no EXIF, no GPS) and kept in two sizes. All of that is slow,
so it happens in `prepare_*`, *before* the write transaction opens, and writes the results
beside their final place as `<name>.part`. The service then `keep()`s what it accepted: the
file is renamed into place only after the commit, and a refused or failed change deletes what
it prepared. A crash between the commit and the rename leaves a `.part` that `finish_parts()`
(nightly) renames if a row names it and deletes otherwise. No orphan files, no missing ones.
"""
import io
import os
import threading
import uuid
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import abort, current_app, send_file
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from .service import ServiceError
from .transaction import after_commit, on_rollback

MAX_PHOTOS = 6
PHOTO_MAX_BYTES = 10 * 1024 * 1024
VOICE_MAX_BYTES = 3 * 1024 * 1024
VIDEO_MAX_BYTES = 25 * 1024 * 1024
DISPLAY_PX, THUMB_PX = 640, 160
WEEK = 7 * 24 * 3600
# A photo above this many pixels is refused from its header, before decoding (a 6 KB PNG can
# claim 7,100 × 7,100). Pillow's own guard only refuses at twice its limit.
MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
PART = ".part"

# Photos are decoded and resized in a workshop: one thread per process, at a lower priority
# (nice 10). Six villagers uploading at once share it, and every other request — a like, a
# comment, a page — runs first when the cores are busy. Pillow releases the GIL while it works.
_workshops: dict[int, ThreadPoolExecutor] = {}


def _lower_priority() -> None:
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)  # this thread only, on Linux
    except (AttributeError, OSError):
        pass


def _workshop() -> ThreadPoolExecutor:
    """The process's workshop (made afresh in a forked web process)."""
    pid = os.getpid()
    if pid not in _workshops:
        _workshops[pid] = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cunli-photos",
                                             initializer=_lower_priority)
    return _workshops[pid]

# Columns that name stored files, registered by the areas (for finish_parts()).
PATH_COLUMNS: list = []


def names_files(*columns) -> None:
    PATH_COLUMNS.extend(columns)


@dataclass
class Prepared:
    """A checked file, written beside its final place as .part, waiting for the commit."""

    kind: str  # photo, voice, video, pdf
    mime: str
    path: str  # final path under uploads/
    small_path: str = ""
    size: int = 0
    kept: bool = False
    parts: list[Path] = field(default_factory=list)

    @property
    def fields(self) -> dict:
        """The stored file's columns (Attachment and its kin)."""
        return dict(kind=self.kind, mime=self.mime, path=self.path, small_path=self.small_path, size=self.size)


def upload_root() -> Path:
    return Path(current_app.instance_path) / "uploads"


# ---- checking ---------------------------------------------------------------------------------

def _sniff_audio_video(data: bytes) -> tuple[str, str, str] | None:
    """(kind, mime, extension) from the first bytes, or None."""
    head = data[:16]
    if head.startswith(b"\x1a\x45\xdf\xa3"):  # Matroska/WebM: audio or video, decided by the field
        return "webm", "webm", "webm"
    if head.startswith(b"OggS"):
        return "audio", "audio/ogg", "ogg"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"M4A ", b"M4B "):
            return "audio", "audio/mp4", "m4a"
        if brand.startswith(b"3gp") or brand.startswith(b"3g2"):
            return "mp4", "video/3gpp", "3gp"
        if brand == b"qt  ":
            return "mp4", "video/quicktime", "mov"
        return "mp4", "mp4", "mp4"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "audio", "audio/mpeg", "mp3"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "audio", "audio/wav", "wav"
    if head.startswith(b"#!AMR"):
        return "audio", "audio/amr", "amr"
    return None


def _read(file, field_name: str) -> bytes | None:
    if file is None or not getattr(file, "filename", None):
        return None
    data = file.read()
    if not data:
        raise ServiceError(_l("“%(name)s”是空文件，请重新选择。", name=file.filename), field_name)
    return data


def _photo_header(file, data: bytes, field_name: str) -> None:
    """Refuses what is not a photo of a sane size, from its header alone (quick, and in the
    request's thread, so the message is in the person's language)."""
    not_a_photo = _l("“%(name)s”不是照片，请选择 JPG 或 PNG 图片。", name=file.filename)
    limit = current_app.config.get("MAX_IMAGE_PIXELS", MAX_PIXELS)
    try:
        with warnings.catch_warnings():  # Pillow warns above its limit; the size check refuses
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:  # reads the header only
                width, height, kind = *image.size, image.format
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError):
        raise ServiceError(not_a_photo, field_name) from None
    if width * height > limit:  # refused before a single pixel is decoded
        raise ServiceError(_l("照片“%(name)s”太大（%(w)s×%(h)s像素），请换一张。", name=file.filename,
                              w=width, h=height), field_name)
    if kind not in ("JPEG", "PNG", "WEBP", "GIF"):
        raise ServiceError(not_a_photo, field_name)


def _two_sizes(data: bytes) -> tuple[bytes, bytes]:
    """Decoded, upright, cleaned and resized: the slow part, done in the workshop."""
    with Image.open(io.BytesIO(data)) as image:
        # A JPEG decodes straight at a reduced scale (its DCT allows 1/2, 1/4, 1/8): we keep
        # at most 640 px, so decoding all 12 megapixels of a phone photo is wasted work.
        image.draft("RGB", (DISPLAY_PX, DISPLAY_PX))
        upright = ImageOps.exif_transpose(image)
        return _clean_jpeg(upright, DISPLAY_PX), _clean_jpeg(upright, THUMB_PX)


def _clean_jpeg(image: Image.Image, longest: int) -> bytes:
    """Upright, RGB, at most `longest` px, and no metadata at all: a new image is written
    from the pixels alone, so EXIF, GPS, XMP and ICC never reach the file."""
    image = image.copy()
    image.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    pixels_only = Image.new("RGB", image.size)
    pixels_only.paste(image.convert("RGB"))
    out = io.BytesIO()
    pixels_only.save(out, "JPEG", quality=80, optimize=True, progressive=True)
    return out.getvalue()


# ---- preparing (before the write transaction) ---------------------------------------------------

def _final_name(area: str, ext: str) -> str:
    month = datetime.now(UTC).strftime("%Y-%m")
    return f"{area}/{month}/{uuid.uuid4().hex}.{ext}"


def _stage(prepared: Prepared, relative: str, data: bytes) -> None:
    part = upload_root() / (relative + PART)
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(data)
    prepared.parts.append(part)


def _staged(prepared: Prepared) -> Prepared:
    """A prepared file goes away with a refused change, and with one that never kept it."""
    on_rollback(lambda: _discard(prepared))
    after_commit(lambda: prepared.kept or _discard(prepared))
    return prepared


def _discard(prepared: Prepared) -> None:
    for part in prepared.parts:
        part.unlink(missing_ok=True)


def prepare_photo(file, area: str, field_name: str = "photos") -> Prepared | None:
    data = _read(file, field_name)
    if data is None:
        return None
    if len(data) > PHOTO_MAX_BYTES:
        raise ServiceError(_l("照片“%(name)s”太大（超过10MB），请换一张。", name=file.filename), field_name)
    _photo_header(file, data, field_name)
    try:
        display, thumb = _workshop().submit(_two_sizes, data).result()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):  # a header that lied
        raise ServiceError(_l("“%(name)s”不是照片，请选择 JPG 或 PNG 图片。", name=file.filename), field_name) from None
    path = _final_name(area, "jpg")
    prepared = Prepared("photo", "image/jpeg", path, path[:-4] + "-s.jpg", len(display))
    _stage(prepared, prepared.path, display)
    _stage(prepared, prepared.small_path, thumb)
    return _staged(prepared)


def _prepare_raw(kind: str, mime: str, ext: str, data: bytes, area: str) -> Prepared:
    prepared = Prepared(kind, mime, _final_name(area, ext), "", len(data))
    _stage(prepared, prepared.path, data)
    return _staged(prepared)


def _prepare_recording(file, area: str, field_name: str, *, kind: str, most: int, accepted: tuple[str, ...],
                       too_big, not_kind: str) -> Prepared | None:
    """A voice note or a video: its size, then its container read from the bytes themselves."""
    data = _read(file, field_name)
    if data is None:
        return None
    if len(data) > most:
        raise ServiceError(too_big, field_name)
    found = _sniff_audio_video(data)
    if found is None or found[0] not in accepted:
        raise ServiceError(not_kind % {"name": file.filename}, field_name)
    _, mime, ext = found
    top = "audio" if kind == "voice" else "video"
    return _prepare_raw(kind, {"webm": f"{top}/webm", "mp4": f"{top}/mp4"}.get(mime, mime), ext, data, area)


def prepare_voice(file, area: str, field_name: str = "voice") -> Prepared | None:
    return _prepare_recording(file, area, field_name, kind="voice", most=VOICE_MAX_BYTES,
                              accepted=("audio", "webm", "mp4"), too_big=_l("语音太长了，请控制在60秒以内。"),
                              not_kind=_("“%(name)s”不是录音文件。"))


def prepare_video(file, area: str, field_name: str = "video") -> Prepared | None:
    return _prepare_recording(file, area, field_name, kind="video", most=VIDEO_MAX_BYTES,
                              accepted=("webm", "mp4"), too_big=_l("视频太大（超过25MB），请拍短一点。"),
                              not_kind=_("“%(name)s”不是视频文件。"))


LESSON_AUDIO_KBPS = 64  # a lesson's audio plays on 2G: at most 64 kbit/s
LESSON_MEDIA_MAX_BYTES = 8 * 1024 * 1024


def audio_kbps(data: bytes) -> float | None:
    """The bit rate of an MP3, M4A or Ogg file, read by mutagen from its headers (None when it
    cannot tell: a container it does not read)."""
    import mutagen

    try:
        found = mutagen.File(io.BytesIO(data))
    except Exception:  # noqa: BLE001  (mutagen raises many kinds on a damaged file)
        return None
    info = getattr(found, "info", None)
    if info is None:
        return None
    if getattr(info, "bitrate", 0):
        return info.bitrate / 1000
    length = getattr(info, "length", 0)
    return len(data) * 8 / 1000 / length if length else None


def prepare_lesson_audio(file, area: str, field_name: str = "audio") -> Prepared | None:
    """A lesson's audio: MP3, M4A or Ogg of at most 64 kbit/s and 8 MB, so that a lesson's
    first minute arrives on 2G as fast as it plays."""
    data = _read(file, field_name)
    if data is None:
        return None
    if len(data) > LESSON_MEDIA_MAX_BYTES:
        raise ServiceError(_l("音频太大（超过8MB），请剪短或压缩。"), field_name)
    found = _sniff_audio_video(data)
    kbps = audio_kbps(data) if found and found[0] == "audio" else None
    if found is None or found[0] != "audio" or kbps is None:
        raise ServiceError(_("“%(name)s”不是能用的音频文件（请用 MP3、M4A 或 OGG）。") % {"name": file.filename}, field_name)
    if kbps > LESSON_AUDIO_KBPS * 1.05:
        raise ServiceError(_l("音频码率是 %(k)s kbps，请转成 64 kbps 以下再传（村民用 2G 也能听）。", k=round(kbps)),
                           field_name)
    return _prepare_raw("voice", found[1], found[2], data, area)


def prepare_lesson_video(file, area: str, field_name: str = "video") -> Prepared | None:
    prepared = _prepare_recording(file, area, field_name, kind="video", most=LESSON_MEDIA_MAX_BYTES,
                                  accepted=("webm", "mp4"), too_big=_l("课堂视频请控制在8MB以内（大约1分钟）。"),
                                  not_kind=_("“%(name)s”不是视频文件。"))
    return prepared


def prepare_pdf(file, area: str, field_name: str = "files") -> Prepared | None:
    data = _read(file, field_name)
    if data is None:
        return None
    if len(data) > VIDEO_MAX_BYTES:
        raise ServiceError(_l("文件太大（超过25MB）。"), field_name)
    if not data.startswith(b"%PDF-"):
        raise ServiceError(_l("“%(name)s”不是 PDF 文件。", name=file.filename), field_name)
    return _prepare_raw("pdf", "application/pdf", "pdf", data, area)


def prepare_photo_or_pdf(file, area: str, field_name: str = "files") -> Prepared | None:
    head = file.stream.read(5) if getattr(file, "filename", None) else b""
    if head:
        file.stream.seek(0)
    return prepare_pdf(file, area, field_name) if head == b"%PDF-" else prepare_photo(file, area, field_name)


def prepare_report_files(photos, voice, video, area: str = "cases") -> list[Prepared]:
    """A report's photos (six at most), voice note and video, all checked or none kept."""
    photos = [p for p in (photos or []) if getattr(p, "filename", None)]
    if len(photos) > MAX_PHOTOS:
        raise ServiceError(_l("最多上传6张照片。"), "photos")
    prepared = [prepare_photo(p, area) for p in photos]
    prepared += [prepare_voice(voice, area), prepare_video(video, area)]
    return [p for p in prepared if p is not None]


# ---- keeping (inside the service) -------------------------------------------------------------

def keep(prepared: Prepared | None) -> Prepared | None:
    """The service accepted the file: it moves into place when the change is committed."""
    if prepared is None:
        return None
    if not isinstance(prepared, Prepared):
        raise TypeError("prepare uploads before the write transaction (media.prepare_*)")
    prepared.kept = True
    after_commit(lambda: _move_into_place(prepared))
    return prepared


def _move_into_place(prepared: Prepared) -> None:
    for part in prepared.parts:
        os.replace(part, part.with_name(part.name[: -len(PART)]))


def finish_parts(older_than: timedelta = timedelta(minutes=30)) -> tuple[int, int]:
    """After a crash between a commit and its rename: a .part named by a row is put in place,
    any other is deleted. Returns (finished, deleted)."""
    from sqlalchemy import select

    from .extensions import db

    root, finished, deleted = upload_root(), 0, 0
    cutoff = datetime.now(UTC).timestamp() - older_than.total_seconds()
    for part in root.rglob(f"*{PART}"):
        if part.stat().st_mtime > cutoff:
            continue
        final = part.relative_to(root).as_posix()[: -len(PART)]
        named = any(db.session.scalar(select(column).where(column == final).limit(1)) is not None
                    for column in PATH_COLUMNS)
        if named:
            os.replace(part, root / final)
            finished += 1
        else:
            part.unlink(missing_ok=True)
            deleted += 1
    return finished, deleted


# ---- serving -------------------------------------------------------------------------------------

def send_stored(path: str, mimetype: str = "image/jpeg", public: bool = False):
    """A stored file as a response, kept a week by the phone (a stored file never changes).
    Files behind a login are `private`: a shared cache on the way must never keep them."""
    if not path:
        abort(404)
    response = send_file(upload_root() / path, mimetype=mimetype, conditional=True, max_age=WEEK)
    response.headers["Cache-Control"] = f"{'public' if public else 'private'}, max-age={WEEK}"
    return response


def send_stored_photo(path: str):
    return send_stored(path)
