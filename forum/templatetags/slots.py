"""{% slot "template.html" key=… name=value … %}: `{% include "template.html" with name=value
… %}` whose output may differ from one signed-in member to the next. While forum.member_page
renders the shared copy it records each slot (template, key, output) and leaves a marker;
key="every member" (the header's links) is rendered only for each member.

Slot templates are Jinja2 ones (templates/jinja2/, forum/jinja.py: a page has a slot per
post); each sees the slot's values and the page's PAGE_VARIABLES, nothing else."""

from __future__ import annotations

from django import template
from django.template import engines
from django.template.base import token_kwargs
from django.utils.functional import LazyObject, empty
from django.utils.safestring import mark_safe

register = template.Library()

# NUL never reaches a page from what members write (forms reject it, Markdown replaces it).
MARKER = "\x00slot{}\x00"
EVERY_MEMBER = "every member"


# What a slot's template sees of the page, beside the slot's own values.
PAGE_VARIABLES = ("user", "request", "csrf_token", "nav", "thread", "is_following")


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
            post, shared_posts = values.get("post"), context.get("shared_posts")
            if post is not None and shared_posts is not None:
                # Most posts are kept: the page's variables are read only for one that is not.
                html = shared_posts.html(
                    post, lambda: render_slot(name, _with_page(context, values))
                )
            else:
                html = render_slot(name, _with_page(context, values))
        if slots is None:
            return html
        slots.append((name, key, html))
        return mark_safe(MARKER.format(len(slots) - 1))  # noqa: S308 - a constant marker


def _with_page(context, values: dict) -> dict:
    """The slot's values over what its template sees of the page (PAGE_VARIABLES)."""
    page = {var: context.get(var) for var in PAGE_VARIABLES}
    page["user"] = _unwrapped(page["user"])
    return {**page, **values}


def _unwrapped(user):
    """The member behind request.user's lazy proxy, once it has been looked up. Every
    attribute read through the proxy costs a method call and a caught AttributeError, and
    a post's template reads the viewer a dozen times: 0.7 ms on a thread page of 50
    answers (bench machine, interleaved A/B)."""
    if isinstance(user, LazyObject) and user._wrapped is not empty:
        return user._wrapped
    return user


def render_slot(name: str, values: dict) -> str:
    """A slot's Jinja2 template (templates/jinja2/) with these values."""
    return engines["jinja2"].get_template(name).render(values)


@register.tag("slot")
def slot(parser, token) -> SlotNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('{% slot "template.html" key=… name=value %}')
    values = token_kwargs(bits[2:], parser, support_legacy=False)
    if len(values) != len(bits) - 2:
        raise template.TemplateSyntaxError("{% slot %} takes a template name and name=value pairs")
    return SlotNode(parser.compile_filter(bits[1]), values.pop("key", None), values)
