"""Helper for tests that post the Django admin's own change forms.

from tests.admin_support import admin_form_data
data = {**admin_form_data(client.get(url)), "body": "Edited."}   # then client.post(url, data)
"""

from __future__ import annotations


def admin_form_data(response) -> dict:
    """What the admin change page would post back unchanged: its form, each inline's
    management form and the inline rows already there."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or field.disabled:
            continue
        data[name] = value if not isinstance(value, bool) else ("on" if value else "")
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
        for row in formset.forms:
            for name in row.fields:
                value = row[name].value()
                data[row.add_prefix(name)] = "" if value is None else value
    return data
