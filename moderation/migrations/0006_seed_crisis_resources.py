"""A first list of well-known crisis lines; admins keep it up to date in the admin."""

from django.db import migrations

RESOURCES = [
    # (position, country code, country, name, phone, text line, url, hours)
    (
        10,
        "GB",
        "United Kingdom",
        "Samaritans",
        "116 123",
        "",
        "https://www.samaritans.org",
        "24 hours, every day",
    ),
    (
        11,
        "GB",
        "United Kingdom",
        "Shout",
        "",
        "Text SHOUT to 85258",
        "https://giveusashout.org",
        "24 hours, every day",
    ),
    (
        20,
        "IE",
        "Ireland",
        "Samaritans Ireland",
        "116 123",
        "",
        "https://www.samaritans.org/ireland/",
        "24 hours, every day",
    ),
    (
        21,
        "IE",
        "Ireland",
        "Pieta",
        "1800 247 247",
        "Text HELP to 51444",
        "https://www.pieta.ie",
        "24 hours, every day",
    ),
    (
        22,
        "IE",
        "Ireland",
        "Text About It (50808)",
        "",
        "Text HELLO to 50808",
        "https://text50808.ie",
        "24 hours, every day",
    ),
    (
        30,
        "US",
        "United States",
        "988 Suicide & Crisis Lifeline",
        "988",
        "Text 988",
        "https://988lifeline.org",
        "24 hours, every day",
    ),
    (
        31,
        "US",
        "United States",
        "Crisis Text Line",
        "",
        "Text HOME to 741741",
        "https://www.crisistextline.org",
        "24 hours, every day",
    ),
    (
        40,
        "AU",
        "Australia",
        "Lifeline",
        "13 11 14",
        "Text 0477 13 11 14",
        "https://www.lifeline.org.au",
        "24 hours, every day",
    ),
    (
        41,
        "AU",
        "Australia",
        "Beyond Blue",
        "1300 22 4636",
        "",
        "https://www.beyondblue.org.au",
        "24 hours, every day",
    ),
]


def seed(apps, schema_editor):
    CrisisResource = apps.get_model("moderation", "CrisisResource")
    for position, code, country, name, phone, text_line, url, hours in RESOURCES:
        CrisisResource.objects.get_or_create(
            country_code=code,
            name=name,
            defaults={
                "country_name": country,
                "phone": phone,
                "text_line": text_line,
                "url": url,
                "hours": hours,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("moderation", "0005_crisisresource_moderationaction_subject_appeal_and_more")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
