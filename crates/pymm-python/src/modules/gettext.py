# pymm's gettext module: the message functions, without translation catalogs (pymm ships
# none), so every message comes back untranslated as CPython's gives it without a catalog.

__all__ = ["gettext", "ngettext", "dgettext", "dngettext", "pgettext", "npgettext",
           "textdomain", "bindtextdomain", "NullTranslations", "translation", "install"]

_current_domain = "messages"


def gettext(message):
    return message


def ngettext(msgid1, msgid2, n):
    return msgid1 if n == 1 else msgid2


def pgettext(context, message):
    return message


def npgettext(context, msgid1, msgid2, n):
    return ngettext(msgid1, msgid2, n)


def dgettext(domain, message):
    return message


def dngettext(domain, msgid1, msgid2, n):
    return ngettext(msgid1, msgid2, n)


def textdomain(domain=None):
    global _current_domain
    if domain is not None:
        _current_domain = domain
    return _current_domain


def bindtextdomain(domain, localedir=None):
    return localedir


class NullTranslations:
    """Translations that translate nothing (what translation() gives with fallback=True)."""

    def __init__(self, fp=None):
        self._info = {}
        self._charset = None

    def gettext(self, message):
        return message

    def ngettext(self, msgid1, msgid2, n):
        return ngettext(msgid1, msgid2, n)

    def pgettext(self, context, message):
        return message

    def npgettext(self, context, msgid1, msgid2, n):
        return ngettext(msgid1, msgid2, n)

    def info(self):
        return self._info

    def charset(self):
        return self._charset

    def install(self, names=None):
        import builtins
        builtins.__dict__["_"] = self.gettext


def translation(domain, localedir=None, languages=None, class_=None, fallback=False):
    """No catalog is ever found: NullTranslations with fallback, else OSError (ENOENT)."""
    if fallback:
        return NullTranslations()
    raise FileNotFoundError(2, "No translation file found for domain", domain)


def install(domain, localedir=None, *, names=None):
    translation(domain, localedir, fallback=True).install(names)
