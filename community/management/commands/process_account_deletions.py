from django.core.management.base import BaseCommand

from community.deletion import carry_out_due


class Command(BaseCommand):
    help = (
        "Anonymise accounts whose deletion cool-off has ended. Safe to run as often as you "
        "like (e.g. hourly from cron); the task queue normally does this on time already."
    )

    def handle(self, *args, **options) -> None:
        count = carry_out_due()
        self.stdout.write(f"Anonymised {count} account(s).")
