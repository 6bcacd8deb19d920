"""Tests for the English (and Burmese/CJK/Thai) sentence splitter.

The gold set is data: each case is one block of text with "‖" written immediately before the
first character of every sentence after the first. SEED_ARTICLE is every paragraph of the seed
article (The Irrawaddy, 28 August 2021, quoted verbatim, including its no-break spaces);
NEWS_CASES are hand-written tricky news sentences. HELD_OUT_CASES were written before the splitter
was run on them. The same gold set was used to compare pysbd, sentencex and translate-toolkit's
regex (figures in the module docstring).
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10nflow.segment.sentences import sentence_breaks, split_sentences

MARK = "‖"

SEED_ARTICLE = [
    "Atrocious Myanmar Military at Risk of Splitting: Army Defectors",
    "By The Irrawaddy 28 August 2021",
    (
        "With a record-breaking number of defections unmatched in nearly six decades and brewing "
        "discontent among the ranks against their superiors, Myanmar’s more than 300,000-strong "
        "military is now at risk of splitting, according to some ex-army officers who have "
        "deserted their units recently."
    ),
    (
        "Currently, around 2,000 soldiers and police have\xa0joined\xa0the country’s Civil "
        "Disobedience Movement (CDM), a nationwide boycott by Myanmar civil servants against the "
        "regime following their takeover in February. ‖Many more are in the pipeline and out of "
        "the current 2,000 defectors, one-third are military personnel, said the officers who have "
        "joined the CDM as they are not pleased with the country’s military regime."
    ),
    "Military deserters: Captain Lin Htet Aung (left) and Sergeant Yin Lei Lei\xa0 Tun.",
    (
        "Though the number of defections is small for now, it is unprecedented in Myanmar’s "
        "military history going back to 1962 when the then dictator Ne Win staged a coup and "
        "consolidated the country’s armed forces. ‖Some soldiers protested against the army during "
        "pro-democracy uprisings in 1988 but the number at the time was far less significant."
    ),
    "So, it’s worth asking why so many are doing so now.",
    (
        "“[Under the regime] people are ashamed to be soldiers, to attend the Defense Services "
        "Academy or to join the military. ‖This is a very sad thing for the future of the "
        "military” said one of the officers, Captain Nyi Thuta."
    ),
    (
        "After graduating in 2010 from the 52th Intake of the Defence Services Academy, he served "
        "at his base in Naypyitaw until the coup. ‖When he learned about the takeover, he felt "
        "Myanmar was heading into a dark age. ‖When the junta escalated its nationwide deadly "
        "crackdowns on peaceful protesters who were against their rule in March, the captain left "
        "his unit. ‖He said “You can’t kill people who express their views.”"
    ),
    (
        "The regime’s brutality has shocked the world. ‖They shot dead\xa0more than 100 "
        "people\xa0in a single day in March. ‖They have sprayed bullets in residential areas. "
        "‖During raids, they have indiscriminately killed people, including children as young "
        "as\xa06.\xa0‖Arbitrary arrests and extrajudicial killings by the soldiers persist. ‖As of "
        "Thursday, the junta had killed 1,019 people during their crackdowns, raids, arrests, "
        "interrogations, arbitrary killings and random shootings, according to the Assistance "
        "Association for Political Prisoners (AAPP), which is compiling the deaths and arrests "
        "since Feb. 1 coup."
    ),
    (
        "Another defector, Captain Lin Htet Aung, said what his fellow soldiers did during the "
        "crackdowns were totally contradictory to the codes of conduct they were supposed to "
        "follow."
    ),
    "“They have changed into thugs with guns,” he said.",
    (
        "As a result, people detested the military so much that it demoralized the men in uniform "
        "like never before. ‖The regime’s atrocities against protesters became an immediate push "
        "factor for some military personnel to join the CDM as they have become more aware of the "
        "true colors of the military junta, which has been committing atrocities and murdering its "
        "own people."
    ),
    (
        "Sergeant Yin Lei Lei Tun used to be proud of being a soldier. ‖But her faith in the armed "
        "forces she joined in 2016 was lost with the coup when she saw the junta’s atrocities "
        "against peaceful anti-regime protesters. ‖So she joined the CDM in April after defecting "
        "from her military base in Yangon Region."
    ),
    (
        "“After the coup, I feel insecure about being a soldier, as people hate the military. ‖Our "
        "military is also doing the wrong thing” said the sergeant."
    ),
    (
        "Currently, about 5 to 10 junta soldiers have been defecting from the military daily, "
        "according to the People’s Soldier group, a Facebook page co-founded by Captain Nyi Thuta "
        "to provide assistance to striking soldiers and to persuade more military personnel to "
        "leave their barracks to join the CDM."
    ),
    (
        "Most of the soldiers who have joined the CDM are privates and sergeants. ‖Officers "
        "ranking from lieutenants to majors account for around 100."
    ),
    (
        "The Myanmar military has been notorious for attacking its own people rather than "
        "protecting them. ‖Its atrocities like arbitrary killings, arrests and looting in ethnic "
        "areas are internationally well known. ‖The coup in 2021 and follow-up atrocities have "
        "worsened its already tarnished reputation while pushing its leadership into a corner, as "
        "they are facing growing armed resistance in both urban and rural areas, forcing coup "
        "leader Min Aung Hlaing to admit he couldn’t fully control the country yet. ‖Then they "
        "face another big blow: defections by their subordinates who detest their bosses’ actions."
    ),
    (
        "Captain Nyi Thuta said the image of the military is now the worst in history, as more "
        "military personnel are realizing that the reputation of the military and soldiers have "
        "been totally shattered."
    ),
    (
        "“So, this momentum [of defections] is going to grow. ‖The sure thing is that the time has "
        "come for the people and people’s soldiers to unite,” he said."
    ),
    "Cracks in the military",
    (
        "Everyone familiar with Myanmar politics knows\xa0it is hard to imagine that change in "
        "Myanmar can come about without the involvement of some men within the military, which has "
        "remained the country’s most powerful institution since 1962."
    ),
    (
        "Now with defections growing like never before, Captian Nyit Thuta said\xa0the military "
        "has potential to split into two groups: those who want to inherit the bad legacy of the "
        "military and others who don’t want to do so."
    ),
    "The junta’s troops are seen during a crackdown against the anti-regime protest in Yangon.",
    (
        "“Anyone defecting said they want to be people’s soldiers—professionals who protect the "
        "people. ‖They don’t want to hand over the institution’s bad legacy to their juniors,” he "
        "said."
    ),
    (
        "Another defecting military official, Captain Lin Htet Aung, also realized they were "
        "working for the coup leaders who put their personal benefits before the country or the "
        "military institution itself."
    ),
    (
        "The captain, who graduated from the 54th Intake of the Defense Services Academy, left the "
        "military barracks in Shan State a few months after the February coup after seeing the "
        "regime’s atrocities against unarmed peaceful anti-coup demonstrators and civilians. "
        "‖Later he formed the People’s Embrace group to help military personnel who want to defect."
    ),
    (
        "“We are seeing cracks in the military. ‖There are many injustices in posting and other "
        "human rights violations that create discontent among the ranks against their superiors. "
        "‖So, the military could face a split,” said Captain Lin Htet Aung."
    ),
    (
        "For examples, he explained, some military troops have been unfairly posted on the "
        "frontline for years while others who have good connections with people upstairs are being "
        "posted in safe areas like Naypyitaw, he added."
    ),
    (
        "International and local observers are convinced that the military institution must split "
        "up in order to restore the path to democracy in Myanmar, as there is a lack of effective "
        "actions by the UN and international organizations and neither the armed resistance of the "
        "people nor the ethnic armed groups can defeat the junta."
    ),
    (
        "Captian Lin Htet Aung also agreed with the point that without the split within the "
        "military, it’s unlikely democracy will be restored."
    ),
    (
        "“Years-long bad habits [like corruption] and systems [like oppression] are deeply rooted "
        "in the military. ‖We also need to fight to force those ingrained bad habits out in order "
        "to restore democracy. ‖So, the institution needs to split up” he added."
    ),
    (
        "In an attempt to encourage more defections, Myanmar’s parallel National Unity Government "
        "(NUG) on Monday issued a statement urging military personnel to join the CDM by promising "
        "to keep not only their original positions and pension allowances, but also their safety."
    ),
    (
        "It also said that security forces personnel who left the military barracks can join the "
        "federal union army and police forces reformed by the NUG."
    ),
    (
        "Meanwhile, people’s reception of defecting soldiers has been quite encouraging, Captain "
        "Nyi Thuta said. ‖Both the People’s Soldiers and People’s Embrace groups are now able to "
        "support the striking soldiers due to donations made by the public."
    ),
    (
        "“They now realize that people just hate soldiers who support the institution that "
        "oppresses them with guns. ‖They know now that you will be showered with love once you are "
        "no longer affiliated with them,” he said."
    ),
    (
        "For most defectors from the military, they believe that only a split within the military "
        "itself will bring about a radical change for the armed forces to become the people’s "
        "military."
    ),
    (
        "Captain Lin Htet Aung said the armed forces can’t be changed even with the death of coup "
        "leader Min Aung Hlaing, as another would take his place."
    ),
    (
        "“To wipe out the deeply rooted bad habits and systems of the military, reform is the only "
        "way. ‖It can only happen when it splits,” he said."
    ),
    "“It could happen if we are more united.”",
    "You may also like these stories:",
    "Myanmar Migrant Workers in Mae Sot Get Free COVID-19 Jabs",
    "Myanmar’s Shadow Govt Reports Junta’s Massacres of Civilians to UN Security Council",
    "US-Thai Cobra Gold Drills Wither at 40",
]

NEWS_CASES = [
    # abbreviations
    "The meeting was held on Feb. 14 in Naypyitaw. ‖It ended without a deal.",
    "Capt. Nyi Thuta and Lt. Col. Aung Myo spoke to reporters. ‖Both had defected.",
    "Gen. Min Aung Hlaing led the coup. ‖He has since named himself prime minister.",
    "Dr. Sasa, the NUG spokesman, said the vote was a sham. ‖Mr. Tun and Mrs. Khin agreed.",
    "Ms. Lee lives on St. Mark’s Place in New York.",
    "The U.S. and the U.N. condemned the killings. ‖China did not.",
    "The U.S. Embassy in Yangon issued a travel warning on Aug. 3.",
    "The sanctions were announced by the U.S. ‖The EU followed a week later.",
    "Order No. 3 was issued in 2021. ‖Nos. 4 and 5 followed in 2022.",
    "It was Myanmar vs. Thailand in the final.",
    "Farm exports, e.g. rice and beans, rose sharply.",
    "The cash crops, i.e. sesame and pulses, were hit hardest.",
    "Prices of rice, oil, etc. rose again in March.",
    "They sold rice, beans, tea, etc. ‖The trade collapsed after the coup.",
    "Apple Inc. said on Monday it would leave. ‖Its shares fell.",
    "Myanmar Brewery Ltd. was sold to Kirin Holdings Co. in 2015.",
    "Max Myanmar Co. Ltd. was sanctioned by the Treasury.",
    "Martin Luther King Jr. was assassinated in 1968. ‖Riots followed.",
    "Sgt. Maj. Tun and Pvt. Aung were arrested in Sagaing.",
    "Prof. Htwe and Rev. Smith signed the letter.",
    "The office is at 12 Mission St. in Yangon.",
    "The protests began on Jan. 6 and spread by Dec. 3, according to the AAPP.",
    "The company was founded in Sept. 2011 by Sen. Aung Min.",
    "The deal was signed by the gov. and the army.",
    "He holds a Ph.D. in economics from Yangon University.",
    "The No. 1 priority, officials said, is safety.",
    # times
    "The attack began at 5.30 p.m. and lasted an hour.",
    "The curfew starts at 8 p.m. ‖Residents must stay home.",
    "The blast happened at 9 a.m. Monday near the market.",
    "He arrived at 9 a.m. on Monday. ‖Nobody was waiting.",
    # numbers
    "More than 300,000 soldiers serve in the army. ‖About 1,019 people have been killed.",
    "The economy shrank 6.5 percent in 2021. ‖It was the worst year on record.",
    "The junta spent $3.5 billion on arms. ‖Critics say that is 2.5 times the health budget.",
    "The kyat lost 60% of its value. ‖In 2020 it was stable.",
    "Prices rose by 10 percent in 2021. ‖2022 was worse.",
    "Version 2.0.1 of the app was released on 1.9.2021 in Yangon.",
    # quotations
    "“We will not go back,” she said. ‖“Never.”",
    "He asked, “Why are you shooting us?” ‖Nobody answered.",
    "“Why are you shooting us?” he asked.",
    "“Stop!” shouted the officer.",
    '"You can\'t kill people who express their views." ‖The crowd cheered.',
    '"They are thugs," he said. ‖"They shoot at children."',
    'She said: "We are leaving." ‖Then she left.',
    "He called it ‘a disgrace.’ ‖Others agreed.",
    "He called the verdict ‘a disgrace’. ‖Others agreed.",
    "“Down with the dictatorship!” the crowd chanted. ‖Police fired tear gas.",
    "The crowd chanted “Down with the dictatorship!” ‖Police fired tear gas.",
    "He said, “They told me ‘shoot them.’ ‖I refused.”",
    "'We are here,' he said. ‖'We will stay.'",
    "The soldiers’ families were threatened. ‖They fled to Thailand.",
    # question and exclamation marks
    "Is this the end? ‖Nobody knows.",
    "What now?! ‖We wait.",
    "Free Aung San Suu Kyi! ‖Free all political prisoners!",
    "Why? ‖Because they fear the people.",
    # "?" and "!" before a lowercase word go on (Golden Rules 44: "Yahoo! in the accounting ...").
    "Is it over? maybe not, analysts say.",
    # ellipses
    "He paused... and then continued.",
    "He paused … and then continued.",
    "We waited and waited... ‖Then the soldiers came.",
    "We waited and waited… ‖Then the soldiers came.",
    "The statement read: “We will … protect the people.”",
    # initials and names
    "J. R. R. Tolkien wrote the book in 1937.",
    "Aung San Suu Kyi was detained on Feb. 1. ‖She remains in custody.",
    "U Thant was the third U.N. secretary-general.",
    "Former U.N. chief U Thant was born in Pantanaw.",
    "Gen. Min Aung Hlaing arrived in Moscow. ‖He met Russian officials.",
    "John F. Kennedy visited Burma in 1962. ‖U Nu welcomed him.",
    "The report cites H. G. Wells and George Orwell.",
    # dashes
    "They want to be people’s soldiers—professionals who protect the people.",
    "The army—the country’s most powerful institution—is split. ‖Few expected it.",
    "He said it would end soon — it did not. ‖Fighting continued.",
    # parentheses and brackets
    "(See below.) ‖Next, the votes were counted.",
    "The party won 396 seats (out of 476). ‖The army objected.",
    "The National Unity Government (NUG) issued a statement. ‖It urged defections.",
    "[Under the regime] people are ashamed.",
    "The junta said it had arrested them. ‖[Editor’s note: this could not be verified.] "
    "‖Their families deny it.",
    "He left (the army had no use for him). ‖Then he joined the CDM.",
    "(The AAPP tracks arrests.) ‖The junta disputes its figures.",
    # URLs, e-mails, decimals
    "Visit www.irrawaddy.com for updates. ‖Subscribe today.",
    "Read more at https://www.irrawaddy.com/news/burma/Atrocious.Myanmar.html today.",
    "Email tips to news@irrawaddy.com. ‖We reply within a day.",
    "Download it from https://example.org/Report.PDF or ftp.Example.org now.",
    "The magnitude 6.8 quake struck at 5.30 p.m. local time.",
    # lowercase continuation after a period
    "The lawyer cited sec. 505(a) of the penal code.",
    "Tun (a.k.a. the Tiger) escaped.",
    # whitespace
    "First line ends here.\n‖Second line starts here.",
    "Two spaces follow this.  ‖Then a new sentence.",
]


# Written before the splitter was run on them (held-out figures in the module docstring).
HELD_OUT_CASES = [
    "Lt. Gen. Soe Win visited Beijing on Oct. 12. ‖He met Chinese officials.",
    "The NLD won 82% of seats in Nov. 2020. ‖The military alleged fraud.",
    "“We have nothing left,” said Daw Khin, 54. ‖“They burned everything.”",
    "Col. Aung said: “Go home.” ‖The crowd did not move.",
    "Who ordered the shooting? ‖The junta has not said.",
    "The U.N. Security Council met on Friday. ‖No statement was issued.",
    "The group, based in the U.K., said it had verified the video. ‖It did not name its sources.",
    "Prices rose to K2,500 per kg. ‖Traders blamed the kyat’s fall.",
    "Mr. Biden said the U.S. would act. ‖Sanctions followed on March 25.",
    "At least 12 people died, including two children aged 5 and 7. ‖Dozens were injured.",
    "The ministry’s statement (issued at 11 p.m.) gave no details.",
    "Dr. Tun Aung Shwe, the NUG’s envoy to Australia, declined to comment.",
    "“Run!” someone shouted. ‖Then the shooting began.",
    "He wrote “Spring Revolution” on the wall… ‖Soldiers arrested him an hour later.",
    "See irrawaddy.com/news for live updates. ‖Our reporters are on the ground.",
    "The Yangon Stock Exchange fell 1.2 pct. ‖Trading was thin.",
    "She asked: “Where is my husband?” ‖Nobody could tell her.",
    "The law (Section 505A) criminalizes criticism of the military. ‖Hundreds have been charged.",
    "The film won at Cannes. ‖It is banned in Myanmar.",
    "The vote passed 15-0. ‖Russia and China abstained from an earlier resolution.",
    "St. Paul’s Church in Yangon was damaged.",
    "Sen. Bob Menendez introduced the BURMA Act. ‖It passed the House in 2022.",
    "Ko Ko Gyi, 59, a former student leader, was released. ‖He spent 17 years in prison.",
    "Fighting has displaced some 1.5 million people, according to the U.N.",
    "Is there hope? ‖“Yes,” she said, “if we stay united.”",
]


def split_gold(case: str) -> tuple[str, list[int]]:
    """Remove the markers and return the plain text with the expected break offsets."""
    parts = case.split(MARK)
    text = "".join(parts)
    breaks: list[int] = []
    offset = 0
    for part in parts[:-1]:
        offset += len(part)
        breaks.append(offset)
    return text, breaks


def show(text: str, breaks: list[int]) -> str:
    return "".join((MARK if i in breaks else "") + ch for i, ch in enumerate(text))


@pytest.mark.parametrize("case", SEED_ARTICLE + NEWS_CASES + HELD_OUT_CASES)
def test_gold_breaks(case: str) -> None:
    text, expected = split_gold(case)
    got = sentence_breaks(text, "en")
    assert show(text, got) == show(text, expected)


def test_gold_set_is_big_enough_and_has_breaks() -> None:
    # Guards the gold data itself: enough cases, and both splitting and non-splitting ones.
    cases = SEED_ARTICLE + NEWS_CASES
    assert len(SEED_ARTICLE) == 44
    assert len(NEWS_CASES) >= 60
    with_breaks = [c for c in cases if MARK in c]
    assert 40 <= len(with_breaks) < len(cases)


def test_seed_paragraph_sentences_read_back() -> None:
    text, _ = split_gold(SEED_ARTICLE[8])
    cuts = [0, *sentence_breaks(text), len(text)]
    sentences = [text[a:b] for a, b in itertools.pairwise(cuts)]
    assert sentences[-1] == "He said “You can’t kill people who express their views.”"
    assert sentences[0].endswith("until the coup. ")
    assert "".join(sentences) == text


def test_empty_and_single_sentence() -> None:
    assert sentence_breaks("") == []
    assert sentence_breaks("   ") == []
    assert sentence_breaks("One sentence only.") == []
    assert sentence_breaks("Trailing space after the end.   ") == []


def test_english_region_codes_use_english_rules() -> None:
    text = "Gen. Min Aung Hlaing spoke. He left."
    assert sentence_breaks(text, "en_GB") == sentence_breaks(text, "en-US") == [28]


def test_lao_and_khmer_have_no_breaks() -> None:
    assert sentence_breaks("ສະບາຍດີ ຂ້ອຍຊື່ ສົມ. ເຈົ້າເດ", "lo") == []
    assert sentence_breaks("សួស្តី ខ្ញុំឈ្មោះ សុខ. អ្នក", "km") == []


def test_burmese_section_mark() -> None:
    text = "စစ်တပ်က ပြောသည်။ ပြည်သူများ ဆန္ဒပြကြသည်။ရန်ကုန်တွင် ဖြစ်သည်။"
    first = text.index("ပြည်သူ")
    second = text.index("ရန်ကုန်")
    assert sentence_breaks(text, "my") == [first, second]
    # "၊" is a comma, not a sentence end.
    assert sentence_breaks("ရန်ကုန်၊ မန္တလေး", "my") == []


@pytest.mark.parametrize("lang", ["zh", "zh_Hans", "zh-Hant", "ja"])
def test_cjk_terminators(lang: str) -> None:
    text = "今天天气很好。明天会下雨！你去吗？他说：“我们不会回去。”然后离开了。"
    expected = [text.index(s) for s in ("明天", "你去", "他说", "然后")]
    assert sentence_breaks(text, lang) == expected


def test_cjk_characters_are_not_terminators_for_english() -> None:
    assert sentence_breaks("今天天气很好。明天会下雨。", "en") == []


_ALPHABET = st.sampled_from([*"ab AB.?!…”“\"'()[]1,\n\u00a0။。", "Mr", "U.S", "p.m"])


# No deadline: the first Thai call loads PyThaiNLP's model (about a second) when it is installed.
@settings(deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join), st.sampled_from(["en", "my", "zh", "th"]))
def test_offsets_are_valid_for_any_text(text: str, lang: str) -> None:
    breaks = sentence_breaks(text, lang)
    assert breaks == sorted(set(breaks))
    for offset in breaks:
        assert 0 < offset < len(text)
        assert not text[offset].isspace()
        # A break follows whitespace, a full stop with no space after it ("world.Today") or, in
        # Burmese and CJK, a sentence-final mark or closer.
        assert text[offset - 1].isspace() or text[offset - 1] in ".．" or lang in ("my", "zh")


def test_citation_marks_stay_with_their_sentence() -> None:
    text = (
        "The name meant the North Island.[18] Māori had other names.[19][n 3] Today both are used."
    )
    assert sentence_breaks(text) == [text.index("Māori"), text.index("Today")]


def test_list_number_opening_a_block_is_not_a_sentence() -> None:
    text = "4. Hotel rooms are priced by demand. They rise at weekends."
    assert sentence_breaks(text) == [text.index("They")]
    # Elsewhere a number ends a sentence as usual.
    assert sentence_breaks("The youngest was 6. He survived.") == [20]


def test_question_mark_before_punctuation_is_not_a_break() -> None:
    assert sentence_breaks("Why? — because they could.") == []
    assert sentence_breaks("Why? because they could.") == []
    # A dash before a capital opens the next sentence (pySBD: "What do you see? - Posted ...").
    assert sentence_breaks("Why? — Because they could.") == [5]


def test_issue_13_english_rules() -> None:
    # The failure kinds listed in issue 13, each as the splitter now reads it.
    one_sentence = [
        "Please turn to p. 55 now.",
        "He is no. 5, the shortstop.",
        "He is 5 ft. 6 in. tall.",
        "You can find it at N°. 1026 today.",
        "Think on these things (Phil. 4:8) every day.",
        "She works at Yahoo! in the accounting department.",
        "He teaches science (He worked as an engineer. He left.) at the local University.",
        "Did you see Albert I. Jones yesterday?",
        "I wasn’t really . . . well, what I mean...see . . . what I'm saying.",
    ]
    for text in one_sentence:
        assert split_sentences(text) == [text], text
    assert split_sentences("Leave me alone! he yelled.") == ["Leave me alone! he yelled."]
    assert split_sentences("He became President of the U.S. Millions attended.")[1] == (
        "Millions attended."
    )
    assert split_sentences("She earned her Ph.D. Tom was proud.")[1] == "Tom was proud."
    assert split_sentences("Rome was founded in 753 B.C. Augustus came later.")[1].startswith(
        "Augustus"
    )
    assert split_sentences("We make a good team, you and I. Did you see it?")[1] == (
        "Did you see it?"
    )
    assert split_sentences("Hello world.Today is Tuesday.") == ["Hello world.", "Today is Tuesday."]
    assert split_sentences("Test strange period．Does it work．") == [
        "Test strange period．",
        "Does it work．",
    ]


def test_domains_and_addresses_are_not_missing_spaces() -> None:
    for text in ["See www.testurl.Awesome.com now.", "Mail Jane.Doe@example.com today."]:
        assert split_sentences(text) == [text]


def test_inline_lists() -> None:
    assert split_sentences("1. The first item 2. The second item") == [
        "1. The first item ",
        "2. The second item",
    ]
    assert split_sentences("a) one thing b) another c) a third") == [
        "a) one thing ",
        "b) another ",
        "c) a third",
    ]
    # A lone number is no list, and "for 1. above" is a reference.
    assert split_sentences("The youngest was 6. He survived.") == [
        "The youngest was 6. ",
        "He survived.",
    ]
    text = "As payment for 1. above, pay us a fee and for 2. above, no fee will be paid."
    assert split_sentences(text) == [text]


def test_spaced_ellipses() -> None:
    text = (
        "It was weakened . . . was that of compounds. . . . The practice was not abandoned. . . ."
    )
    assert split_sentences(text) == [
        "It was weakened . . . was that of compounds. ",
        ". . . The practice was not abandoned. . . .",
    ]
    assert split_sentences("End with a period . . . . Next sentence.")[1] == "Next sentence."


def test_brackets_are_never_broken_inside() -> None:
    text = "The junta (which seized power. It says it won.) ruled. Few agree."
    assert split_sentences(text) == [
        "The junta (which seized power. It says it won.) ruled. ",
        "Few agree.",
    ]
    # An unmatched bracket blocks nothing.
    assert len(split_sentences("He left (quietly. Then she left.")) == 2


def test_quotations_split_by_default_and_kept_on_request() -> None:
    text = "“We will not go back. Never,” she said. They left."
    assert split_sentences(text) == ["“We will not go back. ", "Never,” she said. ", "They left."]
    assert split_sentences(text, quotes="keep") == [
        "“We will not go back. Never,” she said. ",
        "They left.",
    ]
    straight = 'He said "Stop. Go home." Then he left.'
    assert split_sentences(straight, quotes="keep") == [
        'He said "Stop. Go home." ',
        "Then he left.",
    ]
    with pytest.raises(ValueError, match="quotes"):
        sentence_breaks(text, "en", quotes="never")


def test_cjk_brackets_and_quotation_marks() -> None:
    assert split_sentences("我们明天一起去看《摔跤吧！爸爸》好吗？好！", "zh") == [
        "我们明天一起去看《摔跤吧！爸爸》好吗？",
        "好！",
    ]
    text = "幹部は「引き下げる。目指す」と指摘した。次に進む。"
    assert split_sentences(text, "ja") == ["幹部は「引き下げる。目指す」と指摘した。", "次に進む。"]
    # A Japanese decimal with a full-width point is no sentence end.
    assert split_sentences("引き下げ幅は３．２９％です。", "ja") == ["引き下げ幅は３．２９％です。"]


def test_burmese_quotations() -> None:
    text = "သူက “ကျွန်တော် မသိဘူး။ မမြင်ဘူး။” လို့ ပြောတယ်။ ပြီးတော့ ထွက်သွားတယ်။"
    assert split_sentences(text, "my") == [
        "သူက “ကျွန်တော် မသိဘူး။ မမြင်ဘူး။” လို့ ပြောတယ်။ ",
        "ပြီးတော့ ထွက်သွားတယ်။",
    ]


def test_burmese_quotative_is_a_whole_syllable() -> None:
    # "ဟု" (quotative) is not the start of "ဟုတ်ကဲ့" (yes), which opens a new sentence (TALPCo).
    assert split_sentences("နာမည် ရေးပါ။ ဟုတ်ကဲ့၊ နားလည်ပါပြီ။", "my") == [
        "နာမည် ရေးပါ။ ",
        "ဟုတ်ကဲ့၊ နားလည်ပါပြီ။",
    ]
    assert split_sentences("သူ မသိဘူး။ ဟု ပြောသည်။", "my") == ["သူ မသိဘူး။ ဟု ပြောသည်။"]


def test_thai_polite_particles_end_a_sentence() -> None:
    from l10nflow.segment.sentences_thai import thai_breaks

    text = "พ่อเป็นอาจารย์ครับ โรงเรียนหยุดครับ"
    assert thai_breaks(text, "space") == [text.index("โรงเรียน")]
    # A conjunction after the particle goes on: "... ครับ เพราะ ..." (because).
    assert thai_breaks("ไม่ไปโรงเรียนครับ เพราะไม่มีเรียน", "space") == []


def test_thai_space_fallback_without_pythainlp() -> None:
    from l10nflow.segment.sentences_thai import space_breaks

    text = "ฉันไปโรงเรียน เธอไปโรงพยาบาล"
    assert space_breaks(text) == [text.index("เธอ")]
    # "และ" (and) continues the sentence; numbers and short words around spaces do not split.
    assert space_breaks("วันนี้ฉันกินข้าว และโดดเรียน") == []
    assert space_breaks("ราคา 50 บาท ทุกวัน") == []


def test_thai_uses_pythainlp_when_installed() -> None:
    pytest.importorskip("pythainlp")
    from l10nflow.segment.sentences_thai import thai_breaks

    # PyThaiNLP's own test: the CRF model keeps "(1) ... ในอดีต" together and cuts twice.
    text = (
        "(1) บทความนี้ผู้เขียนสังเคราะห์ขึ้นมาจากผลงานวิจัยที่เคยทำมาในอดีต"
        " มิได้ทำการศึกษาค้นคว้าใหม่อย่างกว้างขวางแต่อย่างใด"
        " จึงใคร่ขออภัยในความบกพร่องทั้งปวงมา ณ ที่นี้"
    )
    assert thai_breaks(text, "crfcut") == [text.index("มิได้"), text.index("จึง")]


_LINES_ALPHABET = st.sampled_from([*"ab A.\n\r\t •(の、", "\r\n", "\n\n", " \n", "1. ", "WA\n"])


@given(st.lists(_ALPHABET, max_size=40).map("".join), st.sampled_from(["en", "my", "zh"]))
def test_split_sentences_keeps_every_character(text: str, lang: str) -> None:
    for quotes in ("split", "keep"):
        assert "".join(split_sentences(text, lang, quotes)) == text


@given(st.lists(_LINES_ALPHABET, max_size=30).map("".join), st.sampled_from(["text", "pdf"]))
def test_line_layouts_keep_every_character(text: str, layout: str) -> None:
    for lang in ("en", "ja"):
        breaks = sentence_breaks(text, lang, "split", layout)
        assert breaks == sorted(set(breaks))
        assert all(0 < b < len(text) and not text[b].isspace() for b in breaks)
        assert "".join(split_sentences(text, lang, "keep", layout)) == text


def test_cases_found_on_real_pages() -> None:
    # From the <p> texts of Mozilla Readability's test pages, old and new splitter compared.
    assert split_sentences('It isn\'t "perfect".[20] An employee left.') == [
        'It isn\'t "perfect".[20] ',
        "An employee left.",
    ]
    assert split_sentences("Is this perfect? No. But it helps.") == [
        "Is this perfect? ",
        "No. ",
        "But it helps.",
    ]
    assert split_sentences("FactSet Research Systems Inc. 2016. All rights reserved.") == [
        "FactSet Research Systems Inc. 2016. ",
        "All rights reserved.",
    ]
    assert split_sentences("This is very strange, thought I. What had one best do?") == [
        "This is very strange, thought I. ",
        "What had one best do?",
    ]


def test_text_layout_counts_line_breaks() -> None:
    text = "features\ncontact manager\n\nIt was a cold \nnight in the city."
    # In HTML a line break is a space.
    assert split_sentences(text) == [text]
    assert split_sentences(text, layout="text") == [
        "features\n",
        "contact manager\n\n",
        "It was a cold \nnight in the city.",
    ]
    # pySBD's plain-text reading: a line of one or two letters is a broken word, a line starting
    # with "." joins the line before, a wrapped line (a space, then lowercase) goes on.
    assert split_sentences("W\nA\nRN\nI\nNG\nIt works", layout="text") == [
        "W\nA\nRN\nI\nNG\n",
        "It works",
    ]
    assert split_sentences("for pricing\n. Pricing info", layout="text") == [
        "for pricing\n. ",
        "Pricing info",
    ]
    assert split_sentences("at no cost\nyou may copy it\r\nUse it", layout="text") == [
        "at no cost\n",
        "you may copy it\r\n",
        "Use it",
    ]
    # A list marker at a line start is no sentence by itself.
    assert split_sentences("guidelines:\n\n1. Organise your care", layout="text") == [
        "guidelines:\n\n",
        "1. Organise your care",
    ]
    with pytest.raises(ValueError, match="layout"):
        split_sentences(text, layout="plain")


def test_pdf_layout_joins_wrapped_lines() -> None:
    text = "This is a sentence\ncut off in the middle. A new line \nBegins here.\nNext one."
    assert split_sentences(text, layout="pdf") == [
        "This is a sentence\ncut off in the middle. ",
        "A new line \nBegins here.\n",
        "Next one.",
    ]
    # In plain text the same lines are sentences of their own.
    assert split_sentences(text, layout="text")[0] == "This is a sentence\n"


def test_quotation_endings() -> None:
    # A quotation broken off by a dash ends the sentence when a capital follows (pySBD's Alice).
    text = 'Alice began, "If you please, sir--" The Rabbit started. "I will--" he said.'
    assert split_sentences(text) == [
        'Alice began, "If you please, sir--" ',
        "The Rabbit started. ",
        '"I will--" he said.',
    ]
    # A parenthesis after a quotation inside a sentence goes on; after a quotation that is the
    # whole sentence it starts a new one.
    embedded = "He said 'go home!' (Which was true.) Then we left."
    assert split_sentences(embedded) == ["He said 'go home!' (Which was true.) ", "Then we left."]
    whole = '"I should think!" (Dinah was the cat.) "I hope so."'
    assert split_sentences(whole) == [
        '"I should think!" ',
        "(Dinah was the cat.) ",
        '"I hope so."',
    ]


def test_stray_dots_after_a_full_stop() -> None:
    assert split_sentences("Sentence. .. Next sentence.") == ["Sentence. ", ".. ", "Next sentence."]
    # A spaced ellipsis is a pause.
    assert split_sentences("I was . . . not sure.") == ["I was . . . not sure."]
