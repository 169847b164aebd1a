"""The printed documents' HTML (the bulletin, the 问询函) from the Jinja2 templates in spending/templates/, with
autoescape: every value given to a template is text and shown as text (a project named <script> prints as
typed); only CSS made by export.css_text is given to <style> as it is (`|safe`)."""

from __future__ import annotations

from functools import cache

from spending import i18n

FOLDER = "templates"        # beside this module, in the package (pyproject.toml's package-data)


@cache
def environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("spending", FOLDER), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(name: str, **values) -> str:
    """The template spending/templates/<name> filled with values."""
    return environment().get_template(name).render(**values)


def macro(template: str, name: str):
    """A macro of a template of macros (a part printed on its own): macro("_printed.html.j2", "table")(cells)."""
    return getattr(environment().get_template(template).module, name)


def html_lang(lang: str) -> str:
    return "en" if lang == "en" else "zh-CN"


class Labels:
    """The catalogue's labels in one language for a template: {{ t.grade_rule }}."""

    def __init__(self, lang: str):
        self.lang = lang

    def __getattr__(self, key: str) -> str:
        if key.startswith("__"):
            raise AttributeError(key)
        return i18n.t(key, self.lang)
