"""The five countries the office covers, and the partners of their transboundary sites."""

COUNTRIES = [
    {
        "iso2": "CN",
        "iso3": "CHN",
        "name": "China",
        "name_fr": "Chine",
        "name_zh_hans": "中国",
        "slug": "china",
        "time_zone": "Asia/Shanghai",
        "order": 1,
        "colour": "#9E2A2B",
        "summary": (
            "Host country of the office, with a long list of World Heritage sites, many "
            "Biosphere Reserves and Global Geoparks, and several Category 2 centres."
        ),
        "summary_fr": (
            "Pays hôte du Bureau, qui compte une longue liste de sites du patrimoine "
            "mondial, de nombreuses réserves de biosphère et de nombreux géoparcs mondiaux "
            "UNESCO, ainsi que plusieurs centres de catégorie 2."
        ),
        "summary_zh_hans": (
            "办事处所在国，拥有为数众多的世界遗产地、大量生物圈保护区和世界地质公园，"
            "以及多个二类中心。"
        ),
    },
    {
        "iso2": "KP",
        "iso3": "PRK",
        "name": "Democratic People's Republic of Korea",
        "name_fr": "République populaire démocratique de Corée",
        "name_zh_hans": "朝鲜民主主义人民共和国",
        "slug": "dpr-korea",
        "time_zone": "Asia/Pyongyang",
        "order": 2,
        "colour": "#2F4858",
        "summary": (
            "Cooperation focuses on heritage, biosphere reserves and science education, "
            "with programmes followed from Beijing."
        ),
        "summary_fr": (
            "La coopération porte sur le patrimoine, les réserves de biosphère et "
            "l’enseignement des sciences, avec des programmes suivis depuis Beijing."
        ),
        "summary_zh_hans": "合作重点是遗产、生物圈保护区和科学教育，相关项目从北京跟进。",
    },
    {
        "iso2": "JP",
        "iso3": "JPN",
        "name": "Japan",
        "name_fr": "Japon",
        "name_zh_hans": "日本",
        "slug": "japan",
        "time_zone": "Asia/Tokyo",
        "order": 3,
        "colour": "#6A3D9A",
        "summary": (
            "A partner in education for sustainable development, disaster risk reduction "
            "and heritage, home to Category 2 centres on water hazards and living heritage."
        ),
        "summary_fr": (
            "Partenaire pour l’éducation en vue du développement durable, la réduction des "
            "risques de catastrophe et le patrimoine, qui accueille des centres de "
            "catégorie 2 consacrés aux risques liés à l’eau et au patrimoine vivant."
        ),
        "summary_zh_hans": (
            "在可持续发展教育、减少灾害风险和遗产领域的合作伙伴，设有水灾害和活态遗产"
            "方面的二类中心。"
        ),
    },
    {
        "iso2": "MN",
        "iso3": "MNG",
        "name": "Mongolia",
        "name_fr": "Mongolie",
        "name_zh_hans": "蒙古",
        "slug": "mongolia",
        "time_zone": "Asia/Ulaanbaatar",
        "order": 4,
        "colour": "#1F5F8B",
        "summary": (
            "Steppe, desert and mountain landscapes, nomadic heritage and two transboundary "
            "natural World Heritage sites shared with the Russian Federation."
        ),
        "summary_fr": (
            "Paysages de steppe, de désert et de montagne, patrimoine nomade et deux sites "
            "naturels transfrontaliers du patrimoine mondial partagés avec la Fédération de "
            "Russie."
        ),
        "summary_zh_hans": (
            "草原、荒漠和山地景观，游牧遗产，以及与俄罗斯联邦共有的两处跨境世界自然遗产地。"
        ),
    },
    {
        "iso2": "KR",
        "iso3": "KOR",
        "name": "Republic of Korea",
        "name_fr": "République de Corée",
        "name_zh_hans": "大韩民国",
        "slug": "republic-of-korea",
        "time_zone": "Asia/Seoul",
        "order": 5,
        "colour": "#00607A",
        "summary": (
            "A partner in global citizenship education, documentary and intangible "
            "heritage, and geoparks, hosting several Category 2 centres."
        ),
        "summary_fr": (
            "Partenaire pour l’éducation à la citoyenneté mondiale, le patrimoine "
            "documentaire et immatériel et les géoparcs, qui accueille plusieurs centres de "
            "catégorie 2."
        ),
        "summary_zh_hans": (
            "在全球公民教育、文献遗产和非物质遗产以及地质公园领域的合作伙伴，设有多个二类中心。"
        ),
    },
    # Partners of transboundary sites, not covered by the office.
    {
        "iso2": "KZ",
        "iso3": "KAZ",
        "name": "Kazakhstan",
        "name_fr": "Kazakhstan",
        "name_zh_hans": "哈萨克斯坦",
        "slug": "kazakhstan",
        "time_zone": "Asia/Almaty",
        "order": 20,
        "colour": "#4A5A2A",
        "summary": "Shares the Silk Roads: Chang'an-Tianshan Corridor with China and Kyrgyzstan.",
        "summary_fr": (
            "Partage avec la Chine et le Kirghizistan les «\u00a0Routes de la soie\u00a0: "
            "corridor de Chang’an-Tian-shan\u00a0»."
        ),
        "summary_zh_hans": "与中国和吉尔吉斯斯坦共有“丝绸之路：长安—天山廊道”。",
    },
    {
        "iso2": "KG",
        "iso3": "KGZ",
        "name": "Kyrgyzstan",
        "name_fr": "Kirghizistan",
        "name_zh_hans": "吉尔吉斯斯坦",
        "slug": "kyrgyzstan",
        "time_zone": "Asia/Bishkek",
        "order": 21,
        "colour": "#7A4A1F",
        "summary": "Shares the Silk Roads: Chang'an-Tianshan Corridor with China and Kazakhstan.",
        "summary_fr": (
            "Partage avec la Chine et le Kazakhstan les «\u00a0Routes de la soie\u00a0: "
            "corridor de Chang’an-Tian-shan\u00a0»."
        ),
        "summary_zh_hans": "与中国和哈萨克斯坦共有“丝绸之路：长安—天山廊道”。",
    },
    {
        "iso2": "RU",
        "iso3": "RUS",
        "name": "Russian Federation",
        "name_fr": "Fédération de Russie",
        "name_zh_hans": "俄罗斯联邦",
        "slug": "russian-federation",
        "time_zone": "Europe/Moscow",
        "order": 22,
        "colour": "#3B4A6B",
        "summary": "Shares the Uvs Nuur Basin and the Landscapes of Dauria with Mongolia.",
        "summary_fr": "Partage avec la Mongolie le bassin d’Ubs Nuur et les paysages de la Dauria.",
        "summary_zh_hans": "与蒙古共有乌布苏盆地和达斡尔景观。",
    },
]
COVERED = {"CN", "KP", "JP", "MN", "KR"}
