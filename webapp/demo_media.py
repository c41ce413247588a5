"""Pictures for the demo, drawn by Pillow (no binary is committed); a leaf every demo part imports."""


def demo_photo(colour: str, name: str = "photo.jpg"):
    """A plain picture for the demo's goods and claims (Pillow, no files shipped)."""
    import io

    from PIL import Image, ImageDraw
    from werkzeug.datastructures import FileStorage

    image = Image.new("RGB", (320, 320), colour)
    ImageDraw.Draw(image).rounded_rectangle((70, 70, 250, 250), radius=30, fill="white")
    data = io.BytesIO()
    image.save(data, "JPEG")
    data.seek(0)
    return FileStorage(data, filename=name, content_type="image/jpeg")
