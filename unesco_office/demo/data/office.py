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
    "intro_fr": (
        "<p>Depuis Beijing, l’UNESCO travaille avec la Chine, la République populaire "
        "démocratique de Corée, le Japon, la Mongolie et la République de Corée dans les "
        "domaines de l’éducation, des sciences exactes et naturelles, des sciences sociales "
        "et humaines, de la culture, ainsi que de la communication et de l’information.</p>"
        "<p>Découvrez les sites que l’UNESCO a désignés dans ces pays, les centres qui "
        "travaillent sous son égide, ainsi que les réunions, formations et célébrations que "
        "le Bureau organise ou soutient.</p>"
    ),
    "intro_zh_hans": (
        "<p>联合国教科文组织立足北京，与中国、朝鲜民主主义人民共和国、日本、蒙古和大韩民国"
        "在教育、自然科学、社会及人文科学、文化以及传播与信息领域开展合作。</p>"
        "<p>欢迎浏览联合国教科文组织在这些国家认定的地点、在其主持下开展工作的中心，"
        "以及办事处组织或支持的会议、培训和庆祝活动。</p>"
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
    "history_fr": (
        "<p>Ouvert en 1984, le Bureau est aujourd’hui le bureau multipays de l’UNESCO pour "
        "cinq pays d’Asie du Nord-Est\u00a0: la République populaire démocratique de Corée, "
        "le Japon, la Mongolie, la République populaire de Chine et la République de "
        "Corée.</p>"
        "<h2>Ce que fait le Bureau</h2>"
        "<ul><li>Il met l’expertise technique de l’UNESCO à la disposition des "
        "gouvernements, des universités et de la société civile, avec le Programme de "
        "développement durable à l’horizon 2030 comme référence commune.</li>"
        "<li>Il soutient la désignation et la préservation des sites du patrimoine mondial, "
        "des réserves de biosphère et des géoparcs mondiaux UNESCO, ainsi que les travaux "
        "des centres de catégorie 2.</li>"
        "<li>Il relie les cinq pays entre eux et au réseau plus large de l’UNESCO, afin que "
        "ce qui fonctionne à un endroit puisse être essayé ailleurs.</li></ul>"
    ),
    "history_zh_hans": (
        "<p>办事处于1984年设立，如今是联合国教科文组织负责东北亚五国的多国办事处，"
        "覆盖朝鲜民主主义人民共和国、日本、蒙古、中华人民共和国和大韩民国。</p>"
        "<h2>办事处的工作</h2>"
        "<ul><li>以2030年可持续发展议程为共同参照，为各国政府、大学和民间社会提供联合国"
        "教科文组织的技术专长。</li>"
        "<li>支持世界遗产地、生物圈保护区和世界地质公园的认定与保护，并支持二类中心的"
        "工作。</li>"
        "<li>促进五国之间以及五国与联合国教科文组织更广泛网络之间的联系，使在一地行之"
        "有效的做法得以在另一地尝试。</li></ul>"
    ),
}
