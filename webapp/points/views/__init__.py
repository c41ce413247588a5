"""The points pages: my points and the rules, awarding, good-deed claims, the goodwill
supermarket, team points, the monthly reports and the service stars."""
from . import claims, ledger, reports, store  # noqa: F401
