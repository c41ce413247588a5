"""Every write of the points area, each audited: the ledger (awards, automatic points,
corrections, balances), good-deed claims, the goodwill supermarket, the monthly reports and
the yearly service stars."""
from .claims import approve_claim, claim_good_deed, prepare_claim_photo, reject_claim
from .ledger import (
                     BEIJING,
                     award_automatically,
                     award_points,
                     month_of,
                     rebuild_balances,
                     reverse_entry,
                     rules_for,
)
from .reports import make_due_reports, make_monthly_report
from .stars import choose_service_stars
from .store import (
                     cancel_order,
                     expire_orders,
                     order_for_code,
                     order_item,
                     prepare_item_photo,
                     redeem_order,
                     restock_item,
                     save_store_item,
)

__all__ = ["BEIJING", "approve_claim", "award_automatically", "award_points", "cancel_order", "choose_service_stars",
           "claim_good_deed", "prepare_claim_photo", "prepare_item_photo", "expire_orders", "make_due_reports", "make_monthly_report", "month_of", "order_for_code", "order_item", "restock_item",
           "rebuild_balances", "redeem_order", "reject_claim", "reverse_entry", "rules_for", "save_store_item"]
