"""Points: the ledger and its rules, good-deed claims, the goodwill supermarket, the monthly
reports and the yearly service stars."""
from .claims import GoodDeedClaim
from .ledger import AWARDERS, KINDS, STORE_KIND, PointBalance, PointEntry, PointRule
from .reports import PointReport, ServiceStar
from .store import StoreItem, StoreOrder

__all__ = ["AWARDERS", "KINDS", "GoodDeedClaim", "PointBalance", "PointEntry", "PointReport", "PointRule",
           "STORE_KIND", "ServiceStar", "StoreItem", "StoreOrder"]
