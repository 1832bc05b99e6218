"""{% slot "template.html" key=… name=value … %}: `{% include "template.html" with name=value
… %}` whose output may differ from one signed-in member to the next. While forum.member_page
renders the shared copy it records each slot (template, key, output) and leaves a marker;
key="every member" (the header's links) is rendered only for each member.

The template may be a Jinja2 one (the post, forum/jinja.py): it gets the page's variables
as they stand, as an include would."""

from __future__ import annotations

from django import template
from django.template import TemplateDoesNotExist, engines
from django.template.base import token_kwargs
from django.utils.safestring import mark_safe

register = template.Library()

# NUL never reaches a page from what members write (forms reject it, Markdown replaces it).
MARKER = "\x00slot{}\x00"
EVERY_MEMBER = "every member"


class SlotNode(template.Node):
    def __init__(self, template_name, key, values) -> None:
        self.template_name = template_name
        self.key = key
        self.values = values

    def render(self, context) -> str:
        name = self.template_name.resolve(context)
        key = self.key.resolve(context) if self.key else None
        slots = context.get("shared_slots")
        html = ""
        if slots is None or key != EVERY_MEMBER:
            values = {var: value.resolve(context) for var, value in self.values.items()}
            # Looked up once per page, as {% include %} does: a page has a slot per post.
            found = context.render_context.dicts[0].setdefault(self, {})
            if name not in found:
                found[name] = _template(context, name)
            if isinstance(found[name], template.Template):
                with context.push(**values):
                    html = found[name].render(context)
            else:
                html = found[name].render({**context.flatten(), **values})
        if slots is None:
            return html
        slots.append((name, key, html))
        return mark_safe(MARKER.format(len(slots) - 1))  # noqa: S308 - a constant marker


def _template(context, name: str):
    """The Django template of that name, else the Jinja2 one."""
    try:
        return context.template.engine.get_template(name)
    except TemplateDoesNotExist:
        return engines["jinja2"].get_template(name)


def render_slot(name: str, values: dict, request) -> str:
    """A slot's template rendered on its own (forum.member_page, a member's part of a page):
    a Django template with the request's context processors; a Jinja2 one with `request`
    as a value, so that the CSRF token stays the one in `values`."""
    try:
        return engines["django"].get_template(name).render(values, request)
    except TemplateDoesNotExist:
        return engines["jinja2"].get_template(name).render({**values, "request": request})


@register.tag("slot")
def slot(parser, token) -> SlotNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('{% slot "template.html" key=… name=value %}')
    values = token_kwargs(bits[2:], parser, support_legacy=False)
    if len(values) != len(bits) - 2:
        raise template.TemplateSyntaxError("{% slot %} takes a template name and name=value pairs")
    return SlotNode(parser.compile_filter(bits[1]), values.pop("key", None), values)
