"""Money as whole fen: parsed from what an accountant types, shown as 1,260.00."""
import re
from decimal import Decimal, InvalidOperation

AMOUNT = re.compile(r"^\d{1,12}(\.\d{1,2})?$")
MAX_FEN = 10**14 - 1  # 999,999,999,999.99 yuan: what the typed form allows, and far inside BIGINT


def parse_amount(text) -> int:
    """'1,260.5' → 126050 fen. Raises ValueError for anything that is not a positive amount
    with at most two decimals."""
    if isinstance(text, (int, Decimal)) and not isinstance(text, bool):
        value = Decimal(text)
    elif isinstance(text, float):
        value = Decimal(repr(text))  # a spreadsheet number: keep what was typed, not binary noise
    else:
        cleaned = str(text or "").strip().replace(",", "").replace("，", "").replace("¥", "").replace("元", "")
        if not AMOUNT.match(cleaned):
            raise ValueError(text)
        value = Decimal(cleaned)
    try:
        fen = value * 100
    except InvalidOperation:
        raise ValueError(text) from None
    if not fen.is_finite() or fen != fen.to_integral_value() or not 0 < fen <= MAX_FEN:
        raise ValueError(text)
    return int(fen)


def yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"
