"""A first list of numbers to call about an urgent symptom; admins keep it up to date."""

from django.db import migrations

CLINIC = (
    "Call them directly, day or night, about bleeding, pain, your baby moving less, fluid "
    "leaking, a bad headache or changes in your sight. The number is on your notes or your "
    "clinic's letters."
)
RESOURCES = [
    # (position, country code, country, name, phone, when to call, url)
    (
        10,
        "GB",
        "United Kingdom",
        "Emergency",
        "999",
        "Very heavy bleeding, severe pain, fainting, chest pain, struggling to breathe, or "
        "you feel something is badly wrong.",
        "",
    ),
    (
        11,
        "GB",
        "United Kingdom",
        "Your maternity unit, early pregnancy unit (EPU) or clinic",
        "",
        CLINIC,
        "",
    ),
    (
        12,
        "GB",
        "United Kingdom",
        "NHS 111",
        "111",
        "If you cannot reach them or are not sure what to do, any time.",
        "https://111.nhs.uk",
    ),
    (
        20,
        "IE",
        "Ireland",
        "Emergency (112 or 999)",
        "112",
        "Very heavy bleeding, severe pain, fainting, chest pain or struggling to breathe.",
        "",
    ),
    (
        21,
        "IE",
        "Ireland",
        "Your maternity hospital, early pregnancy unit or clinic",
        "",
        CLINIC,
        "",
    ),
    (
        22,
        "IE",
        "Ireland",
        "Your GP or GP out-of-hours service",
        "",
        "If you cannot reach your hospital or clinic.",
        "",
    ),
    (
        30,
        "US",
        "United States",
        "Emergency",
        "911",
        "Very heavy bleeding, severe pain, fainting, chest pain or trouble breathing.",
        "",
    ),
    (
        31,
        "US",
        "United States",
        "Your OB's after-hours line, or Labor and Delivery (L&D)",
        "",
        "Call your OB or go to L&D about bleeding, pain, your baby moving less, leaking fluid, "
        "a bad headache or changes in your sight. After IVF, call your clinic's on-call line.",
        "",
    ),
    (
        40,
        "CA",
        "Canada",
        "Emergency",
        "911",
        "Very heavy bleeding, severe pain, fainting, chest pain or trouble breathing.",
        "",
    ),
    (41, "CA", "Canada", "Your OB, midwife or labour and delivery unit, or clinic", "", CLINIC, ""),
    (
        42,
        "CA",
        "Canada",
        "Health line 811",
        "811",
        "A nurse, day or night, in most provinces and territories.",
        "",
    ),
    (
        50,
        "AU",
        "Australia",
        "Emergency",
        "000",
        "Very heavy bleeding, severe pain, fainting, chest pain or trouble breathing.",
        "",
    ),
    (51, "AU", "Australia", "Your maternity unit or birth suite, or your clinic", "", CLINIC, ""),
    (52, "AU", "Australia", "13 HEALTH (Queensland)", "13 43 25 84", "A nurse, day or night.", ""),
    (
        53,
        "AU",
        "Australia",
        "healthdirect",
        "1800 022 222",
        "A nurse, day or night (other states and territories).",
        "https://www.healthdirect.gov.au",
    ),
    (
        60,
        "NZ",
        "New Zealand",
        "Emergency",
        "111",
        "Very heavy bleeding, severe pain, fainting, chest pain or trouble breathing.",
        "",
    ),
    (61, "NZ", "New Zealand", "Your midwife (LMC), maternity unit or clinic", "", CLINIC, ""),
    (62, "NZ", "New Zealand", "Healthline", "0800 611 116", "Free advice, day or night.", ""),
]


def seed(apps, schema_editor):
    UrgentCareResource = apps.get_model("moderation", "UrgentCareResource")
    for position, code, country, name, phone, when, url in RESOURCES:
        UrgentCareResource.objects.get_or_create(
            country_code=code,
            name=name,
            defaults={
                "country_name": country,
                "phone": phone,
                "when": when,
                "url": url,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("moderation", "0008_urgentcareresource")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
