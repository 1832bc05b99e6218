"""Which country a member is in, for the help numbers shown to her first.

Members write their place freely ("Leeds, UK", "Marina del Rey, CA"), so the last part
that names a country, a UK nation, a US state, a Canadian province or an Australian state
decides; failing that, the region of the browser's language ("en-GB"). Pure functions:
no database, no network. An unknown place gives "" and the page lists every country.
"""

from __future__ import annotations

import re

_US_STATES = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "DC",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
]
_US_STATE_NAMES = [
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "wisconsin",
    "wyoming",
] + [
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "rhode island",
    "south carolina",
    "south dakota",
    "west virginia",
    "washington dc",
    "washington d.c.",
]
_CA_PROVINCES = ["ON", "QC", "BC", "AB", "MB", "SK", "NS", "NB", "NL", "PE", "YT", "NU"] + [
    "ontario",
    "quebec",
    "québec",
    "british columbia",
    "alberta",
    "manitoba",
    "saskatchewan",
    "nova scotia",
    "new brunswick",
    "newfoundland",
    "prince edward island",
    "yukon",
    "nunavut",
]
_AU_STATES = ["NSW", "VIC", "QLD", "TAS", "ACT"] + [
    "new south wales",
    "victoria",
    "queensland",
    "tasmania",
    "western australia",
    "south australia",
    "northern territory",
]

# Names as people write them (lower case) -> ISO 3166 code.
_NAMES: dict[str, str] = {
    **dict.fromkeys(
        [
            "uk",
            "u.k.",
            "gb",
            "great britain",
            "britain",
            "united kingdom",
            "england",
            "scotland",
            "wales",
            "northern ireland",
            "ni",
        ],
        "GB",
    ),
    **dict.fromkeys(["ireland", "ie", "eire", "éire", "republic of ireland", "roi"], "IE"),
    **dict.fromkeys(
        ["us", "u.s.", "usa", "u.s.a.", "united states", "united states of america", "america"],
        "US",
    ),
    **dict.fromkeys(["canada"], "CA"),
    **dict.fromkeys(["australia", "aus", "au"], "AU"),
    **dict.fromkeys(["new zealand", "nz", "aotearoa"], "NZ"),
    **dict.fromkeys([s.lower() for s in _US_STATES] + _US_STATE_NAMES, "US"),
    **dict.fromkeys([p.lower() for p in _CA_PROVINCES], "CA"),
    **dict.fromkeys([s.lower() for s in _AU_STATES], "AU"),
}
_LANGUAGE_REGION = re.compile(r"^[a-z]{2,3}-([a-z]{2})\b", re.IGNORECASE)


def country_from_location(location: str) -> str:
    """ "Leeds, UK" -> "GB"; "Marina del Rey, CA" -> "US" (a state); "" when unsure."""
    parts = [p.strip(" .").lower() for p in re.split(r"[,/;()]", location or "") if p.strip()]
    for part in reversed(parts):
        if part in _NAMES:
            return _NAMES[part]
    return ""


def country_from_languages(accept_language: str) -> str:
    """The region of the browser's first regional language: "en-GB,en;q=0.9" -> "GB"."""
    for item in (accept_language or "").split(",")[:6]:
        match = _LANGUAGE_REGION.match(item.strip())
        if match:
            return match.group(1).upper()
    return ""


def member_country(user, accept_language: str = "") -> str:
    """The member's country code from where she says she is, else from her browser."""
    location = getattr(user, "location", "") if getattr(user, "is_authenticated", False) else ""
    return country_from_location(location) or country_from_languages(accept_language)
