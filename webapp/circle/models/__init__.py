"""The village circle's tables."""
from .activities import CANCELLED, GOING, OPEN, PROPOSED, WAITING, WITHDRAWN, Activity, Signup
from .moderation import (
    DECISIONS,
    HIDE,
    KEEP,
    REASONS,
    REMOVE,
    AbuseReport,
    Appeal,
    Decision,
    Mute,
    SensitiveWord,
)
from .news import NEWS, TIP, TIP_KINDS, WEATHER, LocalNews
from .posts import (
    CATEGORIES,
    HELD,
    HIDDEN,
    MAX_PHOTOS,
    PUBLISHED,
    REMOVED,
    STATUSES,
    CardNote,
    Follow,
    Post,
    PostComment,
    PostLike,
)

__all__ = ["CANCELLED", "CATEGORIES", "DECISIONS", "GOING", "HELD", "HIDDEN", "HIDE", "KEEP", "MAX_PHOTOS", "NEWS", "OPEN",
           "PROPOSED", "PUBLISHED", "REASONS", "REMOVE", "REMOVED", "STATUSES", "TIP", "TIP_KINDS", "WAITING", "WEATHER",
           "WITHDRAWN", "AbuseReport", "Activity", "Appeal", "CardNote", "Decision", "Follow", "LocalNews", "Mute",
           "Post", "PostComment", "PostLike", "SensitiveWord", "Signup"]
