"""Seed the first disclaimer version so a fresh database has one for expert posts."""

from django.db import migrations

FIRST_TEXT = (
    "Not medical advice. This is general information from a volunteer expert who does not "
    "know your full history. Please talk to your own doctor, midwife or pharmacist before "
    "making any decision about your care, and never stop or change a prescribed medicine "
    "without the person who prescribed it."
)
FIRST_NON_PRESCRIBER = "{name} is not a physician and cannot advise on prescribed treatment."


def seed(apps, schema_editor):
    Disclaimer = apps.get_model("moderation", "Disclaimer")
    if not Disclaimer.objects.exists():
        Disclaimer.objects.create(
            version=1, text=FIRST_TEXT, non_prescriber_text=FIRST_NON_PRESCRIBER
        )


class Migration(migrations.Migration):
    dependencies = [("moderation", "0003_disclaimer")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
