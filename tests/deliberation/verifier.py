"""The standalone verifier (static/verify_draw.py), loaded as the file a villager downloads."""
import importlib.util
from pathlib import Path

VERIFIER = Path(__file__).resolve().parents[2] / "static" / "verify_draw.py"


def load_verifier():
    spec = importlib.util.spec_from_file_location("verify_draw", VERIFIER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
