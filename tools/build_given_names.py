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
    /tmp/gn/bin/python tools/build_given_names.py --genders \
        > summarizer/index/given_name_genders.txt

With ``--genders``: the names of that list that the sources give to one sex only (``genders``
below), one "Name m" or "Name f" a line, for the pronoun check of the speaker rules.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections import Counter
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


def census_sexes(package: Path) -> dict[str, str | None]:
    """Every census name: "m" or "f" when its frequency among one sex is at least 20 times
    the other's, else None (both sexes have it)."""
    freq: dict[str, list[float]] = {}
    for i, sex in enumerate(("male", "female")):
        for line in (package / f"dist.{sex}.first").read_text().splitlines():
            if parts := line.split():
                freq.setdefault(parts[0].capitalize(), [0.0, 0.0])[i] = float(parts[1]) or 1e-4
    out: dict[str, str | None] = {}
    for name, (male, female) in freq.items():
        out[name] = "m" if male >= 20 * female else "f" if female >= 20 * male else None
    return out


def faker_sexes() -> dict[str, Counter[str]]:
    """Every Faker given name: in how many locales its male and its female lists hold it."""
    out: dict[str, Counter[str]] = {}
    for locale in (*LOCALES, *CYRILLIC_LOCALES):
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for sex, attr in (("m", "first_names_male"), ("f", "first_names_female")):
            value = getattr(provider, attr, ())
            forms: set[str] = set()
            for name in value if isinstance(value, dict | tuple | list) else ():
                forms |= translit(name, locale) if locale in CYRILLIC_LOCALES else {name}
            for form in forms:
                out.setdefault(form, Counter())[sex] += 1
    return out


def genders(listed: Iterable[str], package: Path) -> dict[str, str]:
    """The listed names one sex only has: the census's verdict where it has the name, else
    the only sex Faker's lists give it; either way unless two or more Faker locales give it
    to the other sex ("Alex", "Sam", "Michele", "Toni"). One dissenting locale is noise:
    Faker lists "Hillary" among Kenya's men."""
    by_census, by_faker = census_sexes(package), faker_sexes()
    out = {}
    for name in listed:
        faker = by_faker.get(name, Counter())
        if name in by_census:
            sex = by_census[name]
        else:
            sex = next(iter(faker)) if len(faker) == 1 else None
        if sex is not None and faker["f" if sex == "m" else "m"] < 2:
            out[name] = sex
    return out


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
    if "--genders" in sys.argv[1:]:
        sexes = genders([*base, *extra], Path(names.__file__).parent)
        print(GENDER_HEADER.format(count=len(sexes)), end="")
        print("\n".join(f"{name} {sex}" for name, sex in sexes.items()))
        return
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

GENDER_HEADER = """\
# Given names of given_names.txt that the sources give to one sex only: "m" or "f" ({count}
# names). A census name counts when one sex has it at least 20 times as often as the other,
# a name the census lacks when Faker's male or female lists (not both) hold it; neither when
# two or more Faker locales give it to the other sex ("Alex", "Michele"). Built by
# tools/build_given_names.py --genders; the same sources and licences as given_names.txt.
# Read by summarizer/index/genders.py.
"""

if __name__ == "__main__":
    main()
