"""Consent stage: Material's ``extra.consent`` per language, the consent revision
and the gating script, all made from the declared cookie list (``declared.py``).
"""

from .config import apply_consent, check_user_consent, consent_config, material_key
from .declared import (
    CATEGORIES,
    CONSENT_CATEGORIES,
    CookieRow,
    consent_categories,
    cookie_findings,
    effective_cookies,
)
from .gating import (
    ASSET_PATH,
    ConsentScript,
    add_consent_script,
    forgettable_cookies,
    gating_script,
    inject_consent_script,
    script_tag,
)
from .revision import consent_revision

__all__ = [
    "ASSET_PATH",
    "CATEGORIES",
    "CONSENT_CATEGORIES",
    "ConsentScript",
    "CookieRow",
    "add_consent_script",
    "apply_consent",
    "check_user_consent",
    "consent_categories",
    "consent_config",
    "consent_revision",
    "cookie_findings",
    "effective_cookies",
    "forgettable_cookies",
    "gating_script",
    "inject_consent_script",
    "material_key",
    "script_tag",
]
