"""Consent stage: Material's ``extra.consent`` per language, the consent revision,
the gating script and Seloste's own banner (``banner.py``, for other themes and
generators), all made from the declared cookie list (``declared.py``).
"""

from .banner import (
    OwnBanner,
    add_own_banner,
    banner_html,
    insert_settings_link,
    settings_link_html,
)
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
    expiry_period,
    forgettable_cookies,
    gating_script,
    inject_consent_script,
    script_tag,
    uses_google_consent_mode,
)
from .revision import consent_revision

__all__ = [
    "OwnBanner",
    "add_own_banner",
    "banner_html",
    "expiry_period",
    "insert_settings_link",
    "settings_link_html",
    "uses_google_consent_mode",
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
