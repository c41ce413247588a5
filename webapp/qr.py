"""QR codes drawn as inline SVG (segno): no image request, readable offline. A leaf any area uses."""
import segno


def qr_svg(link: str) -> str:
    # A full QR code (segno's Micro QR is not read by every phone camera), sized by the page.
    return segno.make_qr(link, error="m").svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True,
                                                     title=link)
