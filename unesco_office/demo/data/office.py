"""The office's profile."""

OFFICE = {
    "name": "UNESCO Beijing Cluster Office",
    "name_fr": "Bureau multipays de l’UNESCO à Beijing",
    "name_zh_hans": "联合国教科文组织北京多国办事处",
    "short_name": "UNESCO Beijing",
    "short_name_fr": "UNESCO Beijing",
    "short_name_zh_hans": "教科文组织北京办事处",
    "head_of_office": "Marielza Oliveira",
    "head_title": "Head of Office",
    "head_title_fr": "Cheffe de bureau",
    "head_title_zh_hans": "办事处主任",
    "year_established": 1984,
    "tagline": "Five countries, five programme sectors, one office for North-East Asia",
    "tagline_fr": "Cinq pays, cinq secteurs de programme, un bureau pour l’Asie du Nord-Est",
    "tagline_zh_hans": "五个国家，五大业务部门，一个服务东北亚的办事处",
    "intro": (
        "<p>From Beijing, UNESCO works with China, the Democratic People's Republic of Korea, "
        "Japan, Mongolia and the Republic of Korea on education, the natural sciences, the "
        "social and human sciences, culture, and communication and information.</p>"
        "<p>Browse the places UNESCO has designated in these countries, the centres that work "
        "under its auspices, and the meetings, trainings and celebrations the office "
        "organises or supports.</p>"
    ),
    "history": (
        "<p>The office opened in 1984 and today serves as UNESCO's cluster office for five "
        "countries of North-East Asia: the Democratic People's Republic of Korea, Japan, "
        "Mongolia, the People's Republic of China and the Republic of Korea.</p>"
        "<h2>What the office does</h2>"
        "<ul><li>It brings UNESCO's technical expertise to governments, universities and "
        "civil society, with the 2030 Agenda as common reference.</li>"
        "<li>It supports the designation and care of World Heritage sites, Biosphere "
        "Reserves and Global Geoparks, and the work of Category 2 centres.</li>"
        "<li>It connects the five countries with each other and with UNESCO's wider "
        "network, so that what works in one place can be tried in another.</li></ul>"
    ),
}
