"""Closed word lists read by the actor and speaker rules (``actors.py``, ``speakers.py``).

Kept apart from the rules so a reviewer can check what counts as a title, an organisation word
or a speech verb without reading code. Every list is general news vocabulary, never words of
one article; a name missing here only costs recall of that one rule.
"""

from __future__ import annotations

from ..dates.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


HONORIFICS = _words("Mr Mrs Ms Miss Mx Dr Sir Dame Lord Lady Prof Rev Messrs Mme Mlle")
# Short forms that end with a dot inside a name ("Sen. Warren", "Michael R. Golden").
ABBREVIATIONS = _words("Gen Sen Sens Rep Reps Gov Lt Col Capt Sgt Adm Cmdr Maj St Jr Sr Hon Amb")

# The word a title ends on, compared in lower case: "Deputy Foreign *Minister*", "Kremlin
# *spokesman*". A name right after one of these is a person's.
TITLE_HEADS = _words(
    """president minister secretary chancellor senator governor mayor premier spokesman
    spokeswoman spokesperson ambassador envoy adviser advisor director chairman chairwoman
    chairperson chair chief head leader commissioner counsel general commander admiral colonel
    captain lieutenant sergeant judge justice prosecutor attorney lawyer king queen prince
    princess pope cardinal bishop archbishop rabbi imam sheikh emir ayatollah speaker
    representative congressman congresswoman lawmaker legislator official officer executive ceo
    cfo coo founder co-founder analyst economist strategist professor researcher scientist
    expert negotiator diplomat editor correspondent reporter journalist columnist author coach
    manager striker actor actress singer president-elect secretary-general gen sen rep gov lt
    col capt sgt adm cmdr maj amb treasurer administrator superintendent inspector detective
    sheriff mp mep mla msp whip co-chair vice-president councilman councilwoman assemblyman
    assemblywoman alderman solicitor barrister lobbyist pollster"""
)
# Roles that stand before a name only in lower case ("said nurse Ivonne Lugo", "commuter
# Alice Pan"): a title there, but capitalised they may be names (Paul Nurse), so they are
# never read as titles inside a capitalised run.
ROLE_NOUNS = _words(
    """nurse doctor physician surgeon paramedic firefighter teacher student pupil protester
    protestor demonstrator activist campaigner resident commuter witness eyewitness survivor
    victim refugee migrant farmer worker employee owner shopkeeper driver passenger pilot
    sailor soldier veteran constable trooper volunteer organiser organizer historian
    astronomer physicist chemist biologist geologist engineer architect artist musician
    photographer filmmaker producer player goalkeeper midfielder defender referee priest
    pastor vicar cleric candidate nominee councillor councilor delegate consul aide staffer
    consultant entrepreneur investor banker trader fan spectator tourist visitor voter
    author co-author scholar academic lecturer researcher scientist analyst economist expert
    official spokesman spokeswoman spokesperson director manager"""
)
# Lower-case words that may stand inside a title before its head ("foreign policy chief").
TITLE_MODIFIERS = _words(
    """foreign policy defence defense deputy vice chief senior former then acting interim
    assistant associate managing executive general national security press top special
    presidential military economic political finance financial trade health justice interior
    home state prime first lead principal regional federal media online private public
    state-run state-owned of for and the at news"""
)
# Words after "Secretary of", "Minister for" that belong to the title, not the name.
DEPARTMENTS = _words(
    """State Defense Defence Foreign Affairs Health Justice Interior Home Energy Treasury
    Commerce Education Transportation Transport Agriculture Labor Labour Veterans Housing
    Homeland Security Finance Economy Trade Environment Culture Staff the Human Rights Refugees
    Migration Immigration Development Relations Climate Communications Sport Science Technology
    Industry Infrastructure Planning Resources Tourism Employment Pensions Women Equality
    Children Families Youth Digital Media Agriculture Fisheries Local Government"""
)
# A capitalised sequence ending in one of these (or with one before "of"/"for") names an
# organisation: "Defence Ministry", "Ministry of Defence", "Acme Corp".
ORG_WORDS = _words(
    """Inc Corp Corporation Co Ltd LLC PLC plc AG GmbH Group Holdings Company Companies
    Industries Motors Airlines Airways Bank Fund Party Ministry Department Council Commission
    Committee Agency Office Union Court Army Navy Force Forces Police Guard Corps University
    College Institute Foundation Federation Association Organisation Organization Authority
    Board Service Services Bureau Parliament Congress Senate Assembly Times Post Journal News
    Herald Tribune Gazette Telegraph Network Alliance Coalition Front Movement League Church
    Cabinet Government Administration Embassy Tribunal Society Reserve Exchange Systems
    Technologies Trust Partners Brigade Battalion Regiment Mission Delegation Secretariat
    Directorate Agencies Commissions Unions Parties Ministries Capital Management Investments
    Securities Insurance Media Entertainment Studios Pharmaceuticals Center Centre Centers
    Centres Academy Hospital Museum Laboratory Observatory Programme Program
    Initiative Consortium Club Guild Producers Railway Railways Rail Panel"""
)
# Census given names (``given_names.txt``) that in news are more often a word, a place, a
# title or a family name opening a firm's name ("Morgan Stanley") than someone's first name.
NOT_GIVEN = _words(
    """Will May Grant Hope Joy Faith Grace Rose Art Guy Son Young Queen King Prince Major Royal
    Noble Long Man Sun Ma Brain Junior Angel Chase Hunter Carter Mason Clay Reed Lane Ward Cole
    Van Von Del Jan Dean Earl Sterling Summer Autumn June April August Dawn Crystal Amber Ruby
    Pearl Ivy Iris Lily Daisy Violet Olive Fern Laurel Ginger Candy Cherry Penny Sandy Misty
    Holly Charity Melody Jewel Ivory Jade Sierra Terra Aurora Gay Dee Rusty Rocky Dusty Cliff
    Rod Drew Pat Rob Rich Sue Chuck Buck Bud Buddy Roman Christian Morgan Jordan Kenya Virginia
    Georgia Carolina Florence Geneva Alexandria Austin Dallas Houston Paris Helena Victoria
    Charlotte Orlando Denver Cleveland Raleigh Lincoln Jackson Madison Columbus Milan Savannah
    Sydney Trinidad Guadalupe Santiago Israel German Numbers Forest Freeman Brooks Chance
    Fletcher Porter Palmer Walton Warner Merrill Warren Clinton Wilson Johnson Williams Davis
    Anderson Harris Walker Taylor Nelson Harrison Marshall Parker Cruz Reyes Santos Chang Chung
    Hong Dong Sang Yong Sung Hung Chi Minh Thanh Tuan Hai Mai Wm Robt Chas Jc Manual Justice
    Berry Foster Carson Jefferson Monroe Stanford Newton Ellis Avery Bennett"""
)
# Last words of places and things named after people: "Karl Marx Avenue", "Andy Warhol
# Diaries", "Augustine Volcano". A given name opening the name then says nothing.
NAMED_AFTER = _words(
    """Avenue Street Road Boulevard Lane Square Garden Gardens Park Bridge Station Airport
    Volcano Mountain Mountains Mount River Lake Island Islands Beach Bay Valley Canyon Hill
    Hills Peak Glacier Forest Tower Stadium Arena Hall Library Diaries Papers Prize Award
    Awards Cup Trophy Medal Air Line Lines Highway Freeway Tunnel Dam Canal Memorial Monument
    Act Law Day Show Festival Theatre Theater Hotel Building Plaza Palace Castle Cathedral
    School High Doctrine Plan Rule Bill"""
)
# Lower-case nouns after a place named after a person: "the Wazir Akbar Khan area of Kabul".
PLACE_NOUNS = _words(
    """area district neighbourhood neighborhood suburb quarter region province county
    township municipality village town city street road camp"""
)
# Title heads that name an employer before them: "Boeing spokesman", "UBS analyst".
EMPLOYER_HEADS = _words(
    "spokesman spokeswoman spokesperson analyst economist executive ceo cfo coo chairman "
    "chairwoman founder strategist engineer"
)
# Lower-case words naming what kind of organisation follows ("engine maker Europrop").
ORG_DESCRIPTORS = _words(
    """company firm group maker manufacturer planemaker automaker carmaker carrier airline
    bank lender insurer retailer broadcaster network channel newspaper magazine daily outlet
    agency website publisher organisation organization charity party union regulator watchdog
    ministry department militia giant conglomerate operator producer supplier contractor
    developer exchange institute tabloid"""
)

# Known institutions, found wherever they are written; "a, b" are two names of one actor.
_INSTITUTIONS = """Kremlin | White House | Pentagon | Downing Street | Elysee Palace, Élysée Palace,
    Elysee, Élysée | State Department | Foreign Office | Home Office | Congress | Senate |
    House of Representatives | House of Commons | House of Lords | State Duma, Duma |
    Bundestag | Knesset | Supreme Court | Federal Reserve | European Union, EU, E.U. |
    European Commission | European Parliament | European Council | European Central Bank, ECB |
    United Nations, UN, U.N. | UN Security Council, Security Council | UN General Assembly |
    NATO | International Monetary Fund, IMF | World Bank | World Health Organization, WHO |
    WTO | OPEC | OSCE | IAEA | International Criminal Court, ICC | Red Cross |
    Amnesty International | Human Rights Watch | Vatican | FBI | CIA | NSA | FSB | SBU |
    Interpol | Europol | G7 | G20 | ASEAN | African Union | Arab League | Reuters |
    Associated Press, AP | Agence France-Presse, AFP | BBC | CNN | ABC | NBC | CBS | Fox News |
    Bloomberg | Al Jazeera | TASS | Interfax | RIA Novosti | Xinhua | Hamas | Hezbollah |
    Taliban | Houthis | al-Qaeda | Islamic State, ISIS, ISIL | Wagner Group"""
INSTITUTION_GROUPS: dict[str, str] = {
    alias.strip(): group.split(",")[0].strip()
    for group in _INSTITUTIONS.split("|")
    for alias in group.split(",")
}
GROUPS = _words("Hamas Hezbollah Taliban Houthis al-Qaeda ISIS ISIL") | {"Islamic State"}

# Countries, with the aliases that name the same state (first alias = how it is grouped).
_COUNTRY_ALIASES = """United States, US, U.S., USA, America | United Kingdom, UK, U.K., Britain,
    Great Britain | Russia, Russian Federation | Ukraine | China | Japan | India | Pakistan |
    Afghanistan | Iran | Iraq | Syria | Israel | Turkey | Egypt | Saudi Arabia | Qatar |
    United Arab Emirates, UAE | Jordan | Lebanon | Yemen | Libya | Tunisia | Algeria | Morocco |
    Sudan | Ethiopia | Kenya | Nigeria | South Africa | France | Germany | Italy | Spain |
    Portugal | Netherlands | Belgium | Luxembourg | Switzerland | Austria | Poland | Hungary |
    Czech Republic | Slovakia | Romania | Bulgaria | Greece | Serbia | Croatia | Moldova |
    Belarus | Georgia | Armenia | Azerbaijan | Kazakhstan | Lithuania | Latvia | Estonia |
    Finland | Sweden | Norway | Denmark | Ireland | Iceland | Canada | Mexico | Brazil |
    Argentina | Chile | Colombia | Venezuela | Cuba | Peru | Australia | New Zealand |
    Indonesia | Malaysia | Singapore | Thailand | Vietnam | Philippines | Taiwan |
    South Korea | North Korea | Myanmar | Bangladesh | Sri Lanka | Nepal | Palestine |
    Somalia | Uganda | Tanzania | Rwanda | Ghana | Senegal | Mali | Niger | Chad | Zimbabwe |
    Zambia | Mozambique | Angola | Cameroon | Eritrea | South Sudan | Bolivia | Ecuador |
    Paraguay | Uruguay | Panama | Guatemala | Honduras | Nicaragua | El Salvador | Haiti |
    Jamaica | Cambodia | Laos | Mongolia | Uzbekistan | Kyrgyzstan | Tajikistan | Albania |
    Kosovo | Montenegro | North Macedonia | Slovenia | Cyprus | Malta | Oman | Bahrain |
    Kuwait | Fiji"""
COUNTRY_GROUPS: dict[str, str] = {
    alias.strip(): group.split(",")[0].strip()
    for group in _COUNTRY_ALIASES.split("|")
    for alias in group.split(",")
}
# Capitals written for their governments ("Moscow has insisted", "Kyiv argues").
CAPITALS = _words(
    """Moscow Kyiv Kiev Washington Beijing London Paris Berlin Tehran Jerusalem Ankara Tokyo
    Seoul Pyongyang Damascus Baghdad Kabul Islamabad Cairo Riyadh Minsk Warsaw Rome Madrid
    Ottawa Canberra Caracas Havana Taipei Tbilisi Budapest Brussels Delhi"""
)
# Each capital's state, as ``COUNTRY_GROUPS`` names it: "Moscow has insisted" is Russia
# speaking, where the article also names Russia.
CAPITAL_OF: dict[str, str] = {
    capital: state
    for pair in """Moscow:Russia Kyiv:Ukraine Kiev:Ukraine Washington:United States
        Beijing:China London:United Kingdom Paris:France Berlin:Germany Tehran:Iran
        Jerusalem:Israel Ankara:Turkey Tokyo:Japan Seoul:South Korea Pyongyang:North Korea
        Damascus:Syria Baghdad:Iraq Kabul:Afghanistan Islamabad:Pakistan Cairo:Egypt
        Riyadh:Saudi Arabia Minsk:Belarus Warsaw:Poland Rome:Italy Madrid:Spain Ottawa:Canada
        Canberra:Australia Caracas:Venezuela Havana:Cuba Tbilisi:Georgia Budapest:Hungary
        Delhi:India""".replace("United States", "United_States")
    .replace("United Kingdom", "United_Kingdom")
    .replace("South Korea", "South_Korea")
    .replace("North Korea", "North_Korea")
    .replace("Saudi Arabia", "Saudi_Arabia")
    .split()
    for capital, state in [pair.replace("_", " ").split(":")]
}
NATIONALITIES = _words(
    """Russian Ukrainian American British French German Chinese Japanese Israeli Palestinian
    Iranian Iraqi Syrian Turkish Indian Pakistani Afghan European Western Eastern Northern
    Southern Canadian Australian Mexican Brazilian Italian Spanish Polish Dutch Belgian Swedish
    Norwegian Danish Finnish Greek Egyptian Saudi Korean Soviet Arab African Asian Belarusian
    Hungarian Czech Austrian Swiss Irish Scottish Welsh English Portuguese Venezuelan Cuban
    Lebanese Jordanian Yemeni Qatari Emirati Kurdish Taiwanese Vietnamese Nigerian Kenyan
    Georgian Crimean Somali Ethiopian Sudanese Libyan Tunisian Algerian Moroccan Ghanaian
    Ugandan Colombian Chilean Argentine Argentinian Peruvian Bolivian Uruguayan Albanian
    Serbian Croatian Romanian Bulgarian Thai Indonesian Malaysian Filipino Singaporean
    Bangladeshi Nepali Afghani Kuwaiti Omani Lithuanian Latvian Estonian Slovak Slovenian
    Icelandic Scots Catalan Basque Chechen Tatar Uzbek Kazakh Armenian Azerbaijani
    Federal National International Global North South East West"""
)
# Words listed with the nationalities that also open place names ("West Midlands Railway").
REGIONAL = _words(
    """Eastern Western Northern Southern Federal National International Global North South East
    West European African Asian Arab"""
)

# "May" is left out: a name as often as a month ("Theresa May").
MONTHS = frozenset(MONTH_NAMES + MONTH_ABBREVIATIONS) - {"May"}
WEEKDAYS = frozenset(WEEKDAY_NAMES)
# Capitalised words that open sentences or clauses but never start a name.
STOPWORDS = _words(
    """The A An This That These Those There Here It Its He She They We I You His Her Their Our
    My Your Him Them Us Me When While Although Though If As After Before Since Until Unless
    Because But And Or Nor So Yet For With By From In On At Of To Into Onto Over Under About
    Against Between Among During Despite Following According Amid Also Still Then Now Today
    Tonight Yesterday Tomorrow Last Next Earlier Later Meanwhile However Nevertheless
    Nonetheless Moreover Further Furthermore Additionally Instead Both All Some Many Most Several
    Few Each Every Any No Not None Other Others Such Another Why What Who Whom Whose How Where Which
    Asked Speaking Under Without Within Once Even Only Just Perhaps Overall Indeed Thus Hence
    Officials Analysts Experts Witnesses Residents Investigators Doctors Prosecutors Critics
    Sources Protesters Rebels Authorities Lawmakers Scientists Researchers Reports Observers
    Diplomats Activists Leaders Economists Supporters Opponents Officers Soldiers Troops Workers
    Employees Students Voters Members Police People Families Relatives Victims Survivors
    Yes Oh Well Two Three Four Five Six Seven Eight Nine Ten Dozens Hundreds Thousands
    Everyone Everybody Nobody Someone Somebody Anyone Anybody Everything Nothing
    Something"""
)
PARTICLES = _words("de da di do du del della der den van von ter ten la le bin ibn al el dos das")
NAME_SUFFIXES = _words("Jr Sr II III IV")
# Initialisms that are not actors.
ACRONYM_STOP = _words(
    """TV CEO CFO COO GDP EST UTC GMT PM AM OK ID DNA HIV AIDS COVID BC AD FM AI IT PR VIP
    MP MPs PhD CCTV SUV GPS USD EUR GBP NGO NGOs UAV LNG"""
)

# Locative prepositions: a name right after one is a place, not an actor.
LOCATIVES = _words("in at near via across throughout outside inside into around towards toward")

AUXILIARIES = _words(
    """has have had is are was were will would can could must should may might shall did does
    do has been also not never now already later then still again reportedly repeatedly
    previously publicly consistently further however"""
)
# Words between a speaker and the speech verb ("X has repeatedly warned"); no "was": a
# passive ("X was told") makes X the listener.
SPEECH_FILLERS = _words(
    """has have had also will would could later earlier again repeatedly previously publicly
    consistently reportedly further then once"""
)
_IRREGULAR_PAST = """said told wrote led sent won lost held made took gave began met sought fought
    struck hit put set cut kept left brought bought sold paid saw knew thought became came went
    ran fell rose spoke chose drove stood understood broke shot built spent meant felt found got
    upheld withdrew overtook drew threw"""
# Verbs a state or organisation does as the subject of a clause ("Russia annexed").
_ACTION_STEMS = """agree accept reject seek insist want demand refuse accuse annex launch send plan
    threaten offer propose support oppose sign approve block impose lift attack invade deploy
    withdraw dismiss express continue remain need hope expect decide recognize recognise vote
    pass challenge uphold issue win lose select hold control close sell buy order call ask
    urge deny confirm announce warn say tell respond condemn welcome"""

# Speech verbs: the finite forms that report what somebody said.
_SPEECH_STEMS = """add announce warn argue state insist respond note explain claim ask confirm
    reveal remark mention emphasize emphasise stress declare report comment acknowledge allege
    assert concede contend suggest tweet predict promise vow pledge urge recall complain
    conclude observe underscore indicate caution counter reiterate disclose
    answer demand boast lament estimate recount describe summarise summarize exclaim advise"""
_SPEECH_IRREGULAR = """said says told tells wrote writes denied denies replied replies testified
    testifies admitted admits"""


def _inflect(stem: str) -> set[str]:
    if stem.endswith("e"):
        return {stem + "s", stem + "d"}
    if stem.endswith("y") and stem[-2] not in "aeiou":
        return {stem[:-1] + "ies", stem[:-1] + "ied"}
    if stem.endswith(("s", "sh", "ch", "x")):
        return {stem + "es", stem + "ed"}
    return {stem + "s", stem + "ed"}


SPEECH_VERBS = frozenset(
    {form for stem in _SPEECH_STEMS.split() for form in _inflect(stem)}
    | set(_SPEECH_IRREGULAR.split())
)
TELL_VERBS = _words("told tells")
# Inverted speech verbs that may open a sentence: "Said Haines: “…”".
SPEECH_OPENERS = frozenset({"Said", "Says", "Added", "Adds"})
# Verbs that may follow the speaker's name after a quotation: "…," said Michael Golden.
INVERTING_VERBS = _words(
    """said says added asked explained continued wrote writes noted warned argued insisted
    replied responded recalled stated declared remarked commented announced confirmed admitted
    concluded summarised summarized exclaimed answered tweeted"""
)
ACTION_VERBS = frozenset(
    {form for stem in _ACTION_STEMS.split() for form in _inflect(stem)}
    | set(_IRREGULAR_PAST.split())
)
