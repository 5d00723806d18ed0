"""Demo content for Masthead.

Every piece of text in this module was written for the Masthead project as
demonstration material. The outlet "Masthead Kyiv", its journalists, and the
people quoted by name are fictional, and all figures are illustrative. Nothing
here should be read as a report of real events.

The module holds plain data only, so it can be loaded by a seeding command
or inspected in tests without touching the database.
"""

SECTIONS = [
    {
        "slug": "featured",
        "title": "Featured",
        "description": "The stories our editors think matter most today, chosen from across every desk.",
    },
    {
        "slug": "war",
        "title": "War",
        "description": "Daily reporting on the fighting, the air war and the attacks on Ukrainian cities.",
    },
    {
        "slug": "analysis",
        "title": "Analysis",
        "description": "Longer pieces that use data and expert voices to explain where the war is heading.",
    },
    {
        "slug": "russias-war",
        "title": "Russia's War",
        "description": "How the invasion is changing Russia's economy, politics and society.",
    },
    {
        "slug": "national",
        "title": "National",
        "description": "Politics, the economy, institutions and public life across Ukraine.",
    },
    {
        "slug": "human-story",
        "title": "Human Story",
        "description": "Portraits of the people whose lives the war has interrupted, reshaped or tested.",
    },
    {
        "slug": "field-report",
        "title": "Field Report",
        "description": "First-hand reporting from our journalists in frontline regions and recovering towns.",
    },
    {
        "slug": "company-news",
        "title": "Company News",
        "description": "News about Masthead Kyiv itself: our newsletters, our team and how we are funded.",
    },
]

AUTHORS = [
    {
        "slug": "olena-marchuk",
        "name": "Olena Marchuk",
        "role": "Editor-in-chief",
        "bio": (
            "Olena Marchuk leads the Masthead Kyiv newsroom and sets its editorial direction. "
            "She spent a decade as a political reporter and news editor before co-founding the outlet. "
            "She is based in Kyiv."
        ),
        "x_handle": "omarchuk_mk",
        "is_editor": True,
        "palette": (164, 52, 58),
    },
    {
        "slug": "mark-ellison",
        "name": "Mark Ellison",
        "role": "Analysis editor",
        "bio": (
            "Mark Ellison edits the analysis desk, covering defence economics, sanctions and European security. "
            "He previously worked as a researcher at a policy institute and as a correspondent in Central Europe."
        ),
        "x_handle": "mellison_mk",
        "is_editor": True,
        "palette": (46, 84, 128),
    },
    {
        "slug": "iryna-sokil",
        "name": "Iryna Sokil",
        "role": "Kyiv correspondent",
        "bio": (
            "Iryna Sokil reports on politics, parliament and daily life in the capital. "
            "She writes the Morning Briefing newsletter and has covered every major attack on Kyiv since 2022."
        ),
        "x_handle": "isokil_mk",
        "is_editor": False,
        "palette": (212, 148, 62),
    },
    {
        "slug": "taras-hnatiuk",
        "name": "Taras Hnatiuk",
        "role": "Defence reporter",
        "bio": (
            "Taras Hnatiuk covers the front line, air defence and military technology. "
            "He has reported from the Donetsk, Zaporizhzhia and Kharkiv regions and trained as an engineer before turning to journalism."
        ),
        "x_handle": "thnatiuk_mk",
        "is_editor": False,
        "palette": (78, 104, 66),
    },
    {
        "slug": "daria-kovalenko",
        "name": "Daria Kovalenko",
        "role": "Russia desk reporter",
        "bio": (
            "Daria Kovalenko follows Russia's economy, domestic politics and military recruitment. "
            "She works mostly with open data, official statistics and regional budget documents."
        ),
        "x_handle": "dkovalenko_mk",
        "is_editor": False,
        "palette": (98, 70, 132),
    },
    {
        "slug": "yevhen-moroz",
        "name": "Yevhen Moroz",
        "role": "Economy and energy reporter",
        "bio": (
            "Yevhen Moroz writes about Ukraine's economy, energy system and reconstruction finance. "
            "Before joining Masthead Kyiv he covered commodity markets for a business publication."
        ),
        "x_handle": "ymoroz_mk",
        "is_editor": False,
        "palette": (38, 122, 118),
    },
    {
        "slug": "sofia-bondar",
        "name": "Sofia Bondar",
        "role": "Features writer",
        "bio": (
            "Sofia Bondar writes the Human Story series, profiling people whose lives have been changed by the war. "
            "She is especially interested in education, health and displaced communities."
        ),
        "x_handle": "sbondar_mk",
        "is_editor": False,
        "palette": (190, 96, 124),
    },
    {
        "slug": "andrii-lysenko",
        "name": "Andrii Lysenko",
        "role": "Photo editor",
        "bio": (
            "Andrii Lysenko runs the photo desk and leads many of our field reporting trips. "
            "His photographs of frontline towns and recovering villages have been exhibited in several European cities."
        ),
        "x_handle": "alysenko_mk",
        "is_editor": True,
        "palette": (88, 88, 96),
    },
]

ARTICLES = [
    # ------------------------------------------------------------------ featured
    {
        "slug": "winter-grid-plan-ukraine-energy-ministry",
        "section": "featured",
        "title": "Energy Ministry sets out winter plan as grid braces for another season of strikes",
        "standfirst": "The ministry says Ukraine needs at least 2.4 gigawatts of new protected or distributed generation before the first frost to avoid long outages.",
        "authors": ["yevhen-moroz"],
        "tags": ["Energy", "Ukraine", "Air defence", "EU"],
        "hours_ago": 5,
        "in_news_feed": True,
        "is_premium": False,
        "image": {
            "caption": "Engineers inspect a transformer behind a protective wall of gabions at a substation in central Ukraine.",
            "credit": "Roman Kuzmenko / Northwind Photo",
            "palette": (52, 70, 96),
            "motif": "factory",
        },
        "body": [
            (
                "paragraph",
                "Ukraine's Energy Ministry on Monday published its plan for the coming heating season, saying the country needs to add at least 2.4 gigawatts of protected or distributed generation before the first frost to avoid long scheduled outages.",
            ),
            (
                "paragraph",
                "The 46-page plan, released after a meeting of the government's energy coordination staff, estimates that Russian strikes have damaged or destroyed roughly 9 gigawatts of generating capacity since the start of the full-scale invasion.",
            ),
            (
                "paragraph",
                "Officials said about 60% of the thermal generation that worked before the war is now offline, leaving the grid more dependent on nuclear plants, imports from the EU and a growing fleet of small gas engines and solar parks.",
            ),
            ("subheading", "Gas engines and batteries"),
            (
                "paragraph",
                "The ministry said 1,150 megawatts of new distributed capacity had been connected since January, most of it gas-fired units of between 1 and 20 megawatts installed next to hospitals, water utilities and district heating plants.",
            ),
            (
                "quote",
                {
                    "quote": "We are no longer building a grid that can be switched off by hitting five big targets. We are building one that would need five hundred.",
                    "attribution": "Deputy energy minister, speaking at a briefing in Kyiv",
                },
            ),
            (
                "paragraph",
                "Import capacity from neighbouring EU grids has been raised to 2.1 gigawatts. Officials cautioned that imported power is expensive during evening peaks, when prices on regional exchanges can exceed EUR 250 per megawatt-hour.",
            ),
            ("related", "analysis-air-defence-cost-curve"),
            ("subheading", "Households asked to cut evening use"),
            (
                "paragraph",
                "The plan asks households to reduce consumption between 17:00 and 22:00 and sets a target of 300,000 new rooftop solar installations through a state-backed loan scheme with interest rates of 0% to 5%.",
            ),
            (
                "paragraph",
                "Regional administrations have been told to prepare heated public spaces with generators and internet access, at a ratio of one for every 2,000 residents in frontline regions. The ministry said it had received about EUR 410 million in equipment and grants from partners this year, with a further EUR 300 million under discussion.",
            ),
            (
                "pull_quote",
                {
                    "text": "The grid needs to survive not one winter, but every winter until the war ends.",
                    "attribution": "Energy Ministry winter plan",
                },
            ),
        ],
        "notes": [],
    },
    {
        "slug": "kharkiv-schools-underground-classrooms",
        "section": "featured",
        "title": "Kharkiv opens its tenth underground school as demand for places keeps rising",
        "standfirst": "About 11,000 children now attend lessons below ground in a city where air-raid alerts last more than six hours a day on average.",
        "authors": ["sofia-bondar"],
        "tags": ["Kharkiv", "Children", "Air defence", "Reconstruction"],
        "hours_ago": 30,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "Pupils walk down the stairs to a classroom built beneath a residential block in north-eastern Kharkiv.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (214, 186, 120),
            "motif": "city",
        },
        "body": [
            (
                "paragraph",
                "Kharkiv opened its tenth underground school this week, allowing another 900 pupils to attend lessons in person in a city where air-raid alerts sounded for more than six hours a day on average last month.",
            ),
            (
                "paragraph",
                "The new school, built beneath a residential block in the north-east of the city, has 24 classrooms, a canteen and a medical room. It sits about 6 metres below ground, according to the city council.",
            ),
            (
                "paragraph",
                "Officials say the ten underground schools and a network of classrooms in metro stations now serve about 11,000 children in two shifts, compared with just over 1,000 at the start of the previous school year.",
            ),
            ("subheading", "Two shifts and a waiting list"),
            (
                "paragraph",
                "Demand still exceeds supply. The education department said about 6,500 families had applied for places that do not yet exist, and that most of the city's roughly 62,000 schoolchildren still study wholly or partly online.",
            ),
            (
                "quote",
                {
                    "quote": "Children come down the stairs, take off their coats, and for six hours they can forget the sirens. Parents tell us the difference is visible within a month.",
                    "attribution": "Natalia Hrytsenko, head teacher at one of the underground schools",
                },
            ),
            (
                "paragraph",
                "Each facility costs between UAH 90 million and UAH 140 million, roughly USD 2.2 million to USD 3.4 million, depending on depth and size. The latest was financed jointly by the city budget and a European development bank.",
            ),
            (
                "paragraph",
                "Kharkiv lies about 30 kilometres from the Russian border, and missiles launched from the Belgorod region can reach the city in under a minute, leaving little time for warnings.",
            ),
            ("related", "kharkiv-region-shelling-power-substation"),
            ("subheading", "Psychologists on staff"),
            (
                "paragraph",
                "Every underground school has at least one psychologist, and teachers have been trained to recognise signs of stress. In the department's own survey, the share of pupils reporting sleep problems fell from 41% to 29% after a term of in-person classes.",
            ),
            (
                "paragraph",
                "The city plans to open three more underground schools before the end of the year, subject to funding, and has asked donors for a further USD 9 million.",
            ),
        ],
        "notes": [
            {
                "kind": "correction",
                "text": "This article was corrected to give the right depth for the new school. It is about 6 metres below ground, not 16 metres as previously stated.",
                "hours_ago": 22,
            },
        ],
    },
    {
        "slug": "eu-reconstruction-conference-pledges",
        "section": "featured",
        "title": "Donors pledge EUR 6.2 billion for Ukraine's recovery at two-day conference",
        "standfirst": "Energy and housing will receive the largest shares, but delegates pressed Kyiv for stronger safeguards on how the money is spent.",
        "authors": ["yevhen-moroz"],
        "tags": ["Reconstruction", "EU", "Economy", "Energy"],
        "hours_ago": 70,
        "in_news_feed": True,
        "is_premium": False,
        "image": {
            "caption": "Delegates gather in the main hall on the second day of the reconstruction conference.",
            "credit": "Marta Holub / Eastlight Agency",
            "palette": (40, 64, 120),
            "motif": "crowd",
        },
        "body": [
            (
                "paragraph",
                "International donors pledged a combined EUR 6.2 billion in grants, loans and guarantees for Ukraine's recovery at a two-day reconstruction conference that closed on Thursday, organisers said.",
            ),
            (
                "paragraph",
                "About EUR 2.3 billion came from EU institutions. The rest was split between national governments, development banks and about 40 private companies that signed letters of intent.",
            ),
            (
                "paragraph",
                "The Ukrainian government told delegates that direct damage to buildings and infrastructure now exceeds USD 170 billion, and that the full cost of recovery over the next decade could approach USD 500 billion.",
            ),
            ("subheading", "Housing and energy first"),
            (
                "paragraph",
                "The largest single share of the new money, about EUR 1.6 billion, will go to the energy sector, including substation repairs, new gas turbines and grid connections for wind farms in western Ukraine.",
            ),
            (
                "paragraph",
                "A further EUR 900 million was earmarked for housing, largely through a compensation scheme that has so far issued certificates to about 92,000 families whose homes were destroyed.",
            ),
            (
                "quote",
                {
                    "quote": "Pledges are the easy part. The test is whether the money reaches a school roof in Chernihiv or a water pump in Mykolaiv within twelve months.",
                    "attribution": "A senior official at a European development bank",
                },
            ),
            (
                "paragraph",
                "Several delegations pushed for stronger procurement safeguards. The government said all contracts funded through the conference would be published on the state's open procurement platform and audited by an international firm.",
            ),
            ("related", "anti-corruption-bureau-procurement-case"),
            ("subheading", "Private investors remain cautious"),
            (
                "paragraph",
                "Business groups said war-risk insurance remains the main obstacle to private investment. A state-backed guarantee programme has covered projects worth about USD 480 million so far, a fraction of what investors say is needed.",
            ),
            (
                "paragraph",
                "The next conference is planned for the spring. Organisers said they would report back on how much of the money pledged this week had actually been disbursed by then.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "odesa-port-grain-exports-record-month",
        "section": "featured",
        "title": "Odesa ports report their busiest month since the full-scale invasion",
        "standfirst": "Ports in the region handled 7.1 million tonnes of cargo last month, most of it grain, as insurance costs for shipowners continued to fall.",
        "authors": ["yevhen-moroz"],
        "tags": ["Odesa", "Black Sea", "Agriculture", "Economy"],
        "hours_ago": 120,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "A bulk carrier is loaded with wheat at a grain terminal near Odesa on a calm autumn morning.",
            "credit": "Roman Kuzmenko / Northwind Photo",
            "palette": (70, 120, 160),
            "motif": "river",
        },
        "body": [
            (
                "paragraph",
                "Ports in the Odesa region handled 7.1 million tonnes of cargo last month, the highest monthly volume since the start of the full-scale invasion, according to figures from the national seaports authority.",
            ),
            (
                "paragraph",
                "Grain and oilseeds made up about 4.6 million tonnes of the total, with wheat, corn and sunflower meal the largest categories. Iron ore and steel accounted for most of the rest.",
            ),
            (
                "paragraph",
                "Ukraine has used a shipping corridor along its western Black Sea coast since an earlier UN-brokered arrangement collapsed. Officials say more than 3,800 vessels have used the route.",
            ),
            ("subheading", "Insurance costs falling"),
            (
                "paragraph",
                "Shipping agents said war-risk premiums for vessels calling at Odesa, Chornomorsk and Pivdennyi had fallen to around 1% of hull value per voyage, down from peaks of 3% to 5% earlier in the war.",
            ),
            (
                "quote",
                {
                    "quote": "Every ship that leaves is a small argument that the sea is still open. Owners watch these statistics as closely as the weather.",
                    "attribution": "Oleh Marynych, a shipping agent in Odesa",
                },
            ),
            (
                "paragraph",
                "The ports remain a regular target. The regional administration counted 34 attacks on port infrastructure in the past six months, damaging grain terminals, warehouses and at least 19 civilian vessels.",
            ),
            ("related", "demining-farmland-kherson-region"),
            (
                "paragraph",
                "The Agriculture Ministry expects grain exports for the current marketing year to reach about 41 million tonnes, compared with nearly 49 million tonnes in the last season before the invasion.",
            ),
            ("subheading", "Farmers squeezed by logistics"),
            (
                "paragraph",
                "Farmers' associations say that while the sea route works, inland transport remains costly. Moving a tonne of grain from the Kharkiv region to Odesa now costs about USD 35, roughly double the pre-war figure.",
            ),
            (
                "paragraph",
                "Port officials said they hoped to keep monthly volumes above 6 million tonnes through the winter, weather and security permitting.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "prisoner-exchange-returns-190",
        "section": "featured",
        "title": "Prisoner exchange brings 190 Ukrainians home",
        "standfirst": "The group included 176 service members and 14 civilians, most of whom had been held in Russia for more than two years.",
        "authors": ["iryna-sokil"],
        "tags": ["Prisoners of war", "Ukraine", "Russia", "Diplomacy"],
        "hours_ago": 200,
        "in_news_feed": True,
        "is_premium": False,
        "image": {
            "caption": "Relatives hold up photographs of missing family members outside a coordination office in Kyiv.",
            "credit": "Marta Holub / Eastlight Agency",
            "palette": (120, 108, 96),
            "motif": "crowd",
        },
        "body": [
            (
                "paragraph",
                "One hundred and ninety Ukrainian service members and civilians returned home on Saturday in a prisoner exchange mediated by the United Arab Emirates, Ukraine's coordination headquarters for prisoners of war said.",
            ),
            (
                "paragraph",
                "The group included 176 soldiers, border guards and national guardsmen, as well as 14 civilians. Russia received the same number of people in return, the headquarters said.",
            ),
            (
                "paragraph",
                "Most of those released had been held for more than two years. The youngest was 22 and the oldest 61, according to the parliamentary human rights commissioner's office.",
            ),
            ("subheading", "Medical checks first"),
            (
                "paragraph",
                "After crossing the border in the Chernihiv region, the returnees were taken to hospitals for medical examinations. Officials said many had lost significant weight in captivity and several needed immediate treatment.",
            ),
            (
                "quote",
                {
                    "quote": "Families have been phoning every night for two years. Today some of those phones will finally stop ringing with no news.",
                    "attribution": "A spokesperson for the coordination headquarters",
                },
            ),
            (
                "paragraph",
                "This was the 58th exchange since the start of the full-scale invasion. According to official Ukrainian figures, more than 5,600 people have now been returned through swaps.",
            ),
            (
                "paragraph",
                "Thousands remain in Russian custody. The headquarters does not publish an exact figure but says it holds files on more than 8,000 Ukrainians believed to be detained, including civilians from occupied territories.",
            ),
            ("subheading", "Families wait for lists"),
            (
                "paragraph",
                "Relatives gathered outside the headquarters in Kyiv with photographs of missing loved ones, hoping for news. Officials said they would contact families directly once identities were confirmed.",
            ),
            (
                "paragraph",
                "Returnees will receive a one-off payment of UAH 100,000 and are offered at least 30 days of rehabilitation at state facilities. Mediators said talks on a further exchange were continuing but gave no timeline. The headquarters asked families not to share unverified lists on social media while checks are under way.",
            ),
        ],
        "notes": [
            {
                "kind": "update",
                "text": "This article was updated with the number of civilians included in the exchange.",
                "hours_ago": 196,
            },
        ],
    },
    # ----------------------------------------------------------------------- war
    {
        "slug": "kyiv-overnight-attack-drones-missiles",
        "section": "war",
        "title": "Russia launches 412 drones and 27 missiles in overnight attack on Kyiv and four regions",
        "standfirst": "Air defence units brought down most of the targets, but debris fell in six districts of the capital and about 180,000 households lost power.",
        "authors": ["taras-hnatiuk", "iryna-sokil"],
        "tags": ["Kyiv", "Air defence", "Drones", "Energy"],
        "hours_ago": 2,
        "in_news_feed": True,
        "is_premium": False,
        "image": {
            "caption": "Searchlights sweep the sky above the left bank of the Dnipro during an air-raid alert in Kyiv.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (22, 28, 54),
            "motif": "night",
        },
        "body": [
            (
                "paragraph",
                "Russia launched 412 drones and 27 missiles at Ukraine overnight, targeting Kyiv and energy facilities in four regions, the Ukrainian Air Force said on Tuesday morning.",
            ),
            (
                "paragraph",
                "Air defence units shot down or electronically suppressed 371 drones and 21 missiles, according to the Air Force. The rest hit targets in Kyiv and in the Kyiv, Vinnytsia and Lviv regions.",
            ),
            (
                "paragraph",
                "In Kyiv, debris fell at nine locations in six districts. The city's military administration said 14 people were injured, three of them taken to hospital, and that no deaths had been reported as of 09:00.",
            ),
            ("subheading", "Power and water disrupted"),
            (
                "paragraph",
                "About 180,000 households on the left bank of the Dnipro were without electricity for several hours, the city's energy company said. Water pressure dropped in two districts while pumping stations switched to backup generators.",
            ),
            (
                "quote",
                {
                    "quote": "The air defence worked all night. The pattern was drones first, to tire out the crews, and then cruise missiles at around four in the morning.",
                    "attribution": "An Air Force spokesperson, speaking on national television",
                },
            ),
            (
                "paragraph",
                "Engineers said repairs at a damaged substation could take up to 48 hours. Scheduled outages of up to four hours were announced for parts of the capital and the surrounding region.",
            ),
            ("related", "winter-grid-plan-ukraine-energy-ministry"),
            (
                "paragraph",
                "It was the largest combined attack on Kyiv in three weeks. Since the start of the month, Russia has launched more than 4,900 long-range drones at Ukraine, an average of about 350 a day, according to Air Force data.",
            ),
            ("subheading", "Schools switch online"),
            (
                "paragraph",
                "Several schools in the affected districts moved classes online for the day. The metro ran normally after the all-clear at 06:40, although its stations had sheltered about 38,000 people during the night.",
            ),
            (
                "paragraph",
                "Officials repeated calls for additional long-range air defence systems and interceptor missiles from Ukraine's Western partners.",
            ),
        ],
        "notes": [
            {
                "kind": "update",
                "text": "This article was updated with the latest injury figures from the Kyiv City Military Administration.",
                "hours_ago": 1,
            },
        ],
    },
    {
        "slug": "pokrovsk-direction-assaults-general-staff",
        "section": "war",
        "title": "Pokrovsk remains the hottest sector of the front with 63 assaults in a day",
        "standfirst": "Russian units are attacking in small groups on foot and on motorcycles, trying to slip between Ukrainian positions under constant drone surveillance.",
        "authors": ["taras-hnatiuk"],
        "tags": ["Donetsk Oblast", "Front line", "Drones", "Russia"],
        "hours_ago": 9,
        "in_news_feed": True,
        "is_premium": False,
        "image": {
            "caption": "A road west of Pokrovsk covered with anti-drone netting strung between wooden poles.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (110, 104, 78),
            "motif": "field",
        },
        "body": [
            (
                "paragraph",
                "Ukrainian forces repelled 63 Russian assaults on the Pokrovsk direction over the past 24 hours, the General Staff said in its evening update, again making it the most active sector of the front.",
            ),
            (
                "paragraph",
                "Across the whole front the General Staff counted 187 combat engagements, up from a daily average of about 150 last week. Heavy fighting was also reported near Kostiantynivka and in the Zaporizhzhia region.",
            ),
            (
                "paragraph",
                "Russian units are attacking mainly in groups of two to five soldiers, often on motorcycles or on foot, trying to slip through gaps between Ukrainian positions, according to commanders in the area.",
            ),
            ("subheading", "Drones dominate the approaches"),
            (
                "paragraph",
                "A field commander in a mechanised brigade said about 70% of Russian losses on his sector were now caused by drones rather than by artillery or small arms.",
            ),
            (
                "quote",
                {
                    "quote": "The enemy is not trying to break through with armour any more. He is trying to leak through, one or two men at a time, and hide in the tree lines until there are enough of them.",
                    "attribution": "A company commander in a mechanised brigade, call sign 'Hrim'",
                },
            ),
            (
                "paragraph",
                "Officials said supply routes into the town are watched by drones around the clock, so resupply and evacuation are possible mainly at night or in bad weather.",
            ),
            ("related", "analysis-drone-war-front-line-kill-zone"),
            (
                "paragraph",
                "Russia's Defence Ministry claimed on Monday to have captured a village south-east of the town. Ukraine's General Staff did not confirm the claim, and Masthead Kyiv was unable to verify it independently.",
            ),
            ("subheading", "Civilians remain"),
            (
                "paragraph",
                "The regional administration estimates that about 1,200 civilians are still living in the Pokrovsk community, down from about 60,000 before the full-scale invasion. Evacuation teams continue to make trips when conditions allow.",
            ),
            (
                "paragraph",
                "Open-source analysts who track geolocated footage estimate that Russian forces have advanced about 14 square kilometres on this direction over the past week.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "zaporizhzhia-glide-bomb-strikes-rise",
        "section": "war",
        "title": "Zaporizhzhia region records 212 guided bombs in a week, the highest count this year",
        "standfirst": "Heavier bombs with longer range are reaching the regional capital, and officials are asking partners to target the aircraft that carry them.",
        "authors": ["taras-hnatiuk"],
        "tags": ["Zaporizhzhia", "Air defence", "Front line", "Russia"],
        "hours_ago": 20,
        "in_news_feed": True,
        "is_premium": False,
        "image": {
            "caption": "A concrete shelter installed at a tram stop in central Zaporizhzhia.",
            "credit": "Ihor Savchuk / Steppe Images",
            "palette": (150, 140, 128),
            "motif": "city",
        },
        "body": [
            (
                "paragraph",
                "Russian forces dropped 212 guided aerial bombs on the Zaporizhzhia region over the past week, the highest weekly figure this year, the regional military administration said on Monday.",
            ),
            (
                "paragraph",
                "The bombs, Soviet-era free-fall munitions fitted with wing kits and satellite guidance, are released by aircraft flying 40 to 70 kilometres from their targets, beyond the reach of most Ukrainian air defence.",
            ),
            (
                "paragraph",
                "Most struck frontline towns such as Huliaipole, Orikhiv and Stepnohirsk, but the regional capital was hit three times, damaging an industrial site and two apartment blocks.",
            ),
            ("subheading", "Heavier bombs, longer range"),
            (
                "paragraph",
                "Officials said Russia was increasingly using 1.5-tonne and 3-tonne variants, and that a newer version with an added engine could reach targets up to 90 kilometres away.",
            ),
            (
                "quote",
                {
                    "quote": "You see the aircraft on the radar warning, and then you have perhaps a minute. Against these bombs the only real answer is to hit the aircraft before it drops them.",
                    "attribution": "The regional governor, speaking to reporters",
                },
            ),
            (
                "paragraph",
                "Ukraine has repeatedly asked partners for more long-range air defence and for permission to strike the airfields from which the aircraft take off. Officials say about a dozen airfields are used regularly for these missions.",
            ),
            (
                "paragraph",
                "In Zaporizhzhia, authorities have installed 230 concrete shelters at public transport stops and near schools over the past year, and plan another 80 before the end of the year.",
            ),
            ("subheading", "A shrinking city"),
            (
                "paragraph",
                "The city's population, about 710,000 before the full-scale invasion, is now estimated at about 520,000, including tens of thousands of people displaced from occupied parts of the region.",
            ),
            (
                "paragraph",
                "The regional administration said 47 civilians were injured and 6 killed over the week, compared with a weekly average of about 25 injured earlier in the year.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "sumy-border-villages-evacuation",
        "section": "war",
        "title": "Sumy region orders families with children to leave 11 more border villages",
        "standfirst": "Officials recorded more than 1,100 explosions in border communities last week as shelling and drone attacks intensified.",
        "authors": ["iryna-sokil"],
        "tags": ["Sumy", "Front line", "Refugees", "Children"],
        "hours_ago": 45,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "Volunteers help a family load bags onto an evacuation bus at a village crossroads in the Sumy region.",
            "credit": "Ihor Savchuk / Steppe Images",
            "palette": (168, 150, 104),
            "motif": "field",
        },
        "body": [
            (
                "paragraph",
                "Authorities in the Sumy region have ordered the mandatory evacuation of families with children from 11 more villages near the Russian border, citing a sharp rise in shelling and drone attacks.",
            ),
            (
                "paragraph",
                "The order covers about 420 children and their parents or guardians. Regional officials said 2,300 people in total still lived in the affected settlements, most of them elderly residents who have so far refused to leave.",
            ),
            (
                "paragraph",
                "The regional military administration recorded 1,140 explosions in border communities last week, about 160 a day, from artillery, mortars, guided bombs and first-person-view (FPV) drones.",
            ),
            ("subheading", "Transit centre in Sumy"),
            (
                "paragraph",
                "Evacuees are taken first to a transit centre in the regional capital, where volunteers provide food, medical checks and help with paperwork. From there, families can choose temporary housing in the region or further west.",
            ),
            (
                "quote",
                {
                    "quote": "Most people leave with two bags. They ask us how long it will be, and the honest answer is that we do not know.",
                    "attribution": "Kateryna Pylypenko, coordinator at the transit centre",
                },
            ),
            (
                "paragraph",
                "Displaced people are entitled to a monthly allowance of UAH 2,000 per adult and UAH 3,000 per child, although aid groups say the payments cover only a fraction of rent in cities such as Kyiv or Lviv.",
            ),
            ("related", "refugee-returns-survey-poland-germany"),
            ("subheading", "A 20-kilometre strip"),
            (
                "paragraph",
                "Since the start of the year, about 27,000 people have left a strip roughly 20 kilometres deep along the border, according to regional figures. Several hundred villages in the zone are now mostly empty.",
            ),
            (
                "paragraph",
                "Officials urged remaining residents to register with local authorities so that evacuation teams know where to find them if the situation worsens. Volunteers said buses would run every day this week. Local schools in the regional capital have set aside 600 places for evacuated pupils.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "black-sea-naval-drone-strike",
        "section": "war",
        "title": "Ukraine's navy says sea drones hit Russian patrol ship off Crimea",
        "standfirst": "Russia said it destroyed several sea drones but did not mention damage to any vessel. The strike could not be independently confirmed.",
        "authors": ["taras-hnatiuk"],
        "tags": ["Black Sea", "Drones", "Russia", "Odesa"],
        "hours_ago": 80,
        "in_news_feed": True,
        "is_premium": False,
        "image": {
            "caption": "An uncrewed surface vessel is prepared for a test run at an undisclosed location on the Black Sea coast.",
            "credit": "Navy press service handout",
            "palette": (28, 72, 98),
            "motif": "river",
        },
        "body": [
            (
                "paragraph",
                "Ukraine's navy said on Friday that its sea drones had struck a Russian patrol ship near the coast of occupied Crimea, in what would be the first successful attack of its kind in several months.",
            ),
            (
                "paragraph",
                "A navy spokesperson said the vessel, a patrol ship of about 1,300 tonnes, was hit by at least two uncrewed surface drones overnight. The extent of the damage was unclear.",
            ),
            (
                "paragraph",
                "Russia's Defence Ministry said it had destroyed several sea drones in the area but did not mention damage to any ship. Masthead Kyiv could not independently confirm the strike.",
            ),
            ("subheading", "A fleet pushed east"),
            (
                "paragraph",
                "Ukraine says it has damaged or sunk about a third of the ships in Russia's Black Sea Fleet since 2022, using missiles and sea drones. Most of the fleet's larger vessels have since moved to Novorossiysk, about 400 kilometres from Ukrainian-controlled coast.",
            ),
            (
                "quote",
                {
                    "quote": "The sea drone changed the arithmetic. A boat that costs a few hundred thousand dollars can keep a warship worth hundreds of millions in port.",
                    "attribution": "A retired Ukrainian naval officer",
                },
            ),
            (
                "paragraph",
                "The navy says the withdrawal has allowed Ukraine to keep its shipping corridor open from the Odesa ports, although Russia continues to strike the ports themselves with missiles and drones.",
            ),
            ("related", "odesa-port-grain-exports-record-month"),
            ("subheading", "A new generation of drones"),
            (
                "paragraph",
                "Ukrainian manufacturers now produce several sea drone models, some able to carry air-to-air missiles or smaller aerial drones. Officials say some designs have ranges of more than 1,000 kilometres.",
            ),
            (
                "paragraph",
                "Russia has responded by installing booms and barriers at harbour entrances, adding machine-gun positions on ships and using helicopters to hunt drones at night. Naval analysts expect both sides to keep adapting, and say the next test will come when winter storms make small boats harder to operate.",
            ),
        ],
        "notes": [
            {
                "kind": "correction",
                "text": "An earlier version of this article misstated the displacement of the patrol ship. It is about 1,300 tonnes.",
                "hours_ago": 72,
            },
        ],
    },
    {
        "slug": "interceptor-drones-kyiv-region-units",
        "section": "war",
        "title": "Interceptor drone units deployed around Kyiv as Ukraine seeks cheaper air defence",
        "standfirst": "Each interceptor costs a few thousand dollars, a fraction of the price of a missile, and crews say their hit rate is rising every week.",
        "authors": ["taras-hnatiuk"],
        "tags": ["Air defence", "Drones", "Kyiv"],
        "hours_ago": 150,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "An operator checks an interceptor drone before a night shift at a launch site in the Kyiv region.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (30, 40, 60),
            "motif": "night",
        },
        "body": [
            (
                "paragraph",
                "Ukraine has deployed new units equipped with interceptor drones around Kyiv, the Air Force said, as it tries to lower the cost of defending cities against hundreds of attack drones launched each night.",
            ),
            (
                "paragraph",
                "The interceptors are small, fast quadcopters or fixed-wing drones flown directly into incoming attack drones. Manufacturers say each costs between USD 2,500 and USD 6,000, compared with hundreds of thousands of dollars for a surface-to-air missile.",
            ),
            (
                "paragraph",
                "The Air Force said interceptor teams around the capital had brought down 146 attack drones in the past month, about 11% of all drones downed in the region over that period.",
            ),
            ("subheading", "Speed is the challenge"),
            (
                "paragraph",
                "The most common Russian attack drones fly at about 180 to 200 kilometres per hour, and newer jet-powered versions are faster still. Operators say interceptors must be launched early and guided by ground radar to reach them in time.",
            ),
            (
                "quote",
                {
                    "quote": "The first month we missed more than we hit. Now the crews know the routes, the radar picture is better, and the numbers go up every week.",
                    "attribution": "Commander of an interceptor drone unit in the Kyiv region",
                },
            ),
            (
                "paragraph",
                "The Defence Ministry said domestic producers were now delivering more than 1,000 interceptors a day across the country, and that it aimed to double that figure by the end of the year.",
            ),
            ("related", "field-report-mobile-fire-group-kyiv-region"),
            ("subheading", "Night work"),
            (
                "paragraph",
                "Most attacks happen at night, so crews work with thermal cameras and headsets that display the radar track. A typical team of three has a launch site, a pilot and an observer.",
            ),
            (
                "paragraph",
                "Mobile fire groups with machine guns remain the backbone of drone defence outside cities. About 1,400 such groups operate nationwide, according to the Air Force, many of them staffed by territorial defence volunteers.",
            ),
            (
                "paragraph",
                "Analysts warn that Russia is adapting too, flying drones at lower altitudes and adding rear-facing cameras to spot interceptors.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "kharkiv-region-shelling-power-substation",
        "section": "war",
        "title": "Missile and drone attack on Kharkiv substation cuts power to 240,000 customers",
        "standfirst": "It was the fourth strike on the same site this year, and engineers warn that spare transformers are becoming harder to find.",
        "authors": ["iryna-sokil"],
        "tags": ["Kharkiv", "Energy", "Air defence"],
        "hours_ago": 260,
        "in_news_feed": True,
        "is_premium": False,
        "image": {
            "caption": "Repair crews work on damaged equipment at a substation in the Kharkiv region after an overnight attack.",
            "credit": "Ihor Savchuk / Steppe Images",
            "palette": (96, 96, 104),
            "motif": "factory",
        },
        "body": [
            (
                "paragraph",
                "A Russian missile and drone attack damaged a major electricity substation in the Kharkiv region overnight, leaving about 240,000 customers without power for up to 14 hours, the regional energy company said.",
            ),
            (
                "paragraph",
                "The regional governor said the attack involved 3 ballistic missiles and 17 drones. Two people were injured, both energy company employees who were on shift at the site.",
            ),
            (
                "paragraph",
                "Power was restored to most of Kharkiv city by early afternoon using temporary connections, but about 38,000 customers in surrounding districts were still on emergency outage schedules in the evening.",
            ),
            ("subheading", "A repeated target"),
            (
                "paragraph",
                "It was the fourth attack on the same substation since January. Engineers said each repair had taken between three and ten days, and that spare transformers were becoming harder to source.",
            ),
            (
                "quote",
                {
                    "quote": "We fix it, they hit it, we fix it again. My crews know every bolt in that yard by now.",
                    "attribution": "Serhii Bilyk, a repair crew foreman at the regional energy company",
                },
            ),
            (
                "paragraph",
                "The city council said trolleybus routes were covered by diesel buses, and 85 heated support points opened across the city so residents could charge phones and get hot drinks.",
            ),
            (
                "paragraph",
                "Since the start of the full-scale invasion, the Kharkiv region has recorded more than 2,800 attacks on energy infrastructure, according to regional officials.",
            ),
            ("subheading", "Shelters for transformers"),
            (
                "paragraph",
                "The energy company is building concrete and gabion shelters around key transformers, at a cost of about USD 1.2 million per site. Eleven sites in the region have been protected so far, out of 30 planned.",
            ),
            (
                "paragraph",
                "Officials acknowledged that the shelters protect against drones and debris, but not against direct hits from ballistic missiles. The company has asked international donors for a further USD 20 million to finish the programme before the coldest months.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "general-staff-monthly-losses-estimate",
        "section": "war",
        "title": "Ukraine estimates Russian personnel losses at just over 1,000 a day last month",
        "standfirst": "The General Staff's tally shows fewer tanks and more infantry losses, reflecting how the fighting has changed. The figures cannot be independently verified.",
        "authors": ["taras-hnatiuk"],
        "tags": ["Military death toll", "Russia", "Front line"],
        "hours_ago": 330,
        "in_news_feed": True,
        "is_premium": False,
        "image": {
            "caption": "Damaged armoured vehicles stand in a field in eastern Ukraine under a low winter sky.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (200, 206, 214),
            "motif": "snow",
        },
        "body": [
            (
                "paragraph",
                "Ukraine's General Staff said Russian forces lost 31,260 personnel killed or wounded over the past month, an average of just over 1,000 a day, according to its regular tally.",
            ),
            (
                "paragraph",
                "The figure is slightly lower than the previous month's count of 33,400 but remains among the highest monthly totals of the war, officials said. The General Staff puts total Russian personnel losses since February 2022 at more than one million.",
            ),
            (
                "paragraph",
                "Ukrainian figures cannot be independently verified. Western intelligence estimates are of a broadly similar order of magnitude, although they differ in how they count wounded soldiers who return to duty.",
            ),
            ("subheading", "Equipment losses shift"),
            (
                "paragraph",
                "The monthly tally included 97 tanks and 312 armoured vehicles, far fewer than in earlier years, reflecting Russia's shift to infantry assaults and light vehicles. Recorded losses of artillery systems and drones rose.",
            ),
            (
                "quote",
                {
                    "quote": "The numbers tell you what kind of war this is now. Fewer tanks, many more men on foot, and a lot of drones on both sides.",
                    "attribution": "A military analyst at a Kyiv-based think tank",
                },
            ),
            (
                "paragraph",
                "Ukraine does not publish regular figures on its own losses, and officials have given only occasional estimates, while acknowledging that many service members are missing or held as prisoners.",
            ),
            ("related", "russian-military-death-toll-count-independent"),
            ("subheading", "How the counts are made"),
            (
                "paragraph",
                "The General Staff says its figures are compiled from unit reports, drone footage and intercepted communications. Independent researchers caution that battlefield counts tend to overstate enemy losses on all sides.",
            ),
            (
                "paragraph",
                "Volunteer researchers who count confirmed deaths using obituaries and public records have identified well over 100,000 Russian soldiers killed by name, a figure they describe as a minimum rather than an estimate. The gap between these counts and official claims is one reason analysts urge caution with any single number.",
            ),
        ],
        "notes": [],
    },
    # ------------------------------------------------------------------ analysis
    {
        "slug": "analysis-air-defence-cost-curve",
        "section": "analysis",
        "title": "The cost curve: why Ukraine's air defence is a race of budgets as much as technology",
        "standfirst": "Every night's attack is also a financial calculation. We looked at what it costs to launch a drone, and what it costs to stop one.",
        "authors": ["mark-ellison"],
        "tags": ["Air defence", "Drones", "US", "EU"],
        "hours_ago": 36,
        "in_news_feed": False,
        "is_premium": True,
        "image": {
            "caption": "A mobile air defence crew waits for targets at dusk on the outskirts of a city in central Ukraine.",
            "credit": "Roman Kuzmenko / Northwind Photo",
            "palette": (60, 52, 90),
            "motif": "night",
        },
        "body": [
            (
                "paragraph",
                "On an average night this autumn, Russia has launched about 350 long-range drones at Ukraine. The most common type is estimated to cost between USD 35,000 and USD 80,000 to build, depending on the variant and how much of it is made in Russia. Stopping them is where the arithmetic becomes uncomfortable. A single interceptor for a Western medium-range system can cost from USD 500,000 to more than USD 1 million, and the most advanced interceptors cost several million dollars each.",
            ),
            (
                "paragraph",
                "If even a tenth of the nightly drones had to be shot down with missiles, the bill would exceed USD 15 million a night, or more than USD 5 billion a year, before counting the cruise and ballistic missiles Russia also fires.",
            ),
            ("subheading", "Cheap kills, expensive gaps"),
            (
                "paragraph",
                "Ukraine's answer has been to push the cheapest effective tool as far forward as possible: electronic warfare that confuses navigation, machine-gun crews in pickup trucks and, increasingly, interceptor drones costing a few thousand dollars.",
            ),
            (
                "paragraph",
                "Air Force data reviewed by Masthead Kyiv suggests that electronic suppression and mobile fire groups together account for roughly half of all drones neutralised, while missiles are kept for cruise and ballistic threats.",
            ),
            (
                "pull_quote",
                {
                    "text": "The side that spends less to achieve the same effect wins a long war, even if it loses individual nights.",
                    "attribution": "A European air defence planner",
                },
            ),
            (
                "paragraph",
                "The weak point is ballistic missiles. Only a handful of systems in Ukraine's inventory can intercept them, and interceptor supplies are limited by global production, which Western manufacturers are expanding only slowly.",
            ),
            ("related", "analysis-european-defence-industry-ammunition"),
            ("subheading", "Production is the real front line"),
            (
                "paragraph",
                "Russia has scaled up domestic production of attack drones to an estimated 2,500 to 3,000 a month, according to Ukrainian military intelligence, and is building jet-powered versions that are harder to catch. Ukraine, for its part, says it can now produce more than 1,000 interceptor drones a day and has signed agreements with European partners to co-produce short-range missiles.",
            ),
            (
                "quote",
                {
                    "quote": "We are not going to outspend Russia on missiles. We have to out-think it on cost per kill, and that means drones, software and people.",
                    "attribution": "A senior Defence Ministry official",
                },
            ),
            (
                "paragraph",
                "The coming winter will test that approach. If Russia keeps increasing the number of drones per attack, the cheap layers of defence must grow just as fast, or the expensive layers will be forced to fill the gap, and for Ukraine's partners financing interceptors has become a shared investment in a model of defence that many European militaries are now studying.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "analysis-sanctions-oil-price-cap-revenue",
        "section": "analysis",
        "title": "What sanctions have, and have not, done to Russia's oil revenue",
        "standfirst": "The price cap has widened discounts and strained the budget, but a fleet of ageing tankers keeps most Russian crude moving.",
        "authors": ["mark-ellison", "daria-kovalenko"],
        "tags": ["Sanctions", "Russia", "Economy", "EU"],
        "hours_ago": 100,
        "in_news_feed": False,
        "is_premium": True,
        "image": {
            "caption": "An oil tanker waits at anchor off a northern port in the grey light of early morning.",
            "credit": "Lena Varga / Northwind Photo",
            "palette": (84, 100, 112),
            "motif": "river",
        },
        "body": [
            (
                "paragraph",
                "Oil and gas revenue still accounts for roughly a quarter to a third of Russia's federal budget income, down from about 45% before the full-scale invasion. That decline is the most visible result of the Western sanctions regime.",
            ),
            (
                "paragraph",
                "According to Russian Finance Ministry data, oil and gas tax receipts in the first nine months of the year were about 24% lower than a year earlier, reflecting lower global prices, a stronger rouble and wider discounts on Russian crude. Yet the picture is more complicated than a single line on a chart. Russia has rerouted most of its seaborne crude to India, China and Turkey, and has assembled a large fleet of older tankers, often called the shadow fleet, that operates outside Western insurance.",
            ),
            ("subheading", "The discount matters more than the cap"),
            (
                "paragraph",
                "The price cap bans Western firms from shipping or insuring Russian crude sold above a set price. Enforcement has been uneven, but the cap has helped widen the discount on Russia's main export grade, which at times reached USD 20 a barrel.",
            ),
            (
                "paragraph",
                "Economists estimate that each USD 1 of discount on roughly 3.3 million barrels a day of seaborne exports costs Russian producers about USD 1.2 billion a year.",
            ),
            (
                "pull_quote",
                {
                    "text": "Sanctions have not stopped the war machine, but they have made every barrel more expensive to sell and every rouble harder to earn.",
                    "attribution": "An economist at a European think tank",
                },
            ),
            ("related", "russia-shadow-fleet-tanker-detained"),
            ("subheading", "A budget under pressure"),
            (
                "paragraph",
                "Russia's budget deficit has widened to about 2.6% of GDP by the government's own estimate, and taxes on companies and higher earners have been raised to cover defence spending that now exceeds 6% of GDP. The National Wealth Fund, Russia's reserve fund, has shrunk to about a third of its pre-war liquid assets, analysts say, limiting the state's ability to absorb future shocks.",
            ),
            (
                "quote",
                {
                    "quote": "Moscow can finance the war for some time yet. What sanctions change is the price of doing so, paid in inflation, high interest rates and cuts to everything that is not defence.",
                    "attribution": "A senior researcher at a Kyiv-based economic institute",
                },
            ),
            (
                "paragraph",
                "The next step under discussion in Brussels and Washington is broader action against buyers and individual tankers. More than 550 vessels have now been listed by the EU, the UK or the US, and the share of Russian crude carried by listed ships has been rising.",
            ),
            (
                "paragraph",
                "Whether those measures bite will depend less on new rules than on enforcement in ports and at sea, an area where Western governments have so far been cautious.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "analysis-mobilisation-law-one-year-on",
        "section": "analysis",
        "title": "Mobilisation one year on: more recruits, but the question of rotation remains",
        "standfirst": "A law meant to put recruitment on a clearer footing has brought more people into the army, yet brigades still report shortages of infantry.",
        "authors": ["mark-ellison"],
        "tags": ["Mobilisation", "Ukraine", "Front line"],
        "hours_ago": 165,
        "in_news_feed": False,
        "is_premium": True,
        "image": {
            "caption": "A brigade recruitment centre in central Kyiv, decorated with posters showing unit emblems.",
            "credit": "Marta Holub / Eastlight Agency",
            "palette": (112, 128, 92),
            "motif": "portrait",
        },
        "body": [
            (
                "paragraph",
                "A year after Ukraine's revised mobilisation law took effect, the armed forces say the monthly number of people called up has risen by about a third. Brigades along the front nonetheless continue to report shortages of infantry.",
            ),
            (
                "paragraph",
                "The law lowered the minimum age for mobilisation from 27 to 25, required men of conscription age to update their details in a state register and tightened penalties for those who do not. About 4.6 million men updated their data within two months.",
            ),
            (
                "paragraph",
                "Officials do not publish exact recruitment figures. Defence sources told Masthead Kyiv that the army has been mobilising between 25,000 and 30,000 people a month, close to, but below, what commanders say is needed to rotate units.",
            ),
            ("subheading", "The problem of rotation"),
            (
                "paragraph",
                "Many soldiers who joined in 2022 have served without a break ever since. The law did not set a fixed term of service, which remains the most contentious issue for soldiers and their families.",
            ),
            (
                "pull_quote",
                {
                    "text": "The question is not only how many people come in, but whether those already serving can ever go home.",
                    "attribution": "A member of parliament on the national security committee",
                },
            ),
            (
                "paragraph",
                "Surveys show public trust in recruitment offices remains low. In one poll commissioned by a Kyiv research group, 62% of respondents said they had heard of cases of forced detention by recruiters, and 71% supported stricter oversight.",
            ),
            ("related", "veterans-ministry-rehabilitation-centres"),
            ("subheading", "Contracts for the young"),
            (
                "paragraph",
                "The government has also introduced contracts for volunteers aged 18 to 24, offering a one-off payment of UAH 1 million, a one-year term and other benefits. Officials say several thousand young people have signed so far.",
            ),
            (
                "quote",
                {
                    "quote": "A contract with a clear end date is the best recruitment tool we have. People will go if they know they will come back.",
                    "attribution": "An officer at a brigade recruitment centre in Kyiv",
                },
            ),
            (
                "paragraph",
                "Brigades have also begun recruiting directly through online campaigns and their own recruitment centres, which some volunteers prefer because they can choose where, and with whom, they serve. Experts say that without a predictable demobilisation schedule, pressure on recruitment will only grow. Parliament has debated a bill on terms of service several times but has not passed it.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "analysis-european-defence-industry-ammunition",
        "section": "analysis",
        "title": "Europe's shell factories are finally running. Is it enough?",
        "standfirst": "Output has roughly quadrupled since 2022, but shortages of explosives and rising prices mean deliveries still lag behind what Ukraine's gunners need.",
        "authors": ["mark-ellison"],
        "tags": ["EU", "Economy", "Front line", "US"],
        "hours_ago": 300,
        "in_news_feed": False,
        "is_premium": True,
        "image": {
            "caption": "Artillery shell casings move along a production line at a plant in central Europe.",
            "credit": "Lena Varga / Northwind Photo",
            "palette": (140, 110, 70),
            "motif": "factory",
        },
        "body": [
            (
                "paragraph",
                "European manufacturers are on track to produce about 2 million artillery shells this year, roughly four times what the continent made before the full-scale invasion, according to EU estimates.",
            ),
            (
                "paragraph",
                "That is a significant achievement for an industry that spent three decades shrinking. But the figures tell only part of the story, because production does not equal delivery, and not every shell made in Europe goes to Ukraine.",
            ),
            (
                "paragraph",
                "Ukrainian officials say their forces need at least 200,000 shells a month to hold the line and several times that to mount offensives. Russia, with supplies from North Korea, is estimated to fire about three times as many rounds as Ukraine on an average day.",
            ),
            ("subheading", "Bottlenecks in powder and explosives"),
            (
                "paragraph",
                "The main constraint is no longer metal casings but propellant and explosives. Several new plants for nitrocellulose and TNT are under construction in Europe, but most will not reach full capacity for another 18 to 24 months.",
            ),
            (
                "pull_quote",
                {
                    "text": "We built the assembly lines first and discovered that the chemistry was the hard part.",
                    "attribution": "An executive at a central European ammunition maker",
                },
            ),
            (
                "paragraph",
                "Prices have also risen sharply. A standard 155mm shell that cost about EUR 2,000 before 2022 now sells for EUR 6,000 to EUR 8,000 on European contracts, according to procurement data.",
            ),
            ("related", "analysis-drone-war-front-line-kill-zone"),
            ("subheading", "Buying abroad and buying together"),
            (
                "paragraph",
                "A Czech-led initiative to buy shells on the global market for Ukraine has delivered around 1.5 million rounds, officials say, often faster than new production. The EU has also set up joint purchasing backed by a EUR 150 billion defence loan facility.",
            ),
            (
                "quote",
                {
                    "quote": "For the first time, European money is buying European capacity for the long term. The question is whether it arrives in time for the war we have now.",
                    "attribution": "A defence analyst at a Brussels research institute",
                },
            ),
            (
                "paragraph",
                "Ukraine itself is producing more of its own ammunition, including mortar rounds and some artillery shells, and is seeking investment for joint ventures with European firms on Ukrainian soil. Drones have partly replaced artillery, but commanders say the two are complementary: shells can be fired in any weather, day or night, and cannot be jammed. The coming year will show whether Europe can turn its industrial revival into steady monthly deliveries rather than announcements.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "analysis-drone-war-front-line-kill-zone",
        "section": "analysis",
        "title": "The kill zone: how drones have pushed the front line apart",
        "standfirst": "A strip up to 20 kilometres deep, watched from the air around the clock, has changed how both armies fight, supply and evacuate.",
        "authors": ["taras-hnatiuk"],
        "tags": ["Drones", "Front line", "Donetsk Oblast"],
        "hours_ago": 420,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "A ground robot carrying supplies crosses a muddy field in the Donetsk region.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (96, 84, 62),
            "motif": "field",
        },
        "body": [
            (
                "paragraph",
                "Along much of the front in eastern Ukraine, soldiers describe a strip 10 to 20 kilometres deep in which almost any movement is visible from the air and can be struck within minutes.",
            ),
            (
                "paragraph",
                "The strip, often called the kill zone, has reshaped how both armies operate. Vehicles rarely approach the front by day, positions are smaller and more dispersed, and supplies increasingly arrive by ground robot or heavy drone.",
            ),
            (
                "paragraph",
                "Ukraine produced an estimated 2 million FPV drones last year and aims for more this year, while Russia has scaled up its own output and formed specialised drone units, analysts say.",
            ),
            ("subheading", "Fibre optics change the game"),
            (
                "paragraph",
                "The newest development is the fibre-optic drone, which trails a thin cable up to 20 kilometres long and cannot be jammed. Both sides now use them, weakening the electronic warfare that once protected positions.",
            ),
            (
                "quote",
                {
                    "quote": "Two years ago the danger started at three kilometres. Now a logistics driver 15 kilometres back has to think like an infantryman.",
                    "attribution": "A drone unit commander on the Donetsk front",
                },
            ),
            (
                "paragraph",
                "The result is a front that is harder to break through but also harder to hold. Infantry positions may be held by two or three soldiers for weeks, because rotations themselves are dangerous.",
            ),
            ("related", "field-report-zaporizhzhia-frontline-hospital"),
            ("subheading", "Robots for resupply"),
            (
                "paragraph",
                "Ukraine's Defence Ministry says it ordered more than 15,000 ground robots this year, used to deliver ammunition, food and water and, in some cases, to evacuate the wounded.",
            ),
            (
                "paragraph",
                "The drone war also drives costs. A single FPV drone costs USD 300 to USD 500, but the volumes, batteries and operator training add up to billions of dollars a year.",
            ),
            (
                "paragraph",
                "Militaries around the world are studying the war closely, and many are reassessing their plans for armour, artillery and air defence in light of what they see in Ukraine.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "analysis-ukraine-budget-financing-gap",
        "section": "analysis",
        "title": "Ukraine's next budget has a gap of about USD 45 billion. Here is how it might be filled",
        "standfirst": "Defence will take more than half of all spending, leaving pensions and salaries dependent on foreign support and a contested plan for immobilised Russian assets.",
        "authors": ["yevhen-moroz"],
        "tags": ["Economy", "EU", "US", "Ukraine"],
        "hours_ago": 550,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "The government quarter in Kyiv on a quiet evening, seen from across a park.",
            "credit": "Roman Kuzmenko / Northwind Photo",
            "palette": (180, 150, 110),
            "motif": "city",
        },
        "body": [
            (
                "paragraph",
                "Ukraine's draft budget for next year envisages total spending of about UAH 4.8 trillion, more than half of it on defence and security, leaving a financing gap that the Finance Ministry puts at about USD 45 billion.",
            ),
            (
                "paragraph",
                "Domestic revenue, mainly taxes, is expected to cover all non-military spending and part of the army's wage bill. But pensions, salaries for teachers and doctors and social payments still depend heavily on foreign support.",
            ),
            (
                "paragraph",
                "External financing this year has totalled about USD 39 billion so far, with the EU the largest contributor, followed by loans repaid from the proceeds of immobilised Russian assets.",
            ),
            ("subheading", "Immobilised assets"),
            (
                "paragraph",
                "EU governments are discussing a larger loan to Ukraine backed by cash balances linked to Russian central bank assets held in Europe, worth about EUR 185 billion at one clearing house. Supporters say it could cover Ukraine's needs for two years.",
            ),
            (
                "quote",
                {
                    "quote": "This is the single biggest decision for Ukraine's public finances. Without it, the budget simply does not close.",
                    "attribution": "An economist at a Kyiv investment bank",
                },
            ),
            (
                "paragraph",
                "Opponents warn of legal and financial risks, including retaliation against European companies still operating in Russia and questions about the euro's standing as a reserve currency.",
            ),
            ("subheading", "Taxes going up"),
            (
                "paragraph",
                "To raise more at home, the government has proposed increasing the military levy on incomes and extending VAT to some previously exempt transactions. The IMF has asked for further measures as a condition of continuing its programme.",
            ),
            (
                "paragraph",
                "Economists expect growth of 2% to 3% next year, held back by labour shortages, power disruptions and weak investment. Inflation stood at about 12% in the latest reading.",
            ),
            (
                "paragraph",
                "Parliament must adopt the final budget by the start of December. Officials say they expect the financing gap to be debated well into the new year, whatever the vote.",
            ),
        ],
        "notes": [],
    },
    # --------------------------------------------------------------- russias-war
    {
        "slug": "russia-central-bank-key-rate-inflation",
        "section": "russias-war",
        "title": "Russia's central bank trims key rate to 16.5% as the economy slows",
        "standfirst": "Inflation is easing but remains double the target, while growth has fallen close to zero after two years driven by military spending.",
        "authors": ["daria-kovalenko"],
        "tags": ["Russia", "Economy", "Sanctions"],
        "hours_ago": 14,
        "in_news_feed": True,
        "is_premium": False,
        "image": {
            "caption": "Pedestrians pass a currency exchange board on a snowy street in a Russian city.",
            "credit": "Archive / Eastlight Agency",
            "palette": (188, 194, 204),
            "motif": "snow",
        },
        "body": [
            (
                "paragraph",
                "Russia's central bank cut its key interest rate by 50 basis points to 16.5% on Friday, its third reduction this year, as inflation eased and the economy showed signs of stalling.",
            ),
            (
                "paragraph",
                "Annual inflation slowed to 8.0% in the latest monthly data, down from more than 10% earlier in the year but still double the bank's 4% target. The bank said it expected inflation of 6% to 7% by the end of the year.",
            ),
            (
                "paragraph",
                "Business groups had pushed for a larger cut, arguing that borrowing costs approaching 20% for many companies were choking investment outside the defence sector.",
            ),
            ("subheading", "Growth near zero"),
            (
                "paragraph",
                "Russia's economy grew by about 0.6% year on year in the third quarter, according to preliminary official estimates, compared with more than 4% in each of the previous two years, when growth was driven by military spending.",
            ),
            (
                "quote",
                {
                    "quote": "The economy has gone from overheating to cooling very quickly. The war budget is still large, but it is no longer enough to carry everything else.",
                    "attribution": "An economist who formerly worked at the Russian central bank, now based abroad",
                },
            ),
            (
                "paragraph",
                "Several sectors, including coal mining, steel and car manufacturing, have reported falling output. State railway data show cargo volumes down about 6% on the year.",
            ),
            ("related", "analysis-sanctions-oil-price-cap-revenue"),
            ("subheading", "Labour shortage persists"),
            (
                "paragraph",
                "Unemployment remains near a record low of about 2.2%, reflecting the recruitment of hundreds of thousands of men into the army and the defence industry, as well as emigration since 2022.",
            ),
            (
                "paragraph",
                "Nominal wage growth has slowed from more than 17% to about 13%, official statistics show. Real disposable incomes are still rising, but much more slowly than last year.",
            ),
            (
                "paragraph",
                "The bank's next rate meeting is in December. Officials signalled that further cuts would depend on next year's budget and on the path of fuel prices.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "russian-regions-recruitment-bonuses",
        "section": "russias-war",
        "title": "Russian regions cut sign-up bonuses for contract soldiers as budgets tighten",
        "standfirst": "At least 14 regions have reduced one-off payments in the past two months, a review of regional decrees shows.",
        "authors": ["daria-kovalenko"],
        "tags": ["Russia", "Mobilisation", "Economy"],
        "hours_ago": 60,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "A recruitment billboard at a bus stop in a provincial Russian town.",
            "credit": "Archive / Eastlight Agency",
            "palette": (150, 60, 50),
            "motif": "city",
        },
        "body": [
            (
                "paragraph",
                "At least 14 Russian regions have reduced one-off payments to men who sign military contracts over the past two months, according to a review of regional decrees by Masthead Kyiv.",
            ),
            (
                "paragraph",
                "In some regions, bonuses that reached 2 million to 3 million roubles earlier in the year, roughly USD 25,000 to USD 37,000, have been cut by a third or more. Several regions now pay only the federal minimum of 400,000 roubles plus a smaller local top-up.",
            ),
            (
                "paragraph",
                "The payments have been the main tool for recruiting soldiers without a new wave of compulsory mobilisation. Officials have said that several hundred thousand people signed contracts last year.",
            ),
            ("subheading", "Budgets under strain"),
            (
                "paragraph",
                "Regional budgets recorded a combined deficit of about 1.1 trillion roubles in the first nine months of the year, Finance Ministry data show, as tax revenues slowed and payments to soldiers' families rose.",
            ),
            (
                "quote",
                {
                    "quote": "The regions competed for recruits as if they were bidding at an auction. Now the money is running out and they are quietly lowering the price.",
                    "attribution": "A researcher who tracks Russian regional finances",
                },
            ),
            (
                "paragraph",
                "Recruitment advertising remains widespread on public transport and social media. Some regions have added non-cash incentives, such as land plots, free university places for children and debt write-offs of up to 10 million roubles.",
            ),
            ("related", "russian-military-death-toll-count-independent"),
            ("subheading", "Questions over numbers"),
            (
                "paragraph",
                "Independent analysts say falling payments could make it harder for Moscow to sustain the pace of recruitment needed to replace losses at the front, which Ukraine puts at about 1,000 killed or wounded a day.",
            ),
            (
                "paragraph",
                "The Kremlin has repeatedly said there are no plans for another mobilisation. Russian officials did not respond to a request for comment on the bonus reductions.",
            ),
            (
                "paragraph",
                "Economists note that the cost of the bonuses has been one of the fastest-growing items in regional spending since 2023, alongside compensation payments to the families of soldiers who were killed or wounded.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "russian-refinery-drone-strikes-fuel-prices",
        "section": "russias-war",
        "title": "Drone strikes on refineries push Russian wholesale petrol prices to a record",
        "standfirst": "At least 17 refineries have been hit since August, and several regions report limits on how much fuel drivers can buy.",
        "authors": ["daria-kovalenko", "yevhen-moroz"],
        "tags": ["Russia", "Drones", "Energy", "Economy"],
        "hours_ago": 140,
        "in_news_feed": True,
        "is_premium": False,
        "image": {
            "caption": "Smoke rises over an industrial zone on the horizon, seen from a motorway at night.",
            "credit": "Archive / Eastlight Agency",
            "palette": (44, 30, 28),
            "motif": "night",
        },
        "body": [
            (
                "paragraph",
                "Wholesale petrol prices on Russia's commodity exchange hit a record of more than 80,000 roubles per tonne this week after a series of Ukrainian long-range drone strikes on oil refineries, traders said.",
            ),
            (
                "paragraph",
                "Ukrainian drones have struck at least 17 refineries since the start of August, according to a tally by Masthead Kyiv based on official statements, regional reports and satellite imagery. At the peak, about 17% of Russia's primary refining capacity was offline.",
            ),
            (
                "paragraph",
                "Several regions, including parts of the Far East and occupied Crimea, reported shortages of some grades at filling stations, with limits of 20 to 30 litres per car in places.",
            ),
            ("subheading", "Export ban extended"),
            (
                "paragraph",
                "The government has extended a ban on petrol exports by producers until the end of the year and partially restricted diesel exports, in an effort to keep the domestic market supplied.",
            ),
            (
                "quote",
                {
                    "quote": "Refineries are large, complex and slow to repair. Each strike on a primary distillation unit can take weeks out of production.",
                    "attribution": "An energy consultant who has worked with Russian oil companies",
                },
            ),
            (
                "paragraph",
                "Ukraine's security services say the strikes aim to reduce fuel available to the Russian army and to cut export revenue. The drones used fly distances of 1,000 to 2,000 kilometres.",
            ),
            ("related", "russia-shadow-fleet-tanker-detained"),
            ("subheading", "Repairs hampered by sanctions"),
            (
                "paragraph",
                "Western sanctions make it harder to obtain spare parts for refinery equipment, much of it originally supplied by European and US firms. Russian companies have turned to Chinese suppliers and domestic substitutes, industry sources say.",
            ),
            (
                "paragraph",
                "Retail prices at filling stations, which the government informally keeps in check, have risen about 8% since January, faster than overall inflation.",
            ),
            (
                "paragraph",
                "Russia's Energy Ministry said the market was fully balanced and blamed the shortages on logistics and seasonal demand.",
            ),
        ],
        "notes": [
            {
                "kind": "update",
                "text": "This article was updated to include a statement from Russia's Energy Ministry.",
                "hours_ago": 130,
            },
        ],
    },
    {
        "slug": "russia-internet-restrictions-messaging",
        "section": "russias-war",
        "title": "Russia throttles foreign messaging apps as a state platform gains users",
        "standfirst": "Voice calls on popular apps have been restricted, and mobile internet shutdowns have become routine in dozens of regions.",
        "authors": ["daria-kovalenko"],
        "tags": ["Russia", "Media freedom"],
        "hours_ago": 240,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "A commuter looks at a phone screen showing no connection on a suburban train platform.",
            "credit": "Archive / Eastlight Agency",
            "palette": (70, 80, 100),
            "motif": "portrait",
        },
        "body": [
            (
                "paragraph",
                "Russia's communications regulator has restricted voice calls on two of the most popular foreign messaging apps, citing their alleged failure to cooperate with law enforcement, while encouraging citizens to move to a state-backed alternative.",
            ),
            (
                "paragraph",
                "Users in several regions reported that calls dropped or failed to connect after the restrictions took effect. Text messaging continued to work but was slower in some areas, according to monitoring services.",
            ),
            (
                "paragraph",
                "The regulator said the state-backed messenger, which combines chat with government services and payments, had passed 30 million registered users. New smartphones sold in Russia must now come with it pre-installed.",
            ),
            ("subheading", "Mobile internet shutdowns"),
            (
                "paragraph",
                "At the same time, mobile internet outages have become routine in dozens of regions. Officials say the shutdowns are needed to stop Ukrainian drones that use mobile networks for navigation.",
            ),
            (
                "quote",
                {
                    "quote": "Each restriction is explained as a security measure, and each one also narrows the space for independent communication.",
                    "attribution": "A digital rights researcher based in Europe",
                },
            ),
            (
                "paragraph",
                "According to one monitoring project, more than 60 regions experienced at least one mobile internet shutdown last month, some lasting several days. Taxi services and delivery apps reported lost income.",
            ),
            (
                "paragraph",
                "Authorities have introduced lists of approved websites and services that remain available during shutdowns, including government portals, major banks and state media.",
            ),
            ("subheading", "VPN use rising"),
            (
                "paragraph",
                "Despite a ban on advertising virtual private networks, VPN use remains widespread. Analysts estimate that between a quarter and a third of Russian internet users regularly use one to reach blocked sites.",
            ),
            (
                "paragraph",
                "A law that took effect this autumn introduced fines for deliberately searching for content designated as extremist, a category that includes many independent media outlets and opposition organisations.",
            ),
            (
                "paragraph",
                "Digital rights groups expect further restrictions before next year's parliamentary campaign, and several independent outlets have already moved their audiences to newsletters and mirror sites.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "russia-shadow-fleet-tanker-detained",
        "section": "russias-war",
        "title": "Baltic coastguard detains tanker suspected of belonging to Russia's shadow fleet",
        "standfirst": "The 20-year-old vessel was carrying about 100,000 tonnes of Russian crude and sailing under a flag its registry could not confirm.",
        "authors": ["daria-kovalenko"],
        "tags": ["Sanctions", "Russia", "EU"],
        "hours_ago": 380,
        "in_news_feed": True,
        "is_premium": False,
        "image": {
            "caption": "A coastguard patrol boat escorts a tanker towards an anchorage in the Baltic Sea.",
            "credit": "Lena Varga / Northwind Photo",
            "palette": (90, 110, 130),
            "motif": "river",
        },
        "body": [
            (
                "paragraph",
                "Coastguard officers in a Baltic Sea country boarded and detained an oil tanker suspected of sailing without valid insurance or a legitimate flag, officials said, in the latest move against Russia's so-called shadow fleet.",
            ),
            (
                "paragraph",
                "The 20-year-old vessel, carrying about 100,000 tonnes of Russian crude, had left a port near St Petersburg four days earlier. Officials said it was registered under a flag that the flag state itself had not confirmed.",
            ),
            (
                "paragraph",
                "The crew of 24 was not arrested, but the ship was escorted to an anchorage for inspection. Investigators said they would check its insurance documents and whether it had switched off its tracking transponder during the voyage.",
            ),
            ("subheading", "Hundreds of ships listed"),
            (
                "paragraph",
                "The EU, the UK and the US have together sanctioned more than 550 tankers associated with the Russian oil trade. Analysts estimate the shadow fleet at 900 to 1,000 vessels, many of them old and poorly maintained.",
            ),
            (
                "quote",
                {
                    "quote": "These ships are a sanctions problem and an environmental one. A major spill in the Baltic or the Danish straits would be a disaster for everyone who lives on the coast.",
                    "attribution": "A maritime security analyst",
                },
            ),
            (
                "paragraph",
                "Russia's Foreign Ministry condemned the detention and said it would take measures to protect shipping. Russian naval vessels have escorted some tankers through the Baltic in recent months.",
            ),
            ("subheading", "A legal grey zone"),
            (
                "paragraph",
                "International maritime law limits what coastal states can do to ships in international waters. Most detentions so far have relied on safety and environmental rules rather than on sanctions law.",
            ),
            (
                "paragraph",
                "Officials said they would continue to check the insurance documents of tankers passing through their waters. About 40 tankers carrying Russian oil pass through the Gulf of Finland each week, according to tracking data.",
            ),
            (
                "paragraph",
                "Environmental groups welcomed the detention but said inspections alone would not remove the risk posed by ageing ships, and called for a shared European fund to cover the cost of any clean-up.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "russian-military-death-toll-count-independent",
        "section": "russias-war",
        "title": "Volunteer researchers confirm 118,400 Russian military deaths by name",
        "standfirst": "The group counts only deaths with a public source, and says the true toll is considerably higher.",
        "authors": ["daria-kovalenko"],
        "tags": ["Military death toll", "Russia", "Mobilisation"],
        "hours_ago": 500,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "Rows of flags mark new graves at a cemetery in a Russian provincial town in winter.",
            "credit": "Archive / Eastlight Agency",
            "palette": (210, 212, 218),
            "motif": "snow",
        },
        "body": [
            (
                "paragraph",
                "A group of volunteer researchers who track Russian military deaths through obituaries, social media posts and cemetery records said it has now confirmed the names of 118,400 soldiers killed in Ukraine since February 2022.",
            ),
            (
                "paragraph",
                "The group said the real figure is certainly higher, because many deaths are reported months later or never made public. Using statistical modelling based on inheritance records, it estimates the total at between 190,000 and 240,000.",
            ),
            (
                "paragraph",
                "The researchers add about 1,500 to 2,500 names every two weeks. Their published method requires at least one public source for each name, such as a local government statement or a family obituary.",
            ),
            ("subheading", "Who is dying"),
            (
                "paragraph",
                "The data show a shift in who is fighting. In 2022, most confirmed deaths were professional soldiers and paratroopers. Now volunteers on contract, mobilised men and former prisoners make up more than 70% of the names.",
            ),
            (
                "quote",
                {
                    "quote": "Behind every line in our table there is a family that chose to make the death public. Many others stay silent, so we treat our number as a floor, not an estimate.",
                    "attribution": "A coordinator of the research group",
                },
            ),
            (
                "paragraph",
                "Poorer regions are heavily overrepresented. Bashkortostan, Buryatia and Tuva have lost far more men per head of population than Moscow or St Petersburg, which together are home to about 15% of Russians but account for a small fraction of confirmed deaths.",
            ),
            ("subheading", "Official silence"),
            (
                "paragraph",
                "Russia's Defence Ministry has not updated its own death toll since September 2022. Publishing information about military losses is restricted under Russian law.",
            ),
            (
                "paragraph",
                "Ukraine's General Staff counts Russian killed and wounded together and reports much higher totals, which cannot be independently verified.",
            ),
            (
                "paragraph",
                "Demographers say the losses, concentrated among men aged 25 to 45, will weigh on Russia's labour market and birth rate for years, on top of the emigration that followed the mobilisation of 2022.",
            ),
        ],
        "notes": [],
    },
    # ------------------------------------------------------------------ national
    {
        "slug": "verkhovna-rada-budget-first-reading",
        "section": "national",
        "title": "Parliament approves next year's budget in first reading, with defence taking 58%",
        "standfirst": "Lawmakers added pay rises for teachers, but the Finance Ministry says new revenue must be found before the final vote.",
        "authors": ["iryna-sokil"],
        "tags": ["Ukraine", "Economy", "EU"],
        "hours_ago": 26,
        "in_news_feed": True,
        "is_premium": False,
        "image": {
            "caption": "Members of parliament vote in the session hall in Kyiv.",
            "credit": "Marta Holub / Eastlight Agency",
            "palette": (150, 120, 70),
            "motif": "crowd",
        },
        "body": [
            (
                "paragraph",
                "Ukraine's parliament approved the draft state budget for next year in the first reading on Wednesday, with 258 votes in favour, 32 more than the minimum required.",
            ),
            (
                "paragraph",
                "The draft sets total spending at UAH 4.8 trillion and revenue at UAH 2.8 trillion. Defence and security account for about UAH 2.8 trillion, or 58% of spending, the Finance Ministry said.",
            ),
            (
                "paragraph",
                "The deficit, equivalent to about 18% of GDP, is expected to be covered almost entirely by foreign loans and grants.",
            ),
            ("subheading", "Teachers and doctors"),
            (
                "paragraph",
                "Lawmakers added amendments raising teachers' salaries by 50% in two stages and increasing funding for the state's free medicines programme by UAH 6 billion. The Finance Ministry said the changes would have to be matched by new revenue before the second reading.",
            ),
            (
                "quote",
                {
                    "quote": "Every hryvnia in this budget is one we either earn ourselves or ask our partners for. We have very little room for generosity and even less for mistakes.",
                    "attribution": "A senior member of the parliamentary budget committee",
                },
            ),
            (
                "paragraph",
                "Opposition deputies criticised a proposal to raise the military levy on incomes from 5% to 7%, arguing that it would push more economic activity into the shadows.",
            ),
            ("related", "analysis-ukraine-budget-financing-gap"),
            ("subheading", "Timetable"),
            (
                "paragraph",
                "The government has until mid-November to submit an updated version for the second reading, and parliament must adopt the final budget by 1 December under the Budget Code.",
            ),
            (
                "paragraph",
                "The IMF, whose current programme requires a credible budget and revenue measures, said it was following the process closely and that a staff mission would visit Kyiv later this month.",
            ),
            (
                "paragraph",
                "Local governments warned that a planned change to how personal income tax is shared could cost city budgets up to UAH 30 billion, money they say is needed for shelters and repairs.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "anti-corruption-bureau-procurement-case",
        "section": "national",
        "title": "Anti-corruption investigators charge five over inflated contracts for energy site protection",
        "standfirst": "Contracts worth UAH 312 million were allegedly priced about 40% above market rates, causing losses of UAH 96 million.",
        "authors": ["iryna-sokil"],
        "tags": ["Corruption", "Ukraine", "Energy", "Reconstruction"],
        "hours_ago": 90,
        "in_news_feed": True,
        "is_premium": False,
        "image": {
            "caption": "Investigators carry document boxes out of an office building in Kyiv.",
            "credit": "Marta Holub / Eastlight Agency",
            "palette": (100, 90, 84),
            "motif": "city",
        },
        "body": [
            (
                "paragraph",
                "Ukraine's National Anti-Corruption Bureau (NABU) said on Monday it had charged five people, including a former deputy head of a regional administration, over alleged overpricing of contracts to build protective structures at energy facilities.",
            ),
            (
                "paragraph",
                "Investigators say the contracts, worth a combined UAH 312 million, went to companies linked to the suspects at prices about 40% above market rates. Alleged losses to the state are estimated at UAH 96 million.",
            ),
            (
                "paragraph",
                "The Specialised Anti-Corruption Prosecutor's Office has asked the High Anti-Corruption Court to set bail at UAH 20 million for the former official. None of the suspects has commented publicly.",
            ),
            ("subheading", "Wartime procurement under scrutiny"),
            (
                "paragraph",
                "The case is one of about 30 that NABU says it is investigating in connection with wartime procurement, covering food for the army, body armour, fortifications and reconstruction projects.",
            ),
            (
                "quote",
                {
                    "quote": "Stealing from the protection of a power station during a war is not just a financial crime. It means people sitting in the dark and cold because a shelter was built with less concrete than was paid for.",
                    "attribution": "A NABU detective, speaking at a press briefing",
                },
            ),
            (
                "paragraph",
                "Anti-corruption activists said the case showed that the institutions were working, but warned that sentences in earlier procurement cases had often been lenient or delayed for years.",
            ),
            ("related", "field-report-chernihiv-village-rebuilding"),
            ("subheading", "Partners watching"),
            (
                "paragraph",
                "Ukraine's international partners have made anti-corruption reform a condition of financial support. The EU's EUR 50 billion Ukraine Facility ties parts of its disbursements to progress on the rule of law.",
            ),
            (
                "paragraph",
                "In the latest edition of a widely cited global corruption index, Ukraine ranked 105th of 180 countries, a modest improvement on its position before the full-scale invasion.",
            ),
            (
                "paragraph",
                "The regional administration said it had suspended payments on two remaining contracts with the companies involved and would re-tender the work through the open procurement system.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "veterans-ministry-rehabilitation-centres",
        "section": "national",
        "title": "Veterans Ministry opens 12 new rehabilitation centres, but demand outstrips places",
        "standfirst": "Ukraine has about 1.3 million registered veterans, and a shortage of trained therapists is the main bottleneck.",
        "authors": ["sofia-bondar"],
        "tags": ["Healthcare", "Ukraine", "Mobilisation"],
        "hours_ago": 175,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "A physical therapist works with a patient in the gym of a new rehabilitation centre in western Ukraine.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (120, 170, 180),
            "motif": "portrait",
        },
        "body": [
            (
                "paragraph",
                "Ukraine's Ministry of Veterans Affairs has opened 12 new rehabilitation centres this year, bringing the total to 48, but officials say demand for physical and psychological rehabilitation far exceeds capacity.",
            ),
            (
                "paragraph",
                "The country now has about 1.3 million registered veterans, a number expected to grow sharply once demobilisation begins. Officials estimate that at least 100,000 people will need long-term rehabilitation.",
            ),
            (
                "paragraph",
                "The new centres offer physiotherapy, prosthetic fitting, psychological counselling and vocational retraining. Waiting times range from two weeks in western regions to more than three months in Kyiv.",
            ),
            ("subheading", "A shortage of specialists"),
            (
                "paragraph",
                "The biggest constraint is staff. The Health Ministry says about 3,200 certified physical and occupational therapists work in rehabilitation, against an estimated need of 10,000.",
            ),
            (
                "quote",
                {
                    "quote": "We can put up a building in six months. Training a good rehabilitation specialist takes four years, and we needed them yesterday.",
                    "attribution": "A deputy minister of veterans affairs",
                },
            ),
            (
                "paragraph",
                "Universities have expanded enrolment on rehabilitation courses by about 60% over the past two years, and several foreign clinics run short training programmes for Ukrainian staff.",
            ),
            ("related", "veteran-prosthetics-marathon-runner"),
            ("subheading", "Back to work"),
            (
                "paragraph",
                "The ministry also runs a grant programme for veterans who want to start a business, offering up to UAH 1 million per project. About 2,100 grants have been issued so far, most for small workshops, farms and cafes.",
            ),
            (
                "paragraph",
                "Veterans' organisations welcomed the new centres but said mental health support remained the weakest link. Only about 18% of veterans who asked for psychological help in a recent survey said they had received it within a month.",
            ),
            (
                "paragraph",
                "The ministry said it planned to open a further 15 centres next year, most of them in smaller cities where veterans currently travel hundreds of kilometres for treatment.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "national-bank-hryvnia-exchange-rate",
        "section": "national",
        "title": "National Bank holds rate at 15.5% and expects a stable hryvnia through winter",
        "standfirst": "Inflation is slowing and reserves are close to a record, but the central bank warns that energy imports could add pressure.",
        "authors": ["yevhen-moroz"],
        "tags": ["Economy", "Ukraine", "Energy"],
        "hours_ago": 270,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "The National Bank of Ukraine building in central Kyiv on an overcast afternoon.",
            "credit": "Roman Kuzmenko / Northwind Photo",
            "palette": (160, 170, 150),
            "motif": "city",
        },
        "body": [
            (
                "paragraph",
                "The National Bank of Ukraine kept its key policy rate at 15.5% on Thursday and said it expected the hryvnia to remain broadly stable through the winter despite pressure from energy imports.",
            ),
            (
                "paragraph",
                "Annual consumer inflation slowed to 11.9% last month from a peak of more than 15% earlier in the year, helped by a good harvest and cheaper food. The central bank expects inflation to fall below 9% by the end of next year.",
            ),
            (
                "paragraph",
                "International reserves stood at about USD 46 billion, close to a record, thanks to steady inflows of foreign aid. The bank said that was enough to cover nearly six months of imports.",
            ),
            ("subheading", "Managed flexibility"),
            (
                "paragraph",
                "The hryvnia has traded in a narrow range of about 41 to 42 per US dollar in recent months under what the central bank calls managed flexibility. The bank sells foreign currency on the interbank market to smooth swings.",
            ),
            (
                "quote",
                {
                    "quote": "Our priority is predictability. Households and businesses should be able to plan, even when the news from the front and from the energy system is difficult.",
                    "attribution": "A deputy governor of the National Bank, speaking at a press conference",
                },
            ),
            (
                "paragraph",
                "The bank warned that risks remained high. A larger-than-expected power deficit this winter could force more electricity and gas imports, while any delay in foreign financing would put pressure on reserves.",
            ),
            ("subheading", "Lending recovering"),
            (
                "paragraph",
                "Bank lending to businesses grew by about 17% over the past year, led by loans to farmers and energy projects, many of them supported by a state programme offering interest rates of 5%, 7% or 9%.",
            ),
            (
                "paragraph",
                "The central bank said it would consider easing policy only after sustained declines in underlying inflation. Its next meeting is scheduled in six weeks.",
            ),
            (
                "paragraph",
                "Deposits held by households rose by about 14% over the year, the bank said, a sign that savers have regained confidence in the banking system despite the war.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "refugee-returns-survey-poland-germany",
        "section": "national",
        "title": "Fewer Ukrainian refugees in Europe say they plan to return home, survey finds",
        "standfirst": "Just over a quarter of respondents say they will definitely return, down from 42% two years ago, as families settle into jobs and schools abroad.",
        "authors": ["sofia-bondar"],
        "tags": ["Refugees", "EU", "Economy", "Children"],
        "hours_ago": 360,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "Passengers with suitcases board a night train to Kyiv at a station near the Polish border.",
            "credit": "Lena Varga / Northwind Photo",
            "palette": (60, 60, 84),
            "motif": "night",
        },
        "body": [
            (
                "paragraph",
                "The share of Ukrainian refugees in Europe who say they definitely plan to return home has fallen to 27%, according to a new survey by a Kyiv-based research centre, down from 42% two years ago.",
            ),
            (
                "paragraph",
                "About 4.3 million Ukrainians hold temporary protection status in EU countries, with the largest numbers in Germany, at about 1.2 million, and Poland, at nearly 1 million, according to EU statistics.",
            ),
            (
                "paragraph",
                "The survey, which polled 3,100 refugees in eight countries, found that 38% were undecided and 20% planned to stay abroad permanently. The rest said they might move to a third country.",
            ),
            ("subheading", "Jobs, schools and security"),
            (
                "paragraph",
                "Those who planned to stay most often cited safety, their children's education and employment. About 61% of working-age refugees in Poland have jobs, compared with about 33% in Germany, where language courses usually come before work.",
            ),
            (
                "quote",
                {
                    "quote": "The longer the war goes on, the more families put down roots. A child who started school in Krakow at seven is now in secondary school there.",
                    "attribution": "The lead researcher on the survey",
                },
            ),
            (
                "paragraph",
                "The government has set up a ministry responsible for national unity, tasked with keeping ties with Ukrainians abroad and encouraging returns once security conditions allow.",
            ),
            ("subheading", "Protection extended"),
            (
                "paragraph",
                "The EU has extended temporary protection for people fleeing Ukraine until March 2027. Several member states have begun discussing routes to longer-term residence for refugees who have jobs.",
            ),
            (
                "paragraph",
                "Economists estimate that the population of government-controlled Ukraine has fallen to between 31 million and 33 million, and that labour shortages could cost the economy several percentage points of growth a year.",
            ),
            (
                "paragraph",
                "Among respondents who said they would return, the most common conditions were an end to air attacks on their home city (71%), a job offer (48%) and a repaired or new home (39%).",
            ),
        ],
        "notes": [
            {
                "kind": "correction",
                "text": "A previous version of this article gave the wrong number of people polled. The survey covered 3,100 refugees, not 1,300.",
                "hours_ago": 340,
            },
        ],
    },
    {
        "slug": "demining-farmland-kherson-region",
        "section": "national",
        "title": "Deminers clear 1,800 square kilometres of farmland as farmers return to idle fields",
        "standfirst": "A state programme covering most of the cost of commercial demining is helping farms in the Kherson, Kharkiv and Mykolaiv regions back into production.",
        "authors": ["andrii-lysenko"],
        "tags": ["Agriculture", "Reconstruction", "Kherson"],
        "hours_ago": 610,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "An armoured demining machine works across a wheat field in the Kherson region, watched by a sapper.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (196, 170, 96),
            "motif": "field",
        },
        "body": [
            (
                "paragraph",
                "Ukrainian and international demining teams have cleared about 1,800 square kilometres of farmland this year, the Economy Ministry said, allowing farmers in the Kherson, Kharkiv and Mykolaiv regions to return to fields left idle since 2022.",
            ),
            (
                "paragraph",
                "Officials estimate that at the peak nearly a quarter of Ukraine's territory was potentially contaminated with mines and unexploded ordnance. About 40% of that area has since been surveyed and partly cleared.",
            ),
            (
                "paragraph",
                "A state programme compensates farmers for up to 80% of the cost of commercial demining. About 620 farms have applied so far, officials said.",
            ),
            ("subheading", "Machines and dogs"),
            (
                "paragraph",
                "Demining is slow and expensive. Clearing a single hectare can cost USD 1,000 to USD 5,000, depending on the terrain and the munitions involved. Teams increasingly use armoured machines, drones with thermal cameras and detection dogs.",
            ),
            (
                "quote",
                {
                    "quote": "We lost three seasons. The land was waiting, and so were we. This spring we sowed wheat on a field where two years ago nobody could even walk.",
                    "attribution": "Mykola Tkachuk, a grain farmer in the Kherson region",
                },
            ),
            (
                "paragraph",
                "Ukraine now has about 150 certified demining operators, up from fewer than 10 before the full-scale invasion. The State Emergency Service has trained about 4,000 deminers, many of them women.",
            ),
            ("subheading", "A long road"),
            (
                "paragraph",
                "Even at current rates, officials say full clearance could take decades. Land near the front and along the Dnipro in the Kherson region remains too dangerous to survey because it is still under fire.",
            ),
            (
                "paragraph",
                "Donors have pledged more than USD 1.3 billion for humanitarian demining, and the government wants to bring the cost per hectare down by producing demining machines domestically.",
            ),
            (
                "paragraph",
                "Agronomists say cleared fields often need a season of soil testing and restoration before yields recover, because of craters, debris and fuel contamination left by the fighting.",
            ),
        ],
        "notes": [],
    },
    # --------------------------------------------------------------- human-story
    {
        "slug": "bakery-relocated-from-pokrovsk-dnipro",
        "section": "human-story",
        "title": "The bakery that moved 250 kilometres and kept its recipe",
        "standfirst": "When shelling made work impossible in Pokrovsk, a baker loaded her ovens onto three trucks. A year later, displaced customers queue for a taste of home.",
        "authors": ["sofia-bondar"],
        "tags": ["Donetsk Oblast", "Economy", "Refugees"],
        "hours_ago": 50,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "Fresh rye loaves cool on racks in a bakery on the outskirts of Dnipro before dawn.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (170, 110, 60),
            "motif": "portrait",
        },
        "body": [
            (
                "paragraph",
                "At five in the morning, the ovens are already hot in a small bakery on the outskirts of Dnipro. The smell of rye bread drifts across a car park where, a year ago, there was nothing but an empty warehouse.",
            ),
            (
                "paragraph",
                "The bakery used to stand in Pokrovsk, in the Donetsk region, where it supplied bread to 14 shops and two hospitals. When shelling made work impossible, its owner, Halyna Shevchuk, 54, loaded the dough mixer, two ovens and her employees' belongings onto three trucks and drove west.",
            ),
            (
                "paragraph",
                "'We did not know where we would bake. We only knew that we would keep baking,' she said.",
            ),
            ("subheading", "A grant and a loan"),
            (
                "paragraph",
                "The move cost about UAH 2.4 million. Half came from a state grant for relocated businesses, the rest from a bank loan at 5% interest and the owner's savings. More than 900 businesses have moved out of the Donetsk region under the state programme since 2022.",
            ),
            (
                "quote",
                {
                    "quote": "People from Pokrovsk come here just to buy a loaf. They say it tastes like home. Some of them cry, and then they buy two.",
                    "attribution": "Halyna Shevchuk, owner of the bakery",
                },
            ),
            (
                "paragraph",
                "Seven of the original 11 staff moved with the business. The bakery has since hired nine more people, four of them also displaced from the Donetsk region, and now bakes about 1,800 loaves a day.",
            ),
            ("subheading", "Old recipes, new customers"),
            (
                "paragraph",
                "Most of the bread goes to shops and cafes in Dnipro, but twice a week a van takes 300 loaves to a volunteer hub that distributes food to evacuees and soldiers.",
            ),
            (
                "paragraph",
                "The recipe for the bakery's best-known loaf, a dark rye with caraway, has not changed in 30 years. Shevchuk says the only difference is the water, and that regular customers claim they can taste it.",
            ),
            (
                "paragraph",
                "She still keeps the keys to the old building in Pokrovsk and does not know whether it is standing. 'When we go back, the town will need a baker first,' she said. 'A town without bread is not a town.'",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "kharkiv-metro-cellist",
        "section": "human-story",
        "title": "A cellist who plays in Kharkiv's metro whenever the sirens sound",
        "standfirst": "More than 300 underground concerts later, a musician from the city's philharmonic has built a small orchestra out of those who stayed.",
        "authors": ["sofia-bondar"],
        "tags": ["Kharkiv", "Culture"],
        "hours_ago": 160,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "A cellist plays on a metro platform in Kharkiv as people sit on folding chairs during an air-raid alert.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (140, 80, 60),
            "motif": "portrait",
        },
        "body": [
            (
                "paragraph",
                "When the sirens sound in Kharkiv, Dmytro Voronyi picks up his cello and walks down to the platform of the nearest metro station. He has played there during alerts more than 300 times since the spring of 2022.",
            ),
            (
                "paragraph",
                "Voronyi, 38, played in the city's philharmonic orchestra before the full-scale invasion. Its concert hall was damaged in the first weeks of the war, and for months there was nowhere to rehearse.",
            ),
            (
                "paragraph",
                "He began playing in the metro to keep his fingers moving. Within weeks, people sheltering at the station started bringing folding chairs.",
            ),
            ("subheading", "Bach and folk songs"),
            (
                "paragraph",
                "His repertoire ranges from Bach's cello suites to Ukrainian folk songs and film music requested by children. He keeps a notebook of requests, which now runs to 214 titles.",
            ),
            (
                "quote",
                {
                    "quote": "At first I thought people would find it strange. But when you are sitting underground, not knowing what is happening above, a slow melody gives you something to hold on to.",
                    "attribution": "Dmytro Voronyi, cellist",
                },
            ),
            (
                "paragraph",
                "The metro carried about 220,000 passengers a day before the war, and during the heaviest bombardment tens of thousands of people slept in its stations. Rides are now free, paid for by the city budget.",
            ),
            ("related", "kharkiv-region-shelling-power-substation"),
            ("subheading", "A new ensemble"),
            (
                "paragraph",
                "Last year Voronyi helped form a chamber ensemble of 12 musicians who stayed in the city. They play in schools and hospitals and, once a month, in a restored concert hall that seats 400.",
            ),
            (
                "paragraph",
                "The ensemble has given 86 concerts so far. Entry is free, but audiences are invited to donate to a fund that buys instruments for music schools in the region. It has raised about UAH 1.1 million.",
            ),
            (
                "paragraph",
                "'The city is still here, and so is the music,' Voronyi said, packing up after an all-clear. 'That is the only message I have.'",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "retired-teacher-online-maths-chernihiv-village",
        "section": "human-story",
        "title": "From a village kitchen, a retired teacher keeps 40 children on track in maths",
        "standfirst": "Valentyna Kravets, 67, teaches pupils from frontline towns and families abroad over an unreliable internet connection.",
        "authors": ["sofia-bondar"],
        "tags": ["Children", "Ukraine"],
        "hours_ago": 310,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "A laptop, a paper timetable of power outages and a cup of tea on a kitchen table in a village in the Chernihiv region.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (200, 180, 150),
            "motif": "portrait",
        },
        "body": [
            (
                "paragraph",
                "Every weekday at 9am, Valentyna Kravets, 67, switches on a laptop at her kitchen table in a village in the Chernihiv region and greets her class. Her pupils are scattered across frontline towns in the Kharkiv and Donetsk regions, as well as in Poland and Germany.",
            ),
            (
                "paragraph",
                "A maths teacher for 41 years, Kravets retired in 2021. After the full-scale invasion, when schools near the front switched to distance learning, she volunteered for an online tutoring programme run by a charity, and never stopped.",
            ),
            (
                "paragraph",
                "She now teaches four groups a week, about 40 children aged 10 to 15. Most of them attend schools that have not held in-person lessons for more than three years.",
            ),
            ("subheading", "Connection problems"),
            (
                "paragraph",
                "Power cuts are her biggest problem. She bought a power bank and a small solar panel with money from former pupils, and she keeps a paper timetable of outage schedules next to the laptop.",
            ),
            (
                "quote",
                {
                    "quote": "Children in these towns have lost a lot: friends who moved away, teachers who left, classrooms they never see. I cannot give them that back. But I can make sure they understand fractions.",
                    "attribution": "Valentyna Kravets, volunteer teacher",
                },
            ),
            (
                "paragraph",
                "According to the Education Ministry, about 300,000 pupils in Ukraine still study entirely online, and another 600,000 in a mixed format. Tests suggest many have fallen one to two years behind in maths and reading.",
            ),
            ("related", "field-report-chernihiv-village-rebuilding"),
            ("subheading", "A village that was occupied"),
            (
                "paragraph",
                "Her own village was occupied for five weeks in the spring of 2022. The school where she taught was damaged and has since been rebuilt with help from a European city, reopening with 96 pupils last September.",
            ),
            (
                "paragraph",
                "Kravets says she will keep teaching as long as her eyes allow. Her youngest pupil recently asked whether she would still be there next year. 'I told her I will be here until she passes her exams,' she said.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "veteran-prosthetics-marathon-runner",
        "section": "human-story",
        "title": "Two years after losing a leg at the front, a veteran finishes his first marathon",
        "standfirst": "Oleksandr Demchuk trained for ten months on a donated running blade and crossed the line in Kyiv in under five hours.",
        "authors": ["sofia-bondar"],
        "tags": ["Healthcare", "Ukraine", "Kyiv"],
        "hours_ago": 450,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "Runners from a veterans' club warm up before a morning training session on a Kyiv embankment.",
            "credit": "Marta Holub / Eastlight Agency",
            "palette": (90, 140, 170),
            "motif": "river",
        },
        "body": [
            (
                "paragraph",
                "Oleksandr Demchuk crossed the finish line in 4 hours and 52 minutes, raised his running blade above his head and then sat down on the kerb to call his mother.",
            ),
            (
                "paragraph",
                "The 31-year-old former infantryman lost his left leg below the knee in 2023 in the Donetsk region. Last Sunday he became one of 19 veterans with amputations to complete the full marathon in Kyiv.",
            ),
            (
                "paragraph",
                "He spent five months in hospitals and rehabilitation centres, then another year learning to walk and later to run on a specialised prosthesis that costs about EUR 12,000 and was paid for by a charity.",
            ),
            ("subheading", "Training at dawn"),
            (
                "paragraph",
                "Demchuk trained six days a week for ten months, often at dawn before his job as a logistics manager. He ran about 2,100 kilometres in training, according to his running app.",
            ),
            (
                "quote",
                {
                    "quote": "In hospital I thought my life would be about limits. Running turned that around. Now the only limit I think about is the next kilometre.",
                    "attribution": "Oleksandr Demchuk, veteran",
                },
            ),
            (
                "paragraph",
                "Ukraine has recorded tens of thousands of amputations since 2022. The state covers the cost of a standard prosthesis, but sports blades and advanced electronic knees often depend on donors.",
            ),
            ("subheading", "A growing community"),
            (
                "paragraph",
                "The veterans' running club Demchuk joined in Kyiv has grown from 6 members to more than 140 in two years. It now has groups in Lviv, Dnipro and Odesa and organises weekly runs.",
            ),
            (
                "paragraph",
                "Physiotherapists say sport is one of the most effective forms of rehabilitation, both physical and psychological. The club's coach said about a third of its members had taken up running only after an injury.",
            ),
            (
                "paragraph",
                "Demchuk is already planning his next race. 'Under four and a half hours,' he said. 'And next time my mother will be waiting at the finish.'",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "animal-shelter-kherson-volunteers",
        "section": "human-story",
        "title": "In Kherson, a small team of volunteers cares for 600 animals left behind",
        "standfirst": "Dogs and cats from evacuated riverside districts arrive every week. Some have been reunited with their owners after more than a year.",
        "authors": ["andrii-lysenko", "sofia-bondar"],
        "tags": ["Kherson", "Refugees"],
        "hours_ago": 640,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "A volunteer walks two dogs along a fence at an animal shelter on the northern edge of Kherson.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (150, 160, 110),
            "motif": "field",
        },
        "body": [
            (
                "paragraph",
                "A shelter on the northern edge of Kherson now houses about 600 dogs and cats, most of them pets left behind when their owners fled shelling in riverside districts or were evacuated to other regions.",
            ),
            (
                "paragraph",
                "The shelter is run by 14 volunteers and 3 paid staff. It takes in between five and twenty new animals a week, brought by evacuation teams, police and neighbours.",
            ),
            (
                "paragraph",
                "Kherson, liberated in November 2022 after eight months of occupation, remains within range of Russian artillery and drones from across the Dnipro. Its population has fallen to about 60,000 from about 280,000 before the war.",
            ),
            ("subheading", "Food by the tonne"),
            (
                "paragraph",
                "The shelter uses about 4.5 tonnes of pet food a month, most of it donated through animal welfare charities in Ukraine and abroad. Running costs, including veterinary care and generator fuel, are about UAH 380,000 a month.",
            ),
            (
                "quote",
                {
                    "quote": "When people leave in a hurry, they sometimes leave the gate open and hope the dog will find its own way. Our job is to make sure it does.",
                    "attribution": "Olha Melnyk, shelter coordinator",
                },
            ),
            (
                "paragraph",
                "Adoptions have risen. About 1,100 animals have found new homes since 2022, some of them in Poland, Germany and the Netherlands through partnerships with European shelters.",
            ),
            ("subheading", "Reunions"),
            (
                "paragraph",
                "Some owners have come back. The shelter photographs every animal and posts the pictures online, and about 90 pets have been reunited with their families, sometimes after more than a year apart.",
            ),
            (
                "paragraph",
                "The team's biggest worry is winter. The buildings are heated by a wood stove and a generator, and volunteers are raising money to insulate the dog enclosures before temperatures drop below zero.",
            ),
            (
                "paragraph",
                "The coordinator said the shelter needs about UAH 600,000 for insulation and a second generator, and has so far raised just under half of that through online donations.",
            ),
        ],
        "notes": [],
    },
    # -------------------------------------------------------------- field-report
    {
        "slug": "field-report-evacuation-crew-donetsk",
        "section": "field-report",
        "title": "Field report: a night with a medical evacuation crew near the front",
        "standfirst": "Drones have made daylight evacuation almost impossible on this stretch of the Donetsk front. The crew works in the dark, and counts the trips.",
        "authors": ["andrii-lysenko"],
        "tags": ["Donetsk Oblast", "Front line", "Healthcare", "Drones"],
        "hours_ago": 40,
        "in_news_feed": True,
        "is_premium": False,
        "image": {
            "caption": "An armoured ambulance waits under camouflage netting outside a stabilisation point in the Donetsk region.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (34, 40, 36),
            "motif": "night",
        },
        "body": [
            (
                "paragraph",
                "The armoured ambulance leaves a stabilisation point in the Donetsk region shortly after dark, headlights off, its driver navigating with night-vision goggles along a road lined with anti-drone netting.",
            ),
            (
                "paragraph",
                "The crew of three, a driver, a paramedic and a medic, works 24-hour shifts and makes between four and twelve trips a night, depending on the intensity of fighting. On the night Masthead Kyiv travelled with them, they made seven.",
            ),
            (
                "paragraph",
                "Evacuation in daylight has become almost impossible on this stretch. Russian drones patrol the roads constantly, and the crew says it has had at least 15 close calls since the summer.",
            ),
            ("subheading", "The golden hour"),
            (
                "paragraph",
                "Military medics aim to get the wounded to surgical care within an hour of injury. Commanders on this sector said the average is now three to six hours, because the wounded often have to wait until it is safe to move them.",
            ),
            (
                "quote",
                {
                    "quote": "We used to measure the trip in kilometres. Now we measure it in drones. Tonight the sky was quiet, so we were lucky.",
                    "attribution": "A paramedic with the call sign 'Lis', who asked that his full name not be used",
                },
            ),
            (
                "paragraph",
                "Increasingly, the first stage of evacuation is done by ground robots, remote-controlled platforms that carry a stretcher from the positions to a point where a vehicle can collect the patient.",
            ),
            (
                "paragraph",
                "At the stabilisation point, two doctors and four nurses work in a basement fitted with surgical lights and oxygen. They treated 23 patients on the night of our visit and sent them on to hospitals further from the front.",
            ),
            ("subheading", "Dawn"),
            (
                "paragraph",
                "By 05:30 the crew is back at its base, a farmhouse with sandbagged windows. The driver cleans the windscreen; the paramedic refills the oxygen cylinders and restocks his bag.",
            ),
            (
                "paragraph",
                "'Sleep for four hours, check the vehicle, then wait,' he says. 'That is the whole routine. The only thing that changes is how many people we bring back.'",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "field-report-mobile-fire-group-kyiv-region",
        "section": "field-report",
        "title": "Field report: with a mobile fire group hunting drones south of Kyiv",
        "standfirst": "Four men, a pickup truck, a heavy machine gun and a searchlight: the last line of defence on one of the routes attack drones take towards the capital.",
        "authors": ["taras-hnatiuk", "andrii-lysenko"],
        "tags": ["Air defence", "Drones", "Kyiv"],
        "hours_ago": 210,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "A mobile fire group's pickup truck stands at the edge of a harvested sunflower field south of Kyiv at night.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (26, 30, 48),
            "motif": "night",
        },
        "body": [
            (
                "paragraph",
                "The pickup truck sits at the edge of a sunflower field, engine off, its heavy machine gun pointed at the dark sky. The four men of the crew listen to a radio that crackles with coordinates every few minutes.",
            ),
            (
                "paragraph",
                "The group, part of a territorial defence unit, covers a sector of about 25 kilometres south of Kyiv, along one of the routes Russian attack drones often take towards the capital.",
            ),
            (
                "paragraph",
                "On an average night, the crew says, between 5 and 40 drones pass through its sector. The group has shot down 37 since it began operating two years ago, according to the unit's records.",
            ),
            ("subheading", "Sound and searchlights"),
            (
                "paragraph",
                "The crew relies on a network of acoustic sensors that pick up the distinctive engine noise of attack drones, as well as radar data relayed by the Air Force. When a target is close, a searchlight sweeps the sky.",
            ),
            (
                "quote",
                {
                    "quote": "It sounds like a moped, but in the sky. When you hear it you have maybe thirty seconds. Either you catch it in the light or it passes.",
                    "attribution": "The crew commander, a former school sports teacher, aged 49",
                },
            ),
            (
                "paragraph",
                "Most members are over 40. Three of the four had civilian jobs before the war: a sports teacher, a lorry driver and an engineer at a water utility. They train twice a week and work three or four night shifts a week.",
            ),
            ("related", "analysis-drone-war-front-line-kill-zone"),
            ("subheading", "Faster targets"),
            (
                "paragraph",
                "The group says its work is getting harder. Russia has started using jet-powered drones that fly at more than 300 kilometres per hour, too fast for many machine-gun crews to engage.",
            ),
            (
                "paragraph",
                "Some groups in the region are being equipped with interceptor drones and thermal cameras, and the commander said his crew expected to begin training on them next month.",
            ),
            (
                "paragraph",
                "At 03:10 the radio goes quiet and the alert is lifted. The crew folds away the searchlight and someone pours tea from a thermos. Tomorrow night they will be back in the same field.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "field-report-chernihiv-village-rebuilding",
        "section": "field-report",
        "title": "Field report: a village north of Chernihiv rebuilds, house by house",
        "standfirst": "Three years after the occupation ended, 131 of 184 damaged homes have been repaired. The forests around the village are still closed because of mines.",
        "authors": ["andrii-lysenko"],
        "tags": ["Reconstruction", "EU", "Children"],
        "hours_ago": 400,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "Builders fit a new roof on a family house in a village north of Chernihiv.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (120, 150, 90),
            "motif": "field",
        },
        "body": [
            (
                "paragraph",
                "In the village of Dubrivka, about 20 kilometres north of Chernihiv, the sound of hammers and concrete mixers has become as familiar as the sirens. Of 184 houses damaged during the occupation in 2022, 131 have now been repaired or rebuilt.",
            ),
            (
                "paragraph",
                "Most of the work was paid for through a state compensation programme and grants from international donors. The rest was done by residents themselves, often helped by volunteer builders from other parts of Ukraine and abroad.",
            ),
            (
                "paragraph",
                "Masthead Kyiv first visited the village in the summer of 2022, when many families were living in temporary modular houses. The last of those modules was taken away this spring.",
            ),
            ("subheading", "A new school and a clinic"),
            (
                "paragraph",
                "The village school, which had lost its roof and windows, reopened last year after a UAH 28 million renovation funded by a European regional government. It now has 112 pupils, up from 74 before the war, as families from nearby villages have moved in.",
            ),
            (
                "quote",
                {
                    "quote": "At first we thought we would never see this street whole again. Now my granddaughter walks to school past houses that were black ruins.",
                    "attribution": "Nadiia Zaiets, 71, who has lived in the village all her life",
                },
            ),
            (
                "paragraph",
                "A small outpatient clinic opened this summer in a rebuilt building next to the village council. A doctor and two nurses serve about 2,400 people in the surrounding settlements.",
            ),
            ("related", "demining-farmland-kherson-region"),
            ("subheading", "What remains"),
            (
                "paragraph",
                "Not everything has been restored. Fifty-three houses are still unrepaired, mainly because their owners left the region and have not applied for compensation, or because ownership is disputed.",
            ),
            (
                "paragraph",
                "The forests around the village are still closed because of mines. Local officials say about 40% of the woodland has been surveyed so far, and residents who relied on mushrooms and firewood have had to find other income.",
            ),
            (
                "paragraph",
                "The head of the village council said the next priority was a new water main, estimated to cost about UAH 9 million, for which funding has not yet been found.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "field-report-zaporizhzhia-frontline-hospital",
        "section": "field-report",
        "title": "Field report: the district hospital that never closed",
        "standfirst": "Twenty-five kilometres from the front, doctors have moved operating theatres and a maternity ward into the basement and kept working.",
        "authors": ["andrii-lysenko"],
        "tags": ["Zaporizhzhia", "Healthcare", "Front line"],
        "hours_ago": 520,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "Windows on the upper floors of a district hospital in the Zaporizhzhia region are sealed with plywood and sandbags.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (180, 184, 170),
            "motif": "city",
        },
        "body": [
            (
                "paragraph",
                "The district hospital in a town 25 kilometres from the front in the Zaporizhzhia region has not closed for a single day since February 2022, its chief doctor says, despite being damaged twice by shelling.",
            ),
            (
                "paragraph",
                "Before the war the hospital had 260 beds and 410 staff. Today it has 90 beds and 140 staff. Operating theatres and intensive care have moved to the basement, and upper-floor windows are sealed with plywood and sandbags.",
            ),
            (
                "paragraph",
                "The hospital treats civilians and soldiers alike, although the most serious military cases are sent on to larger hospitals in Zaporizhzhia and Dnipro once they are stable.",
            ),
            ("subheading", "Generators and water tanks"),
            (
                "paragraph",
                "Power cuts are frequent, so the hospital runs two diesel generators with enough fuel for about five days. A charity installed solar panels on the roof last year, cutting diesel use by roughly 30% in summer.",
            ),
            (
                "quote",
                {
                    "quote": "We have elderly patients who refuse to leave the town, pregnant women, children with fevers. Somebody has to treat them. Closing was never a discussion.",
                    "attribution": "The hospital's chief doctor",
                },
            ),
            (
                "paragraph",
                "The hospital delivered 64 babies last year, fewer than a quarter of the pre-war figure. Its maternity ward is now a single basement room with two beds and an incubator donated by a hospital in Poland.",
            ),
            (
                "paragraph",
                "Keeping staff is a constant challenge. Many younger doctors have moved away, and the average age of the remaining medical staff is over 50, according to the hospital's administration.",
            ),
            ("subheading", "Paid on time"),
            (
                "paragraph",
                "The Health Ministry pays a supplement of up to 50% of salary to medical staff in frontline areas. Nurses told Masthead Kyiv that wages arrived on time but that the extra pay did not always make up for the risk.",
            ),
            (
                "paragraph",
                "The hospital has applied for a grant to build a protected underground wing with 30 beds, at an estimated cost of USD 2.8 million. A decision is expected early next year.",
            ),
        ],
        "notes": [],
    },
    # -------------------------------------------------------------- company-news
    {
        "slug": "masthead-kyiv-launches-morning-briefing-newsletter",
        "section": "company-news",
        "title": "Masthead Kyiv launches The Morning Briefing, a free daily newsletter",
        "standfirst": "Every morning at 07:00 Kyiv time: the overnight picture, the key numbers and our best reporting, in about five minutes of reading.",
        "authors": ["olena-marchuk"],
        "tags": ["Masthead Kyiv", "Kyiv"],
        "hours_ago": 110,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "The Masthead Kyiv news desk during the early morning shift.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (164, 52, 58),
            "motif": "city",
        },
        "body": [
            (
                "paragraph",
                "Masthead Kyiv is launching The Morning Briefing, a free daily email newsletter that brings readers the most important news from Ukraine in about five minutes of reading, every morning at 07:00 Kyiv time.",
            ),
            (
                "paragraph",
                "The newsletter will be written by our Kyiv correspondent, Iryna Sokil, and edited overnight by our news desk. Each edition will include a short summary of the latest developments, key figures from the front and from the economy, and links to our best reporting.",
            ),
            (
                "paragraph",
                "Since our launch, readers have repeatedly asked for a simple way to keep up with the news without checking the site throughout the day. The Morning Briefing is our answer.",
            ),
            ("subheading", "What you will get"),
            (
                "paragraph",
                "Every edition opens with the overnight picture: attacks on Ukrainian cities, the air defence tally and anything that happened at the front while most readers slept. It then turns to politics, the economy and diplomacy.",
            ),
            (
                "paragraph",
                "On Fridays, the newsletter will include a short weekly review and one recommendation from our editors for the weekend: a long read, a photo essay or a piece from our archive. Readers who prefer a lighter inbox can choose to receive only the Friday edition.",
            ),
            (
                "quote",
                {
                    "quote": "We know how many of our readers start their day by checking what happened overnight. We want to make those the calmest, clearest five minutes of their morning.",
                    "attribution": "Olena Marchuk, Editor-in-chief of Masthead Kyiv",
                },
            ),
            ("related", "masthead-kyiv-reader-fund-drive"),
            ("subheading", "How to subscribe"),
            (
                "paragraph",
                "You can sign up on our newsletters page or at the bottom of any article. Subscribers to our weekly newsletters do not need to do anything: they will receive an invitation by email.",
            ),
            (
                "paragraph",
                "The Morning Briefing joins our two existing newsletters, a weekly analysis digest and a weekly letter from our field reporters. All three are free, and you can unsubscribe at any time.",
            ),
            (
                "paragraph",
                "As always, we would love to hear what you think. Write to us at the address listed on our Contacts page.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "masthead-kyiv-reader-fund-drive",
        "section": "company-news",
        "title": "Readers raise USD 186,300 in Masthead Kyiv's autumn fund drive",
        "standfirst": "More than 7,400 people in 63 countries contributed, and nearly 3,000 chose to give every month. Here is what the money will pay for.",
        "authors": ["olena-marchuk"],
        "tags": ["Masthead Kyiv", "Ukraine"],
        "hours_ago": 230,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "Members of the Masthead Kyiv team at the weekly editorial meeting in the newsroom.",
            "credit": "Andrii Lysenko / Masthead Kyiv",
            "palette": (200, 120, 70),
            "motif": "crowd",
        },
        "body": [
            (
                "paragraph",
                "Thank you. Over four weeks, 7,412 readers from 63 countries contributed a total of USD 186,300 to Masthead Kyiv's autumn fund drive, exceeding our target of USD 150,000.",
            ),
            (
                "paragraph",
                "More than 2,900 of those readers became monthly supporters, giving an average of USD 9 a month. Recurring support is the most valuable kind for an independent newsroom, because it allows us to plan ahead.",
            ),
            (
                "paragraph",
                "Masthead Kyiv receives no funding from governments or political parties. Reader contributions now make up about 46% of our budget, with the rest coming from advertising, grants from media development foundations and syndication.",
            ),
            ("subheading", "Where the money goes"),
            (
                "paragraph",
                "The money will pay for three things. First, two additional reporters in eastern and southern Ukraine, bringing our field team to seven. Second, protective equipment and vehicle insurance for reporters working near the front. Third, the launch of a free daily morning newsletter.",
            ),
            (
                "quote",
                {
                    "quote": "Every contribution, large or small, is a vote for independent reporting from Ukraine in English. We take that trust seriously, and we will report back on how we spend it.",
                    "attribution": "Olena Marchuk, Editor-in-chief",
                },
            ),
            (
                "paragraph",
                "The largest single contribution was USD 5,000; the smallest was USD 1. After Ukraine, the countries with the most supporters were the United States, the United Kingdom, Germany and Canada.",
            ),
            ("subheading", "Transparency"),
            (
                "paragraph",
                "We publish an annual report on our finances, and this year's will include a breakdown of how the money from this drive was used. Our editorial independence policy is available on our About page.",
            ),
            (
                "paragraph",
                "If you missed the drive and would like to support us, you can become a member at any time. Members get early access to our analysis pieces and an invitation to our quarterly online editorial meeting.",
            ),
            (
                "paragraph",
                "A special thank you goes to the 312 readers who wrote to us with story ideas alongside their contributions. Several of those ideas are already being reported.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "masthead-kyiv-press-award-shortlist",
        "section": "company-news",
        "title": "Masthead Kyiv field team shortlisted for an international reporting prize",
        "standfirst": "A series of 14 field reports from frontline hospitals, evacuation crews and recovering villages is among six finalists chosen from 412 entries.",
        "authors": ["olena-marchuk"],
        "tags": ["Masthead Kyiv", "Culture"],
        "hours_ago": 470,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "Prints from the shortlisted series are laid out on a table at the Masthead Kyiv photo desk.",
            "credit": "Masthead Kyiv",
            "palette": (88, 88, 96),
            "motif": "portrait",
        },
        "body": [
            (
                "paragraph",
                "Masthead Kyiv's field reporting team has been shortlisted for the Northlight Prize for Conflict Journalism, an award for reporting on war and its impact on civilians, the prize's organisers announced on Tuesday.",
            ),
            (
                "paragraph",
                "The nomination recognises a series of 14 field reports published over the past year, including stories from frontline hospitals, evacuation crews and villages rebuilding after occupation.",
            ),
            (
                "paragraph",
                "The jury selected six finalists from 412 entries submitted by 190 news organisations in 47 countries. The winner will be announced at a ceremony next month. Finalists will present their work at a public discussion on the safety of local journalists the day before.",
            ),
            ("subheading", "A small team"),
            (
                "paragraph",
                "Masthead Kyiv has a newsroom of 26 people, including seven reporters and photographers who regularly work in frontline regions. It is one of the smallest organisations on this year's shortlist.",
            ),
            (
                "quote",
                {
                    "quote": "This recognition belongs to the people who let us into their lives, often at the hardest moments. We only tell their stories; they are the ones who live them.",
                    "attribution": "Andrii Lysenko, Photo editor",
                },
            ),
            (
                "paragraph",
                "The jury's citation praised the series for patient, precise reporting that treats its subjects with dignity and its readers with respect.",
            ),
            ("related", "field-report-zaporizhzhia-frontline-hospital"),
            ("subheading", "The people behind the series"),
            (
                "paragraph",
                "The series was edited by our photo desk and produced with the help of local drivers and fixers, whose names we do not publish for their safety.",
            ),
            (
                "paragraph",
                "Masthead Kyiv's photography has previously been exhibited in Kyiv, Warsaw and Vilnius, and our analysis desk received a commendation for data journalism last year.",
            ),
            (
                "paragraph",
                "We are grateful to our readers, whose support makes this work possible, and to colleagues at other outlets who continue to report from Ukraine in difficult conditions. The full list of finalists is available on the organisers' website.",
            ),
        ],
        "notes": [],
    },
    {
        "slug": "masthead-kyiv-hiring-data-reporter",
        "section": "company-news",
        "title": "We are hiring: Masthead Kyiv seeks a data reporter and a night news editor",
        "standfirst": "Two full-time roles in our Kyiv newsroom, open to candidates in Ukraine and abroad.",
        "authors": ["mark-ellison"],
        "tags": ["Masthead Kyiv", "Kyiv"],
        "hours_ago": 690,
        "in_news_feed": False,
        "is_premium": False,
        "image": {
            "caption": "Charts and notes pinned to a wall at the Masthead Kyiv analysis desk.",
            "credit": "Masthead Kyiv",
            "palette": (46, 84, 128),
            "motif": "city",
        },
        "body": [
            (
                "paragraph",
                "Masthead Kyiv is looking for two new colleagues to join our newsroom in Kyiv: a data reporter and a night news editor. Both are full-time positions, and we welcome applications from candidates in Ukraine and abroad.",
            ),
            (
                "paragraph",
                "The data reporter will work with our analysis desk to track and visualise figures on the war: air attacks, power outages, economic indicators, reconstruction spending and more. Experience with Python or R, spreadsheets and basic charting is required.",
            ),
            (
                "paragraph",
                "The night editor will run our news desk from 22:00 to 07:00 Kyiv time four nights a week, updating the rolling news feed, editing overnight stories and preparing an overnight summary for the morning team.",
            ),
            ("subheading", "What we offer"),
            (
                "paragraph",
                "We offer a competitive salary, paid in hryvnias or euros, 24 days of paid leave, health insurance and a training budget of EUR 1,000 a year. Our office has a shelter and backup power, and part of the week can be worked remotely.",
            ),
            (
                "quote",
                {
                    "quote": "We want people who care about getting the numbers right and who can explain them plainly. That is most of what good war reporting is.",
                    "attribution": "Mark Ellison, Analysis editor",
                },
            ),
            (
                "paragraph",
                "Fluency in English is required, and Ukrainian is strongly preferred. For the night editor role, at least three years of news editing experience is expected.",
            ),
            ("subheading", "How to apply"),
            (
                "paragraph",
                "Send a CV, a short cover letter and two examples of your work to the jobs address listed on our Jobs page, with the name of the position in the subject line.",
            ),
            (
                "paragraph",
                "We review applications on a rolling basis and invite shortlisted candidates to a paid test assignment. We aim to reply to every applicant within three weeks.",
            ),
            (
                "paragraph",
                "Masthead Kyiv is committed to building a diverse newsroom. We especially encourage applications from veterans, people with disabilities and people displaced by the war.",
            ),
        ],
        "notes": [
            {
                "kind": "update",
                "text": "This article was updated to extend the application deadline by two weeks.",
                "hours_ago": 500,
            },
        ],
    },
]

STATIC_PAGES = [
    {
        "slug": "about",
        "title": "About",
        "standfirst": "Masthead Kyiv is an independent English-language newsroom reporting on the war in Ukraine and its consequences.",
        "paragraphs": [
            "Masthead Kyiv was founded by a small group of Ukrainian and international journalists who wanted readers abroad to have a clear, reliable and calm source of news from Ukraine, written by people who live here.",
            "We cover the fighting and the air war, but also the economy, politics, reconstruction and the everyday lives of people adapting to a long war. We try to explain not only what happened, but why it matters and what comes next.",
            "We are editorially independent. We do not take money from governments, political parties or companies that ask for coverage in return, and our editors alone decide what we publish.",
            "Our standards are simple: we verify before we publish, we say clearly what we could not confirm, we separate reporting from opinion, and we correct our mistakes openly at the bottom of the article concerned.",
            "Most of our funding comes from readers. If you find our work useful, the best way to help is to become a member or to share our reporting with people who want to understand Ukraine.",
        ],
    },
    {
        "slug": "advertising",
        "title": "Advertising",
        "standfirst": "Reach an international audience that follows Ukraine closely, on terms that protect our editorial independence.",
        "paragraphs": [
            "Masthead Kyiv reaches readers in more than 150 countries each month, with the largest audiences in the United States, the United Kingdom, Ukraine, Germany and Canada.",
            "We offer display advertising, sponsorship of our newsletters and clearly labelled partner content. All sponsored material is marked as such and is produced separately from our newsroom.",
            "Advertisers have no influence over our editorial decisions. We do not accept advertising from Russian state entities, from companies under sanctions, or for gambling, weapons or political campaigns.",
            "To receive our media kit and current rates, write to our advertising team at the address on our Contacts page.",
        ],
    },
    {
        "slug": "contacts",
        "title": "Contacts",
        "standfirst": "How to reach the Masthead Kyiv newsroom and the rest of the team.",
        "paragraphs": [
            "News tips and story ideas: newsroom@mastheadkyiv.example. If your information is sensitive, tell us in your first message and we will suggest a more secure way to talk.",
            "Corrections: corrections@mastheadkyiv.example. Please include the headline of the article and the passage you believe is wrong. We review every request.",
            "Membership and donations: support@mastheadkyiv.example. Advertising and partnerships: ads@mastheadkyiv.example. Jobs: jobs@mastheadkyiv.example.",
            "Our newsroom is in central Kyiv. For security reasons we do not publish the street address; visits are by appointment only.",
        ],
    },
    {
        "slug": "join-the-team",
        "title": "Join the Team",
        "standfirst": "Reporters, photographers and specialists who want to work with Masthead Kyiv can introduce themselves here, even when no position is open.",
        "paragraphs": [
            "We regularly work with freelance reporters and photographers across Ukraine. If you have a story idea, send a short pitch of no more than 200 words explaining what you want to report, why now and who you can speak to.",
            "We pay freelancers within 30 days of publication, at rates published in our freelance policy, and we cover agreed expenses. We do not ask freelancers to travel to frontline areas without safety training and insurance.",
            "We also welcome introductions from data journalists, translators, designers and developers who would like to help us tell stories better.",
            "Send your pitch or introduction, with links to two or three examples of your work, to jobs@mastheadkyiv.example. We read everything, although we cannot always reply within a week.",
        ],
    },
]

NEWS_FEED_ITEMS = [
    {
        "minutes_ago": 12,
        "headline": "Air-raid alert lifted in Kyiv after two-hour warning",
        "summary": "The alert covered Kyiv and six surrounding regions. The Air Force reported groups of attack drones moving west over the Chernihiv region; no damage was reported in the capital.",
        "tags": ["Kyiv", "Air defence"],
        "article": None,
    },
    {
        "minutes_ago": 27,
        "headline": "Kharkiv governor: 4 injured in guided bomb strike on industrial area",
        "summary": "The bomb hit a warehouse on the city's eastern edge shortly before noon. Emergency services said a fire covering 600 square metres had been put out.",
        "tags": ["Kharkiv", "Air defence"],
        "article": None,
    },
    {
        "minutes_ago": 41,
        "headline": "Hryvnia steady at 41.6 per dollar on interbank market",
        "summary": "The National Bank sold USD 540 million on the interbank market last week, slightly less than the week before.",
        "tags": ["Economy"],
        "article": None,
    },
    {
        "minutes_ago": 58,
        "headline": "EU foreign ministers to discuss new sanctions package next week",
        "summary": "Diplomats say the package would list about 100 more tankers and add restrictions on banks in third countries that help Russia evade sanctions.",
        "tags": ["EU", "Sanctions"],
        "article": None,
    },
    {
        "minutes_ago": 76,
        "headline": "Zaporizhzhia nuclear plant loses external power line for five hours",
        "summary": "The occupied plant switched to diesel generators until the line was restored, according to the international nuclear watchdog. Its six reactors remain in cold shutdown.",
        "tags": ["Zaporizhzhia", "Energy"],
        "article": None,
    },
    {
        "minutes_ago": 95,
        "headline": "Kyiv metro resumes full service after overnight attack",
        "summary": "All stations reopened by mid-morning. About 38,000 people sheltered in the metro during the night, the city administration said.",
        "tags": ["Kyiv"],
        "article": "kyiv-overnight-attack-drones-missiles",
    },
    {
        "minutes_ago": 120,
        "headline": "Russia launched 412 drones and 27 missiles overnight, Air Force says",
        "summary": "Air defence brought down 371 drones and 21 missiles. Debris fell in six districts of Kyiv, and about 180,000 households lost power.",
        "tags": ["Air defence", "Drones", "Kyiv"],
        "article": "kyiv-overnight-attack-drones-missiles",
    },
    {
        "minutes_ago": 165,
        "headline": "Odesa region: port infrastructure damaged in drone attack, no casualties",
        "summary": "A warehouse and two grain silos were damaged. The regional administration said shipping had not been interrupted.",
        "tags": ["Odesa", "Black Sea"],
        "article": None,
    },
    {
        "minutes_ago": 210,
        "headline": "Government approves UAH 4.2 billion for hospital generators",
        "summary": "The money will buy about 1,300 generators and batteries for hospitals in frontline and border regions before the winter.",
        "tags": ["Energy", "Healthcare"],
        "article": None,
    },
    {
        "minutes_ago": 260,
        "headline": "Poland scrambles aircraft as Russia strikes western Ukraine",
        "summary": "The Polish armed forces said the aircraft were a precaution and that no violation of Polish airspace was recorded.",
        "tags": ["EU", "Air defence"],
        "article": None,
    },
    {
        "minutes_ago": 300,
        "headline": "Energy Ministry publishes winter plan, seeks 2.4 GW of new capacity",
        "summary": "The plan asks households to cut evening consumption and sets a target of 300,000 new rooftop solar installations.",
        "tags": ["Energy"],
        "article": "winter-grid-plan-ukraine-energy-ministry",
    },
    {
        "minutes_ago": 355,
        "headline": "Sumy region: 160 explosions recorded in border communities in a day",
        "summary": "Most were caused by artillery and FPV drones. Two people were injured in a village about 5 kilometres from the border.",
        "tags": ["Sumy", "Front line"],
        "article": None,
    },
    {
        "minutes_ago": 410,
        "headline": "Drones hit oil depot in western Russia, regional governor says",
        "summary": "The governor reported a fire at a fuel storage site after what he described as a drone attack. Ukraine's military did not comment.",
        "tags": ["Russia", "Drones"],
        "article": None,
    },
    {
        "minutes_ago": 480,
        "headline": "Cabinet keeps household electricity tariff unchanged until spring",
        "summary": "The tariff will remain at UAH 4.32 per kilowatt-hour. The energy regulator said the decision would cost the state supplier about UAH 11 billion.",
        "tags": ["Energy", "Economy"],
        "article": None,
    },
    {
        "minutes_ago": 540,
        "headline": "General Staff: 63 Russian assaults on the Pokrovsk direction in 24 hours",
        "summary": "Across the whole front the General Staff counted 187 combat engagements, up from a daily average of about 150 last week.",
        "tags": ["Donetsk Oblast", "Front line"],
        "article": "pokrovsk-direction-assaults-general-staff",
    },
    {
        "minutes_ago": 610,
        "headline": "European partner announces EUR 350 million package for drones",
        "summary": "The money will fund interceptor and long-range drones produced in Ukraine, the defence ministry of the donor country said.",
        "tags": ["EU", "Drones"],
        "article": None,
    },
    {
        "minutes_ago": 690,
        "headline": "Dnipro: two injured after drone debris falls on a private house",
        "summary": "The roof and windows of the house were damaged. Both residents were treated at the scene, the regional administration said.",
        "tags": ["Air defence"],
        "article": None,
    },
    {
        "minutes_ago": 780,
        "headline": "Grain exports reach 14.2 million tonnes since start of marketing year",
        "summary": "The figure is about 8% lower than at the same point last year, mainly because of a smaller corn harvest, the Agriculture Ministry said.",
        "tags": ["Agriculture", "Economy"],
        "article": None,
    },
    {
        "minutes_ago": 840,
        "headline": "Russia's central bank cuts key rate to 16.5%",
        "summary": "It was the third cut this year. Annual inflation in Russia has slowed to 8.0%, and growth has fallen close to zero.",
        "tags": ["Russia", "Economy"],
        "article": "russia-central-bank-key-rate-inflation",
    },
    {
        "minutes_ago": 930,
        "headline": "Kharkiv: power restored to 96% of customers after substation repairs",
        "summary": "The regional energy company said the remaining customers would be reconnected by the evening.",
        "tags": ["Kharkiv", "Energy"],
        "article": None,
    },
    {
        "minutes_ago": 1020,
        "headline": "Ombudsman: 12 children returned from occupied territories this week",
        "summary": "The children were reunited with relatives in government-controlled Ukraine with the help of international mediators.",
        "tags": ["Children"],
        "article": None,
    },
    {
        "minutes_ago": 1110,
        "headline": "Ukraine signs drone co-production deal with a Nordic partner",
        "summary": "The agreement provides for joint production of long-range drones, with the first deliveries expected within six months.",
        "tags": ["Drones", "EU"],
        "article": None,
    },
    {
        "minutes_ago": 1200,
        "headline": "Zaporizhzhia region counts 212 guided bombs in a week",
        "summary": "It was the highest weekly figure this year. The regional capital was hit three times.",
        "tags": ["Zaporizhzhia", "Air defence"],
        "article": "zaporizhzhia-glide-bomb-strikes-rise",
    },
    {
        "minutes_ago": 1290,
        "headline": "Railway operator adds extra trains to western border for the holiday weekend",
        "summary": "Ukrzaliznytsia said it would run 14 additional services to Lviv, Chop and the Polish border between Friday and Monday.",
        "tags": ["Refugees"],
        "article": None,
    },
    {
        "minutes_ago": 1380,
        "headline": "NABU searches offices of a regional road agency",
        "summary": "The anti-corruption bureau said the searches were part of an investigation into road repair contracts worth UAH 180 million.",
        "tags": ["Corruption"],
        "article": None,
    },
    {
        "minutes_ago": 1470,
        "headline": "Budget committee backs draft budget ahead of first reading",
        "summary": "The committee recommended approving the draft with amendments on teachers' pay and medicines funding.",
        "tags": ["Economy", "Ukraine"],
        "article": None,
    },
    {
        "minutes_ago": 1560,
        "headline": "Parliament passes next year's budget in first reading with 258 votes",
        "summary": "Defence and security account for about 58% of planned spending. The final vote must take place by 1 December.",
        "tags": ["Economy", "Ukraine"],
        "article": "verkhovna-rada-budget-first-reading",
    },
    {
        "minutes_ago": 1680,
        "headline": "Shelling damages water pipeline in Nikopol",
        "summary": "About 9,000 residents are without running water while repairs continue. The city has set up 12 water distribution points.",
        "tags": ["Front line"],
        "article": None,
    },
    {
        "minutes_ago": 1800,
        "headline": "Navy reports Russian ship movements near Crimea",
        "summary": "Two Russian warships and a submarine were at sea, the navy said, one of them capable of carrying up to eight cruise missiles.",
        "tags": ["Black Sea", "Russia"],
        "article": None,
    },
    {
        "minutes_ago": 1950,
        "headline": "Air defence brings down 88 of 103 drones overnight",
        "summary": "The remaining drones hit targets in the Dnipropetrovsk and Poltava regions, the Air Force said. No casualties were reported.",
        "tags": ["Air defence", "Drones"],
        "article": None,
    },
]

NEWSLETTERS = [
    {
        "slug": "the-morning-briefing",
        "name": "The Morning Briefing",
        "description": "The overnight picture, the key numbers and our best reporting, in about five minutes every morning at 07:00 Kyiv time.",
        "author": "iryna-sokil",
        "cadence": "daily",
        "is_default": True,
    },
    {
        "slug": "analysis-weekly",
        "name": "Analysis Weekly",
        "description": "Our analysis editor's pick of the week's most important trends in defence, sanctions and the economy, with the charts that explain them.",
        "author": "mark-ellison",
        "cadence": "weekly",
        "is_default": False,
    },
    {
        "slug": "letters-from-the-field",
        "name": "Letters from the Field",
        "description": "A Friday letter from our reporters and photographers on the road, with photographs and stories that did not fit anywhere else.",
        "author": "andrii-lysenko",
        "cadence": "weekly",
        "is_default": False,
    },
]

TAGS = [
    "Ukraine",
    "Russia",
    "Kyiv",
    "Kharkiv",
    "Odesa",
    "Zaporizhzhia",
    "Kherson",
    "Sumy",
    "Donetsk Oblast",
    "Black Sea",
    "Front line",
    "Air defence",
    "Drones",
    "Energy",
    "Economy",
    "Sanctions",
    "EU",
    "US",
    "Diplomacy",
    "Military death toll",
    "Mobilisation",
    "Prisoners of war",
    "Reconstruction",
    "Refugees",
    "Children",
    "Healthcare",
    "Agriculture",
    "Corruption",
    "Culture",
    "Media freedom",
    "Masthead Kyiv",
]
