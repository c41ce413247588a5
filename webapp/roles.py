"""The roles people hold in regions, and how they read. A leaf: anything may import it."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .regions.models import COUNTY, GRID, GROUP, TOWNSHIP, VILLAGE


@dataclass(frozen=True)
class Role:
    code: str
    label: object
    levels: tuple[str, ...]  # the region levels this role may be held in


ROLES = {
    r.code: r
    for r in (
        Role("admin", _l("管理员"), (COUNTY, TOWNSHIP, VILLAGE)),
        Role("township_staff", _l("乡镇综合指挥室"), (TOWNSHIP,)),
        Role("cadre", _l("村干部"), (VILLAGE,)),
        Role("party_secretary", _l("村党组织书记"), (VILLAGE,)),
        Role("service_member", _l("服务团队成员"), (VILLAGE,)),
        # Keeps the village's registry of vulnerable people (关爱对象) and assigns their carers.
        Role("civil_affairs", _l("民政专干"), (VILLAGE,)),
        Role("group_leader", _l("村民小组长"), (GROUP,)),
        Role("grid_worker", _l("网格员"), (GRID,)),
        Role("mediator", _l("调解员"), (VILLAGE, TOWNSHIP)),
        Role("lawyer", _l("公益律师"), (TOWNSHIP, COUNTY)),
        Role("shopkeeper", _l("热心超市店员"), (VILLAGE,)),
    )
}

# Roles that may verify a villager against the household registry.
VERIFIERS = ("group_leader", "grid_worker", "cadre", "party_secretary", "admin")


def role_label(code: str) -> str:
    role = ROLES.get(code)
    return str(role.label) if role else code


def role_titles(person) -> list[str]:
    """What a person does, each once: a secretary who is also a cadre reads "书记", not
    "书记 · 书记"."""
    return list(dict.fromkeys(m.title or role_label(m.role) for m in person.memberships))


def role_badges(person) -> list[str]:
    """"书记 · 东岙村", each role and place once, for cards and the home page."""
    return list(dict.fromkeys(f"{m.title or role_label(m.role)} · {m.region.name}" for m in person.memberships))


VILLAGE_TEAM = ("cadre", "party_secretary", "admin")
