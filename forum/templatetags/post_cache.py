"""{% cachedpost post %}…{% endcachedpost %}: the post's HTML from forum.cache.PostFragments
when the view put one in the context as `post_fragments` (the thread page does)."""

from __future__ import annotations

from django import template

register = template.Library()


class CachedPostNode(template.Node):
    def __init__(self, nodelist, post) -> None:
        self.nodelist = nodelist
        self.post = post

    def render(self, context) -> str:
        fragments = context.get("post_fragments")
        if fragments is None:
            return self.nodelist.render(context)
        post = self.post.resolve(context)
        return fragments.render(post, lambda: self.nodelist.render(context), context)


@register.tag("cachedpost")
def cachedpost(parser, token) -> CachedPostNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% cachedpost post %} takes one argument")
    nodelist = parser.parse(("endcachedpost",))
    parser.delete_first_token()
    return CachedPostNode(nodelist, parser.compile_filter(bits[1]))
