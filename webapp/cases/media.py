"""Photos, voice notes and videos of a report: checked by their content, never by their name;
photos turned upright by EXIF, stripped of all metadata (GPS above all) and kept in two sizes.

Everything is checked before anything is written, so a refused upload stores nothing.
"""
import io
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from ..service import ServiceError

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


@dataclass
class Upload:
    kind: str  # photo, voice, video
    data: bytes
    mime: str
    ext: str


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


def _read(file) -> bytes | None:
    if file is None or not getattr(file, "filename", None):
        return None
    data = file.read()
    if not data:
        raise ServiceError(_l("“%(name)s”是空文件，请重新选择。", name=file.filename), "attachments")
    return data


def check_photo(file) -> Upload | None:
    data = _read(file)
    if data is None:
        return None
    if len(data) > PHOTO_MAX_BYTES:
        raise ServiceError(_l("照片“%(name)s”太大（超过10MB），请换一张。", name=file.filename), "photos")
    limit = current_app.config.get("MAX_IMAGE_PIXELS", MAX_PIXELS)
    try:
        with warnings.catch_warnings():  # Pillow warns above its limit; the size check below refuses
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))  # reads the header only
        with image:
            width, height = image.size
            if width * height > limit:  # refused before a single pixel is decoded
                raise ServiceError(_l("照片“%(name)s”太大（%(w)s×%(h)s像素），请换一张。", name=file.filename,
                                      w=width, h=height), "photos")
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError):
        raise ServiceError(_l("“%(name)s”不是照片，请选择 JPG 或 PNG 图片。", name=file.filename), "photos") from None
    if kind not in ("JPEG", "PNG", "WEBP", "GIF"):
        raise ServiceError(_l("“%(name)s”不是照片，请选择 JPG 或 PNG 图片。", name=file.filename), "photos")
    return Upload("photo", data, "image/jpeg", "jpg")


def check_voice(file) -> Upload | None:
    data = _read(file)
    if data is None:
        return None
    if len(data) > VOICE_MAX_BYTES:
        raise ServiceError(_l("语音太长了，请控制在60秒以内。"), "voice")
    found = _sniff_audio_video(data)
    if found is None or found[0] not in ("audio", "webm", "mp4"):
        raise ServiceError(_l("“%(name)s”不是录音文件。", name=file.filename), "voice")
    _, mime, ext = found
    mime = {"webm": "audio/webm", "mp4": "audio/mp4"}.get(mime, mime)
    return Upload("voice", data, mime, ext)


def check_video(file) -> Upload | None:
    data = _read(file)
    if data is None:
        return None
    if len(data) > VIDEO_MAX_BYTES:
        raise ServiceError(_l("视频太大（超过25MB），请拍短一点。"), "video")
    found = _sniff_audio_video(data)
    if found is None or found[0] not in ("webm", "mp4"):
        raise ServiceError(_l("“%(name)s”不是视频文件。", name=file.filename), "video")
    _, mime, ext = found
    mime = {"webm": "video/webm", "mp4": "video/mp4"}.get(mime, mime)
    return Upload("video", data, mime, ext)


def check_uploads(photos, voice, video) -> list[Upload]:
    photos = [p for p in (photos or []) if getattr(p, "filename", None)]
    if len(photos) > MAX_PHOTOS:
        raise ServiceError(_l("最多上传6张照片。"), "photos")
    uploads = [check_photo(p) for p in photos] + [check_voice(voice), check_video(video)]
    return [u for u in uploads if u is not None]


def upload_root() -> Path:
    return Path(current_app.instance_path) / "uploads"


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


def store(case_id: int, upload: Upload) -> dict:
    """Write a report's file; returns the Attachment fields."""
    return store_in(f"cases/{case_id}", upload)


def check_pdf(file) -> Upload | None:
    data = _read(file)
    if data is None:
        return None
    if len(data) > VIDEO_MAX_BYTES:
        raise ServiceError(_l("文件太大（超过25MB）。"), "attachments")
    if not data.startswith(b"%PDF-"):
        raise ServiceError(_l("“%(name)s”不是 PDF 文件。", name=file.filename), "attachments")
    return Upload("pdf", data, "application/pdf", "pdf")


def store_in(subfolder: str, upload: Upload) -> dict:
    """Write the files under uploads/<subfolder>; photos become two clean JPEGs."""
    folder = upload_root() / subfolder
    folder.mkdir(parents=True, exist_ok=True)
    name = uuid.uuid4().hex
    if upload.kind == "photo":
        with Image.open(io.BytesIO(upload.data)) as opened:
            upright = ImageOps.exif_transpose(opened)
            display, thumb = _clean_jpeg(upright, DISPLAY_PX), _clean_jpeg(upright, THUMB_PX)
        (folder / f"{name}.jpg").write_bytes(display)
        (folder / f"{name}-s.jpg").write_bytes(thumb)
        return dict(kind="photo", mime="image/jpeg", path=f"{subfolder}/{name}.jpg",
                    small_path=f"{subfolder}/{name}-s.jpg", size=len(display))
    (folder / f"{name}.{upload.ext}").write_bytes(upload.data)
    return dict(kind=upload.kind, mime=upload.mime, path=f"{subfolder}/{name}.{upload.ext}",
                small_path="", size=len(upload.data))


def send_stored(path: str, mimetype: str = "image/jpeg", public: bool = False):
    """A stored file as a response, kept a week by the phone (a stored file never changes).
    Files behind a login are `private`: a shared cache on the way must never keep them."""
    from flask import abort, send_file

    if not path:
        abort(404)
    response = send_file(upload_root() / path, mimetype=mimetype, conditional=True, max_age=WEEK)
    response.headers["Cache-Control"] = f"{'public' if public else 'private'}, max-age={WEEK}"
    return response


def send_stored_photo(path: str):
    return send_stored(path)
