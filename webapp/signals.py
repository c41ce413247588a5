"""Domain events. Areas send these; other areas subscribe in their __init__.py, so that no area
imports another's views."""
from blinker import Namespace

events = Namespace()

villager_verified = events.signal("villager-verified")
party_member_verified = events.signal("party-member-verified")
role_granted = events.signal("role-granted")
role_revoked = events.signal("role-revoked")
case_resolved = events.signal("case-resolved")  # sender: the case, after its commit
case_rated = events.signal("case-rated")
