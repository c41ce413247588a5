"""Every write of the services hall."""
from .catalogue import prepare_member_photo, save_entry, save_guide, save_member
from .requests import (
           ANSWER_HOURS,
           answer,
           ask,
           holders,
           member_for,
           prepare_photo,
           rate,
           record_done,
           schedule,
)

__all__ = ["ANSWER_HOURS", "answer", "ask", "holders", "member_for", "prepare_member_photo", "prepare_photo", "rate",
           "record_done", "save_entry", "save_guide", "save_member", "schedule"]
