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
    },
]
COVERED = {"CN", "KP", "JP", "MN", "KR"}
