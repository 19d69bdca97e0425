"""Rebuild ``summarizer/index/given_names.txt`` from public name lists (a maintainer's tool,
not shipped in the wheel).

Two sources, in this order:

* the 1990 US Census lists (public domain), as shipped in the ``names`` 0.3.0 package: all
  male names and the 1,500 most frequent female names;
* the given names of Faker's person providers (MIT licence, (c) 2012 Daniele Faraglia) for
  the Latin-script locales of ``LOCALES`` below, and the Russian, Ukrainian and Bulgarian
  ones transliterated (``translit``), so that the names of international news (Vladimir,
  Volodymyr, Keir, Mervyn, Recep, Olusegun) are known too.

A Faker name is kept only when its lower-case form is no English word of Webster's Second
(``web2``, public domain, via the ``english-words`` package): "Lucky", "Hudson" or "Luna" are
too often something else. Scripts with no Latin form and the East Asian lists (family name
first, one-syllable names such as "Li" or "Nam") are left out.

    python -m venv /tmp/gn && /tmp/gn/bin/pip install names==0.3.0 faker==40.54.0 \
        english-words==2.0.2
    /tmp/gn/bin/python tools/build_given_names.py > summarizer/index/given_names.txt
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

# Faker person locales written in the Latin script whose given names news writes as given.
LOCALES = (
    *("en_GB", "en_IE", "ga_IE", "en_NZ", "en_IN", "en_PK", "en_KE", "en_NG", "yo_NG"),
    *("ig_NG", "ha_NG", "tw_GH", "zu_ZA", "sw", "fr_FR", "fr_BE", "fr_CA", "fr_DZ", "de_DE"),
    *("de_AT", "es_ES", "es_MX", "es_CO", "es_AR", "es_CL", "pt_BR", "pt_PT", "it_IT"),
    *("nl_NL", "nl_BE", "pl_PL", "cs_CZ", "sk_SK", "sl_SI", "hr_HR", "hu_HU", "ro_RO"),
    *("sv_SE", "no_NO", "da_DK", "fi_FI", "et_EE", "lt_LT", "lv_LV", "tr_TR", "az_AZ"),
    *("uz_UZ", "id_ID"),
)
CYRILLIC_LOCALES = ("ru_RU", "uk_UA", "bg_BG")
CENSUS_FEMALE = 1500

_CYR = dict(zip("абвгдезийклмнопрстуфыэіґ", "abvgdeziyklmnoprstufyeig", strict=True))
_CYR.update({"ё": "yo", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch"})
_CYR.update({"ъ": "", "ь": "", "ю": "yu", "я": "ya", "ї": "yi", "є": "ye"})
_NAME = re.compile(r"[A-Z][a-zà-öø-ÿ'-]+")


def translit(name: str, locale: str) -> set[str]:
    """The spellings news uses for a Cyrillic given name: Владимир → Vladimir, Сергей →
    Sergey and Sergei, Дмитрий → Dmitriy and Dmitry, Алексей → Aleksey, Alexey, Alexei;
    Ukrainian г is h (Олександр → Oleksandr, Григорій → Hryhoriy)."""
    table = dict(_CYR)
    if locale == "uk_UA":
        table.update({"г": "h", "и": "y"})
    lower = name.lower()
    out = []
    for i, ch in enumerate(lower):
        if ch not in table:
            return set()
        # е is "ye" where it starts a syllable (Евгений → Yevgeniy), else "e" (Сергей).
        starts = i == 0 or lower[i - 1] in "аеёиоуыэюяіїє"
        out.append("ye" if ch == "е" and starts else "e" if ch == "е" else table[ch])
    forms = {"".join(out).capitalize()}
    forms |= {f.replace("ks", "x") for f in forms}
    for old, new in (("iy", "y"), ("iy", "i"), ("ey", "ei")):
        forms |= {f[: -len(old)] + new for f in forms if f.endswith(old)}
    return forms


def census(package: Path) -> Iterator[str]:
    male = (package / "dist.male.first").read_text().splitlines()
    female = (package / "dist.female.first").read_text().splitlines()[:CENSUS_FEMALE]
    for line in male + female:
        if line.split():
            yield line.split()[0].capitalize()


def faker_names() -> Iterator[str]:
    for locale in (*LOCALES, *CYRILLIC_LOCALES):
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        names: set[str] = set()
        for attr in dir(provider):
            value = getattr(provider, attr)
            if attr.startswith("first_names") and isinstance(value, dict | tuple | list):
                names |= {n for n in value if isinstance(n, str)}
        for name in sorted(names):
            if locale in CYRILLIC_LOCALES:
                yield from sorted(translit(name, locale))
            else:
                yield name


def unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


def main() -> None:
    import names  # type: ignore[import-untyped,import-not-found,unused-ignore]
    from english_words import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        get_english_words_set,
    )

    words = {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}
    base = unique(census(Path(names.__file__).parent))
    known = set(base)
    extra = unique(
        n
        for n in faker_names()
        if _NAME.fullmatch(n) and n not in known and n.lower() not in words and len(n) > 2
    )
    print(HEADER.format(census=len(base), faker=len(extra)), end="")
    print("\n".join([*base, *extra]))


HEADER = """\
# Given names for the actor rules (summarizer/index/given_names.py): a capitalised run that
# turns into a personal name at one of these ("spokesperson for TransCanada Grady Semmens").
# Built by tools/build_given_names.py (see there for the exact steps). Sources:
# - 1990 US Census name frequency lists (public domain; US Census Bureau, "Frequently
#   Occurring First Names and Surnames From the 1990 Census"), as shipped in the "names" 0.3.0
#   package: all male names and the 1,500 most frequent female names ({census} names, first);
# - the given names of Faker 40.54.0's person providers for Latin-script locales, Russian,
#   Ukrainian and Bulgarian ones transliterated ({faker} names not already listed), less any
#   that is an English word. Faker: Copyright (c) 2012 Daniele Faraglia, MIT licence.
# Words more often a word or a place than a name in news are removed in given_names.py.
"""

if __name__ == "__main__":
    main()
