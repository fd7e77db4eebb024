"""Demo accounts: one per role for seven agencies, plus the system administrator."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _

from agencies.choices import Role
from agencies.models import Agency, Membership, Post

Warn = Callable[[str], None]

DEMO_AGENCIES = ("KG-CUS", "KG-BGS", "KG-MVD", "KG-ECO", "KZ-CUS", "UZ-CUS", "TJ-CUS")
ROLE_PASSWORDS = {
    Role.OFFICER: "demo-officer",
    Role.SUPERVISOR: "demo-supervisor",
    Role.ANALYST: "demo-analyst",
    Role.AGENCY_ADMIN: "demo-agency-admin",
}
STAFF_ROLES = {Role.SUPERVISOR, Role.AGENCY_ADMIN}
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "demo-admin"
USUAL_POST = {
    "KG-CUS": "KG-CUS-FRU",
    "KG-BGS": "KG-BGS-FRU",
    "KG-MVD": "KG-MVD-OSB",
    "KG-ECO": "KG-ECO-BSK",
    "KZ-CUS": "KZ-CUS-ALA",
    "UZ-CUS": "UZ-CUS-TAS",
    "TJ-CUS": "TJ-CUS-DYU",
}
ACCOUNT_NAMES = {  # first and last names of the demo users, per agency: officer, supervisor, analyst, admin
    "KG-CUS": ("Aibek Asanov", "Nurgul Sadykova", "Timur Bekov", "Elmira Joldosheva"),
    "KG-BGS": ("Ruslan Toktorov", "Kanat Osmonov", "Aizada Kasymova", "Bolot Mamatov"),
    "KG-MVD": ("Daniyar Usenov", "Marat Abdrakhmanov", "Asel Kurmanbekova", "Erkin Satybaldiev"),
    "KG-ECO": ("Meerim Alieva", "Azamat Baktybekov", "Cholpon Isaeva", "Uran Sultanov"),
    "KZ-CUS": ("Arman Seitkali", "Dana Omarova", "Yerzhan Tulegenov", "Saule Abenova"),
    "UZ-CUS": ("Otabek Karimov", "Dilnoza Yusupova", "Bekzod Rashidov", "Lola Alimova"),
    "TJ-CUS": ("Firdavs Saidov", "Manizha Rahmonova", "Suhrob Hakimov", "Jamshed Davlatov"),
}


def username_for(agency_code: str, role: str) -> str:
    """`KG-CUS`, `agency_admin` → `kg-cus.agency-admin`."""
    return f"{agency_code.lower()}.{role.replace('_', '-')}"


def demo_usernames() -> list[str]:
    return [ADMIN_USERNAME] + [username_for(code, role) for code in DEMO_AGENCIES for role in ROLE_PASSWORDS]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    agency: str
    password: str
    created: bool


def ensure_demo_accounts(reset_passwords: bool = False, warn: Warn = print) -> list[DemoAccount]:
    """Create (or repair) the demo accounts; existing accounts keep their password unless `reset_passwords`.

    A password hash is made once per role with make_password (what set_password does) and shared by that
    role's accounts: PBKDF2 is deliberately slow, and 29 hashes would cost over ten seconds.
    """
    user_model = get_user_model()
    hashes: dict[str, str] = {}

    def hashed(password: str) -> str:
        if password not in hashes:
            hashes[password] = make_password(password)
        return hashes[password]

    def sync_user(username: str, first_last: str, password: str, **flags: bool) -> tuple[Any, bool]:
        user = user_model.objects.filter(username=username).first()
        created = user is None
        if created:
            first, _sep, last = first_last.partition(" ")
            user = user_model(username=username, first_name=first, last_name=last,
                              email=f"{username}@demo.example.org")
        changed = created
        for attr, value in flags.items():
            if getattr(user, attr) != value:
                setattr(user, attr, value)
                changed = True
        if created or reset_passwords:
            user.password = hashed(password)
            changed = True
        if changed:
            user.full_clean()
            user.save()
        return user, created

    accounts: list[DemoAccount] = []
    _admin, created = sync_user(ADMIN_USERNAME, "System Administrator", ADMIN_PASSWORD,
                                is_active=True, is_staff=True, is_superuser=True)
    accounts.append(DemoAccount(ADMIN_USERNAME, "superuser", "", ADMIN_PASSWORD, created))
    agencies = {a.code: a for a in Agency.objects.filter(code__in=DEMO_AGENCIES)}
    posts = {p.code: p for p in Post.objects.filter(code__in=USUAL_POST.values())}
    for code in DEMO_AGENCIES:
        agency = agencies.get(code)
        if agency is None:
            warn(_("Agency %(code)s is not in the reference data: no demo accounts for it.") % {"code": code})
            continue
        for (role, password), full_name in zip(ROLE_PASSWORDS.items(), ACCOUNT_NAMES[code], strict=True):
            username = username_for(code, role)
            user, created = sync_user(username, full_name, password, is_active=True,
                                      is_staff=role in STAFF_ROLES, is_superuser=False)
            language = "ky" if code.startswith("KG") and role == Role.OFFICER else "ru"
            wanted = {"agency_id": agency.pk, "role": role,
                      "post_id": posts[USUAL_POST[code]].pk if USUAL_POST[code] in posts else None}
            membership = Membership.objects.filter(user=user).first()
            if membership is None:
                membership = Membership(user=user, language=language, **wanted)
                membership.full_clean()
                membership.save()
            elif any(getattr(membership, k) != v for k, v in wanted.items()):
                for key, value in wanted.items():
                    setattr(membership, key, value)
                membership.full_clean()
                membership.save()
            accounts.append(DemoAccount(username, role, code, password, created))
    return accounts
