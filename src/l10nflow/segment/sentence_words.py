"""Word lists for English sentence boundaries (abbreviations, sentence starters, list numerals).

Written for l10nflow from news usage; the choice of categories follows pragmatic_segmenter and
pySBD (MIT), whose lists were read for coverage: prepositive abbreviations never end a sentence,
"maybe final" ones end it only before a likely sentence start, number abbreviations stand before
a number ("p. 55", "No. 5").
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles and words that are always followed by more of the same sentence.
NEVER_FINAL = _words(
    """Mr Mrs Ms Mx Messrs Mssrs Dr Drs Prof Rev Fr Hon Gen Lt Col Capt Cpt Maj Sgt Cpl Pvt Pfc
    Brig Adm Cmdr Cdr Comdr Gov Sen Sens Rep Reps Pres Amb Supt Insp Det Msgr Mt Ft vs v cf viz
    approx Approx Vol Fig Figs fig figs pp sec Sec Art Para Ch Mme Mlle Esp esp"""
)

# Abbreviations that may also end a sentence ("... signed by Kirin Holdings Co. The deal ...").
MAYBE_FINAL = _words(
    """Inc Ltd Co Corp Jr Sr St Ave Rd Blvd Dept Univ Govt Bros Est Rs etc al No Nos Assn Bldg
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec gov dept univ est co inc ltd corp bros
    Ph.D Ph.Ds PhD B.C A.D B.C.E C.E U.S U.S.A U.K U.N E.U D.C L.A N.Y Ind Wash Calif Fla Ky Mass
    Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Penn Tenn Tex Va Vt Wis Wyo Ariz Ark Colo Conn
    Del Ga Ill Kan Kans La Md Me esq Esq min hr hrs yd ft st"""
)

# Abbreviations that stand before a number: "p. 55", "No. 5", "5 ft. 6 in.", "Rs. 1000".
BEFORE_NUMBER = _words(
    """p pp no No nos Nos NO vol Vol art Art ch Ch chap sec Sec SEC sect fig Fig figs Figs ft
    lb lbs oz yd mi km kg cm mm approx Approx ca c v vs op Op ref Ref ext Ext tel Tel rs Rs RS
    pt Pt pts para Para eq Eq Eqs eqs nr Nr tab Tab vv ver Ver par
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Gen Ex Lev Num Deut Josh Judg Kgs Chr Neh Esth Ps Prov Eccl Isa Jer Lam Ezek Obad Nah Hab
    Zeph Hag Zech Matt Mk Lk Jn Rom Cor Gal Eph Phil Col Thess Tit Philem Heb Jas Rev"""
)

# After a "maybe final" abbreviation these words start a new sentence.
SENTENCE_STARTERS = _words(
    """The A An He She It They We I You His Her Its Their Our My This That These Those There
    But And Or So Yet In On At As After Before When While If Since Then However Meanwhile
    Some Many Most Both Another Other Such Last Also According Still Now One Two All Each Every
    What Why How Who Where Which For To With From During Being Did Does Do Is Are Was Were
    Millions Thousands Hundreds More Nobody No Not Nothing Later Earlier Today Yesterday
    Anything Everything Something Anyone Everyone Someone Anybody Everybody Somebody None"""
)

# A capitalised word followed by one of these is no sentence start after "U.S.": "U.S. Embassy
# in Yangon", "U.S. Senate my friends".
FUNCTION_WORDS = _words(
    """in on at of for to from by with and or but nor as than the a an my your his her its our
    their this that these those is near into over under about after before between against"""
)

# Verbs that show a new clause after an initialism: "the U.S. Millions attended", "her Ph.D.
# Tom was ...", "753 B.C. Augustus became ...".
CLAUSE_VERBS = _words(
    """is are was were has have had said says will would can could did does do may might must
    should shall became becomes become went goes came comes made makes took takes told tells"""
)

# Words that "the U.S." and similar initialisms modify: "the U.S. Congress passed ...".
INITIALISM_MODIFIED = _words(
    """Government Congress Senate House Army Navy Air Marines Embassy Treasury Department
    Commission Court Supreme State States Secretary President Ambassador Envoy Military Forces
    Agency Council Assembly Mission Office Ministry Administration Federal National Central
    KG AG GmbH LLC LLP PLC Plc SA NV BV"""
)

# Words continuing a time such as "9 a.m. Monday" or "5 p.m. Yangon time".
TIME_FOLLOWERS = _words(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Wed Thu Fri Sat Sun
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"""
)

TIMES = _words("a.m p.m A.M P.M")
ALWAYS_INNER = _words("e.g i.e E.g I.e a.k.a cf.")

# Words that end with "!" as part of their name ("Yahoo! Research", "Jeopardy! host").
EXCLAMATION_NAMES = _words("Yahoo! Jeopardy! Joomla! Yum! Oklahoma! Mamma Mia! Wham!")

# Short words that open a sentence-initial adverbial ("At 5 a.m. Mr. Smith went ...").
ADVERBIAL_OPENERS = _words("At By Until Till From Before After Around About Since Near On")
