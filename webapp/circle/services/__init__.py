"""Every write of the village circle."""
from .activities import (
           approve,
           call_off,
           cancel,
           check_in,
           create_activity,
           mark_attended,
           remind_tomorrow,
           sign_up,
)
from .moderation import appeal, decide, decide_appeal, import_words, mute, report
from .news import enter_weather, publish_news, unpin
from .posts import (
           active_mute,
           comment,
           create_post,
           follow,
           like_post,
           prepare_post_media,
           set_offer,
           unfollow,
)

__all__ = ["active_mute", "appeal", "approve", "call_off", "cancel", "check_in", "comment", "create_activity", "create_post",
           "decide", "decide_appeal", "enter_weather", "follow", "import_words", "like_post", "mark_attended", "mute",
           "prepare_post_media", "publish_news", "remind_tomorrow", "report", "set_offer", "sign_up", "unfollow",
           "unpin"]
