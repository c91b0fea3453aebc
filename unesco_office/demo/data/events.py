"""The office's own events (with their real dates and places) and further events placed
around the day the loader runs."""

import datetime
from dataclasses import dataclass, field

from django.utils.text import slugify

from events.models import Event

LIVE, DRAFT, SCHEDULED = "live", "draft", "scheduled"


@dataclass(frozen=True)
class DemoEvent:
    title: str
    kind: str
    sectors: tuple[str, ...]
    # A fixed date, or an offset in days from the day the loader runs.
    start: datetime.date | int
    days: int = 1
    country: str = ""  # ISO alpha-2; empty for an online event
    city: str = ""
    venue: str = ""
    times: tuple[str, str] | None = None
    sites: tuple[str, ...] = ()  # slugs
    summary: str = ""
    registration: bool = False
    visibility: str = LIVE
    has_image: bool = True
    status: str = Event.EventStatus.SCHEDULED
    # For a rescheduled event: how many days later than first planned it now starts.
    moved_by: int = 0
    # The texts in French and Simplified Chinese: title, summary and, with a venue, venue.
    fr: dict = field(default_factory=dict)
    zh: dict = field(default_factory=dict)

    @property
    def slug(self):
        return slugify(self.title)[:200]

    def dates(self, today):
        start = self.start if isinstance(self.start, datetime.date) else today + days(self.start)
        return start, start + days(self.days - 1)

    def previous_dates(self, today):
        if not self.moved_by:
            return None, None
        return tuple(day - days(self.moved_by) for day in self.dates(today))


def days(n):
    return datetime.timedelta(days=n)


K = Event.Kind
D = datetime.date

# Where the demo events' cities are (latitude, longitude of the centre), as staff would type
# them from a map: the maps place each event there.
CITY_COORDINATES = {
    "Beijing": ("39.9042", "116.4074"),
    "Changsha": ("28.2282", "112.9388"),
    "Cheongju": ("36.6424", "127.4890"),
    "Dalanzadgad": ("43.5708", "104.4250"),
    "Gyeongju": ("35.8562", "129.2247"),
    "Hangzhou": ("30.2741", "120.1551"),
    "Incheon": ("37.4563", "126.7052"),
    "Itoigawa": ("37.0390", "137.8626"),
    "Jecheon City": ("37.1326", "128.1910"),
    "Jeju": ("33.4996", "126.5312"),
    "Jeonju": ("35.8242", "127.1480"),
    "Kharkhorin": ("47.1975", "102.8238"),
    "Kunming": ("25.0389", "102.7183"),
    "Nanjing": ("32.0603", "118.7969"),
    "Nara": ("34.6851", "135.8048"),
    "Okayama": ("34.6551", "133.9195"),
    "Osaka": ("34.6937", "135.5023"),
    "Pyongyang": ("39.0392", "125.7625"),
    "Qingdao": ("36.0671", "120.3826"),
    "Samjiyon": ("41.8167", "128.3167"),
    "Sendai": ("38.2682", "140.8694"),
    "Seoul": ("37.5665", "126.9780"),
    "Shanghai": ("31.2304", "121.4737"),
    "Tokyo": ("35.6762", "139.6503"),
    "Tsukuba": ("36.0835", "140.0764"),
    "Ulaanbaatar": ("47.9184", "106.9177"),
    "Wolong": ("31.0306", "103.1950"),
    "Xi'an": ("34.3416", "108.9398"),
}

# The office's own events, with their real dates and places.
# fmt: off
SEED_EVENTS = [
    DemoEvent("Celebration of World Day for Audiovisual Heritage in Mongolia",
              K.CELEBRATION, ("CI",), D(2013, 10, 28), country="MN", city="Ulaanbaatar",
              summary="Archivists, broadcasters and students mark the World Day for Audiovisual "
                      "Heritage with screenings and a discussion on keeping film and sound "
                      "collections alive.",
              fr={"title": "Célébration de la Journée mondiale du patrimoine audiovisuel en Mongolie",
                  "summary": "Archivistes, radiodiffuseurs et étudiants célèbrent la Journée mondiale du "
                             "patrimoine audiovisuel par des projections et un débat sur les moyens de faire "
                             "vivre les collections de films et d’enregistrements sonores."},
              zh={"title": "蒙古世界音像遗产日纪念活动",
                  "summary": "档案工作者、广播电视从业者和学生通过影片放映和专题讨论纪念世界音像遗产日，"
                             "共同探讨如何让电影和录音藏品保持生命力。"}),
    DemoEvent("7th International Conference on Theory and Practice of Electronic Governance (ICEGOV2013)",
              K.CONFERENCE, ("CI",), D(2013, 10, 22), days=4, country="KR", city="Seoul",
              summary="Researchers, officials and practitioners compare how digital government "
                      "can serve citizens better.",
              fr={"title": "7e Conférence internationale sur la théorie et la pratique de la gouvernance "
                           "électronique (ICEGOV2013)",
                  "summary": "Chercheurs, responsables publics et praticiens confrontent leurs expériences sur "
                             "la façon dont l’administration numérique peut mieux servir les citoyens."},
              zh={"title": "第七届电子治理理论与实践国际会议（ICEGOV2013）",
                  "summary": "研究人员、政府官员和从业人员比较交流数字政府如何更好地服务公民。"}),
    DemoEvent("International Conference on Learning Cities",
              K.CONFERENCE, ("ED",), D(2013, 10, 21), days=3, country="CN", city="Beijing",
              summary="Mayors, education experts and city planners discuss how a city can offer "
                      "learning to people of every age.",
              fr={"title": "Conférence internationale sur les villes apprenantes",
                  "summary": "Maires, spécialistes de l’éducation et urbanistes examinent comment une ville "
                             "peut offrir des possibilités d’apprentissage aux personnes de tous âges."},
              zh={"title": "学习型城市国际大会",
                  "summary": "市长、教育专家和城市规划者共同探讨城市如何为各年龄段的人提供学习机会。"}),
    DemoEvent("CONFINTEA VI Regional Follow-up Meeting in Asia and the Pacific",
              K.MEETING, ("ED",), D(2013, 10, 18), days=2, country="KR", city="Jecheon City",
              summary="Countries of the region take stock of adult learning and education since "
                      "the Sixth International Conference on Adult Education.",
              fr={"title": "Réunion régionale de suivi de la CONFINTEA VI en Asie et dans le Pacifique",
                  "summary": "Les pays de la région font le point sur l’apprentissage et l’éducation des "
                             "adultes depuis la sixième Conférence internationale sur l’éducation des adultes."},
              zh={"title": "CONFINTEA VI亚太区域后续会议",
                  "summary": "本区域各国盘点第六届国际成人教育大会召开以来成人学习和教育的状况。"}),
    DemoEvent("9th China Information Accessibility Forum",
              K.FORUM, ("CI",), D(2013, 10, 15), days=2, country="CN", city="Beijing",
              summary="Government, industry and organisations of persons with disabilities look "
                      "at how websites, media and digital services can work for everyone.",
              fr={"title": "9e Forum chinois sur l’accessibilité de l’information",
                  "summary": "Pouvoirs publics, entreprises et organisations de personnes handicapées "
                             "examinent comment rendre les sites web, les médias et les services numériques "
                             "accessibles à tous."},
              zh={"title": "第九届中国信息无障碍论坛",
                  "summary": "政府、业界和残疾人组织共同探讨如何让网站、媒体和数字服务人人可用。"}),
    DemoEvent("“Flying Dreams and Sailing with Love”: CSE Summer Study for Primary School Pupils",
              K.TRAINING, ("ED",), D(2022, 7, 21), days=5, country="CN", city="Hangzhou",
              summary="Primary school pupils in Hangzhou spend a summer week on age-appropriate "
                      "comprehensive sexuality education (CSE) activities.",
              fr={"title": "«\u00a0Faire voler ses rêves, naviguer avec amour\u00a0»\u00a0: stage d’été "
                           "d’éducation complète à la sexualité pour les élèves du primaire",
                  "summary": "Des élèves du primaire de Hangzhou consacrent une semaine d’été à des activités "
                             "d’éducation complète à la sexualité (ECS) adaptées à leur âge."},
              zh={"title": "“放飞梦想，扬帆有爱”：小学生全面性教育暑期研学活动",
                  "summary": "杭州的小学生利用暑期一周时间，参加适合其年龄的全面性教育活动。"}),
    DemoEvent("2023 International Youth Forum on Creativity and Heritage along the Silk Roads",
              K.FORUM, ("SHS", "CLT"), D(2023, 6, 26), days=5, country="CN", city="Nanjing",
              summary="Young people from countries along the land and maritime Silk Roads meet in "
                      "Changsha and Nanjing to talk about heritage, creativity and cultural "
                      "diversity.",
              fr={"title": "Forum international de la jeunesse 2023 sur la créativité et le patrimoine le long "
                           "des Routes de la soie",
                  "summary": "Des jeunes des pays situés le long des Routes de la soie terrestres et maritimes "
                             "se réunissent à Changsha et à Nanjing pour échanger sur le patrimoine, la "
                             "créativité et la diversité culturelle."},
              zh={"title": "2023年丝绸之路青年创意与遗产国际论坛",
                  "summary": "来自陆上和海上丝绸之路沿线国家的青年齐聚长沙和南京，围绕遗产、"
                             "创意和文化多样性展开交流。"}),
    DemoEvent("“Reversing the Future”: Theatre for the International Day of Persons with Disabilities 2023",
              K.CELEBRATION, ("CI", "SHS"), D(2023, 12, 3), country="CN", city="Beijing",
              summary="A theatre performance by actors with and without disabilities marks the "
                      "International Day of Persons with Disabilities.",
              fr={"title": "«\u00a0Inverser l’avenir\u00a0»\u00a0: théâtre pour la Journée internationale des "
                           "personnes handicapées 2023",
                  "summary": "Une représentation théâtrale réunissant des comédiens handicapés et non "
                             "handicapés marque la Journée internationale des personnes handicapées."},
              zh={"title": "“逆转未来”：2023年国际残疾人日戏剧演出",
                  "summary": "残疾演员与非残疾演员同台演出，纪念国际残疾人日。"}),
]

# Further events at fixed offsets from today: past and upcoming, every country, sector and kind.
GENERATED_EVENTS = [
    # Education
    DemoEvent("Sub-regional Consultation on SDG 4 Monitoring in North-East Asia", K.MEETING, ("ED",), -320, days=2,
              country="CN", city="Beijing", venue="UNESCO Beijing Office", times=("09:00", "17:30"),
              summary="Education ministries compare how they measure progress towards SDG 4.",
              fr={"title": "Consultation sous-régionale sur le suivi de l’ODD\u00a04 en Asie du Nord-Est",
                  "summary": "Les ministères de l’éducation comparent leurs façons de mesurer les progrès "
                             "accomplis vers l’ODD\u00a04.",
                  "venue": "Bureau de l’UNESCO à Beijing"},
              zh={"title": "东北亚可持续发展目标4监测次区域磋商会",
                  "summary": "各国教育部比较交流衡量可持续发展目标4进展的方法。",
                  "venue": "联合国教科文组织北京办事处"}),
    DemoEvent("Teacher Training on Education for Sustainable Development", K.TRAINING, ("ED", "SC"), -150, days=3,
              country="MN", city="Ulaanbaatar", venue="Mongolian National University of Education",
              summary="Secondary school teachers try out lesson plans on climate, water and biodiversity.",
              fr={"title": "Formation des enseignants à l’éducation en vue du développement durable",
                  "summary": "Des enseignants du secondaire testent des plans de cours sur le climat, l’eau et "
                             "la biodiversité.",
                  "venue": "Université nationale d’éducation de Mongolie"},
              zh={"title": "可持续发展教育教师培训班",
                  "summary": "中学教师试用有关气候、水和生物多样性的教案。",
                  "venue": "蒙古国立教育大学"}),
    DemoEvent("Webinar: Digital Learning for Rural Schools", K.WORKSHOP, ("ED", "CI"), 12, times=("14:00", "15:30"),
              registration=True, has_image=False,
              summary="Practitioners share what works when connectivity and devices are scarce.",
              fr={"title": "Webinaire\u00a0: l’apprentissage numérique dans les écoles rurales",
                  "summary": "Des praticiens partagent ce qui fonctionne lorsque la connectivité et les "
                             "équipements sont rares."},
              zh={"title": "网络研讨会：农村学校的数字化学习",
                  "summary": "一线从业者分享在网络连接和设备匮乏的情况下行之有效的做法。"}),
    DemoEvent("Launch of a Regional Review on Early Childhood Care and Education", K.MEETING, ("ED",), 45,
              country="JP", city="Tokyo", times=("10:00", "12:00"), registration=True,
              summary="Presentation of a review of early childhood policies in the five countries.",
              fr={"title": "Lancement d’une étude régionale sur la protection et l’éducation de la petite "
                           "enfance",
                  "summary": "Présentation d’une étude des politiques de la petite enfance dans les cinq pays."},
              zh={"title": "幼儿保育和教育区域综述发布会", "summary": "介绍一份关于五国幼儿政策的综述。"}),
    DemoEvent("Learning Cities Network Meeting for North-East Asia", K.MEETING, ("ED",), 90, days=2,
              country="KR", city="Incheon", status=Event.EventStatus.RESCHEDULED, moved_by=21,
              summary="Member cities exchange practices on lifelong learning for all.",
              fr={"title": "Réunion du réseau des villes apprenantes pour l’Asie du Nord-Est",
                  "summary": "Les villes membres échangent leurs pratiques en matière d’apprentissage tout au "
                             "long de la vie pour tous."},
              zh={"title": "东北亚学习型城市网络会议", "summary": "成员城市交流全民终身学习方面的做法。"}),
    DemoEvent("Comprehensive Sexuality Education: Training of Trainers", K.TRAINING, ("ED",), -40, days=4,
              country="CN", city="Kunming",
              summary="Teacher educators prepare to train colleagues in age-appropriate sexuality education.",
              fr={"title": "Éducation complète à la sexualité\u00a0: formation de formateurs",
                  "summary": "Des formateurs d’enseignants se préparent à former leurs collègues à une "
                             "éducation à la sexualité adaptée à l’âge."},
              zh={"title": "全面性教育培训者培训班",
                  "summary": "教师培训者做好准备，培训同事开展适龄的性教育。"}),
    DemoEvent("Science Teaching Materials Workshop for Secondary Schools", K.WORKSHOP, ("ED", "SC"), -330, days=3,
              country="KP", city="Pyongyang",
              summary="Teachers and curriculum developers review new science teaching materials.",
              fr={"title": "Atelier sur les supports d’enseignement des sciences pour le secondaire",
                  "summary": "Enseignants et concepteurs de programmes scolaires examinent de nouveaux "
                             "supports d’enseignement des sciences."},
              zh={"title": "中学科学教材研讨会", "summary": "教师和课程开发人员审阅新的科学教材。"}),
    DemoEvent("Asia-Pacific Conference on Global Citizenship Education", K.CONFERENCE, ("ED",), 160, days=3,
              country="KR", city="Seoul", times=("09:00", "18:00"), registration=True,
              summary="Educators and researchers discuss teaching for peace, respect and solidarity.",
              fr={"title": "Conférence Asie-Pacifique sur l’éducation à la citoyenneté mondiale",
                  "summary": "Éducateurs et chercheurs débattent d’un enseignement au service de la paix, du "
                             "respect et de la solidarité."},
              zh={"title": "亚太全球公民教育大会",
                  "summary": "教育工作者和研究人员探讨如何开展促进和平、尊重与团结的教学。"}),
    DemoEvent("Youth Conference on Education for Sustainable Development", K.CONFERENCE, ("ED",), -200, days=2,
              country="JP", city="Okayama",
              summary="Secondary and university students present their local sustainability projects.",
              fr={"title": "Conférence des jeunes sur l’éducation en vue du développement durable",
                  "summary": "Des élèves du secondaire et des étudiants présentent leurs projets locaux de "
                             "développement durable."},
              zh={"title": "可持续发展教育青年大会",
                  "summary": "中学生和大学生展示各自在当地开展的可持续发展项目。"}),
    # Natural Sciences
    DemoEvent("East Asian Biosphere Reserve Network Meeting", K.MEETING, ("SC",), 60, days=4,
              country="MN", city="Ulaanbaatar", sites=("bogd-khan-mountain-biosphere-reserve",),
              summary="Managers of biosphere reserves share experience on sustainable livelihoods.",
              fr={"title": "Réunion du Réseau des réserves de biosphère d’Asie de l’Est",
                  "summary": "Des gestionnaires de réserves de biosphère partagent leur expérience en matière "
                             "de moyens de subsistance durables."},
              zh={"title": "东亚生物圈保护区网络会议",
                  "summary": "生物圈保护区管理者分享可持续生计方面的经验。"}),
    DemoEvent("Workshop on Groundwater Management in the Gobi", K.WORKSHOP, ("SC",), -220, days=2,
              country="MN", city="Dalanzadgad",
              summary="Hydrologists and herders look at how to share scarce groundwater.",
              fr={"title": "Atelier sur la gestion des eaux souterraines dans le Gobi",
                  "summary": "Hydrologues et éleveurs examinent comment partager des eaux souterraines rares."},
              zh={"title": "戈壁地下水管理研讨会", "summary": "水文学家和牧民共同探讨如何共享稀缺的地下水。"}),
    DemoEvent("Hydrology Training for Young Water Scientists", K.TRAINING, ("SC",), -90, days=5,
              country="CN", city="Beijing", times=("09:00", "17:00"),
              summary="Early-career researchers train in sediment and flood modelling.",
              fr={"title": "Formation en hydrologie pour les jeunes spécialistes de l’eau",
                  "summary": "Des chercheurs en début de carrière se forment à la modélisation des sédiments "
                             "et des crues."},
              zh={"title": "青年水科学工作者水文培训班", "summary": "青年研究人员接受泥沙和洪水模拟培训。"}),
    DemoEvent("Geopark Management Workshop", K.WORKSHOP, ("SC",), 30, days=3,
              country="KR", city="Jeju", sites=("jeju-island-unesco-global-geopark",), registration=True,
              summary="Geopark staff from the region work on interpretation, education and tourism.",
              fr={"title": "Atelier sur la gestion des géoparcs",
                  "summary": "Des personnels de géoparcs de la région travaillent sur l’interprétation, "
                             "l’éducation et le tourisme."},
              zh={"title": "地质公园管理研讨会",
                  "summary": "本地区地质公园工作人员围绕解说、教育和旅游开展研讨。"}),
    DemoEvent("Forum on Ocean Literacy in the Yellow Sea", K.FORUM, ("SC", "ED"), 150, days=2,
              country="CN", city="Qingdao",
              summary="Scientists, teachers and communicators discuss how to bring the ocean into classrooms.",
              fr={"title": "Forum sur la culture océanique en mer Jaune",
                  "summary": "Scientifiques, enseignants et communicants examinent comment faire entrer "
                             "l’océan dans les salles de classe."},
              zh={"title": "黄海海洋素养论坛", "summary": "科学家、教师和传播工作者探讨如何将海洋带进课堂。"}),
    DemoEvent("Field School on Biodiversity Monitoring in Giant Panda Habitat", K.TRAINING, ("SC",), -400, days=6,
              country="CN", city="Wolong",
              sites=("sichuan-giant-panda-sanctuaries-wolong-mt-siguniang-and-jiajin-mountains",
                     "wolong-biosphere-reserve"),
              summary="Rangers and students practise camera trapping and vegetation surveys.",
              fr={"title": "École de terrain sur le suivi de la biodiversité dans l’habitat du panda géant",
                  "summary": "Gardes et étudiants s’exercent au piégeage photographique et aux relevés de "
                             "végétation."},
              zh={"title": "大熊猫栖息地生物多样性监测野外培训班",
                  "summary": "巡护员和学生练习红外相机监测和植被调查。"}),
    DemoEvent("Open Science Dialogue for North-East Asia", K.FORUM, ("SC",), -15, times=("10:00", "12:30"),
              has_image=False,
              summary="An online dialogue on open access, open data and citizen science.",
              fr={"title": "Dialogue sur la science ouverte pour l’Asie du Nord-Est",
                  "summary": "Un dialogue en ligne sur le libre accès, les données ouvertes et la science "
                             "citoyenne."},
              zh={"title": "东北亚开放科学对话", "summary": "一场关于开放获取、开放数据和公民科学的线上对话。"}),
    DemoEvent("Seminar on Tsunami Preparedness and Disaster Risk Reduction", K.WORKSHOP, ("SC", "ED"), 200, days=2,
              country="JP", city="Sendai",
              summary="Local governments and schools share lessons on early warning and evacuation.",
              fr={"title": "Séminaire sur la préparation aux tsunamis et la réduction des risques de "
                           "catastrophe",
                  "summary": "Collectivités locales et écoles partagent les enseignements tirés en matière "
                             "d’alerte précoce et d’évacuation."},
              zh={"title": "海啸防范与减少灾害风险研讨会",
                  "summary": "地方政府和学校分享预警和疏散方面的经验教训。"}),
    DemoEvent("Biosphere Reserve Management Workshop at Mount Paekdu", K.WORKSHOP, ("SC",), 250, days=3,
              country="KP", city="Samjiyon", sites=("mount-paekdu-biosphere-reserve",),
              summary="Reserve staff work on zoning, monitoring and community participation.",
              fr={"title": "Atelier sur la gestion de la réserve de biosphère au mont Paekdu",
                  "summary": "Le personnel de la réserve travaille sur le zonage, le suivi et la participation "
                             "des communautés."},
              zh={"title": "白头山生物圈保护区管理研讨会",
                  "summary": "保护区工作人员围绕功能分区、监测和社区参与开展工作。"}),
    DemoEvent("International Conference on Water-related Disaster Risk", K.CONFERENCE, ("SC",), 260, days=3,
              country="JP", city="Tsukuba", registration=True,
              summary="Researchers and practitioners present new work on floods, droughts and resilience.",
              fr={"title": "Conférence internationale sur les risques de catastrophes liées à l’eau",
                  "summary": "Chercheurs et praticiens présentent leurs nouveaux travaux sur les inondations, "
                             "les sécheresses et la résilience."},
              zh={"title": "水相关灾害风险国际会议",
                  "summary": "研究人员和从业人员介绍有关洪水、干旱和韧性的最新研究成果。"}),
    DemoEvent("Celebration of Geoparks Week in Itoigawa", K.CELEBRATION, ("SC", "ED"), 70, days=2,
              country="JP", city="Itoigawa", sites=("itoigawa-unesco-global-geopark",),
              summary="Guided walks, talks and school visits celebrate the geopark and its jade.",
              fr={"title": "Célébration de la Semaine des géoparcs à Itoigawa",
                  "summary": "Randonnées guidées, conférences et visites scolaires célèbrent le géoparc et son "
                             "jade."},
              zh={"title": "糸鱼川地质公园周庆祝活动",
                  "summary": "通过导览徒步、讲座和学校参访，庆祝这座地质公园及其翡翠。"}),
    # Social and Human Sciences
    DemoEvent("Regional Consultation on the Ethics of Artificial Intelligence", K.MEETING, ("SHS",), 20, days=2,
              country="KR", city="Seoul", times=("09:30", "17:30"), registration=True,
              summary="Policymakers and experts discuss readiness assessments for ethical AI.",
              fr={"title": "Consultation régionale sur l’éthique de l’intelligence artificielle",
                  "summary": "Décideurs et experts examinent les évaluations de l’état de préparation à une IA "
                             "éthique."},
              zh={"title": "人工智能伦理区域磋商会",
                  "summary": "政策制定者和专家讨论合乎伦理的人工智能准备状态评估。"}),
    DemoEvent("Youth Dialogue on Inclusive Cities", K.FORUM, ("SHS",), 75,
              country="CN", city="Changsha", times=("13:30", "17:00"), status=Event.EventStatus.CANCELLED,
              summary="Young people propose how their cities could include everyone.",
              fr={"title": "Dialogue des jeunes sur les villes inclusives",
                  "summary": "Des jeunes proposent des moyens pour que leurs villes fassent une place à "
                             "chacun."},
              zh={"title": "包容性城市青年对话", "summary": "青年就如何让自己的城市包容每一个人提出建议。"}),
    DemoEvent("Bioethics Training for National Ethics Committees", K.TRAINING, ("SHS",), -260, days=3,
              country="MN", city="Ulaanbaatar",
              summary="Members of ethics committees train in reviewing research involving people.",
              fr={"title": "Formation en bioéthique pour les comités nationaux d’éthique",
                  "summary": "Des membres de comités d’éthique se forment à l’examen des recherches impliquant "
                             "des êtres humains."},
              zh={"title": "国家伦理委员会生物伦理培训班",
                  "summary": "伦理委员会成员接受涉及人的研究审查培训。"}),
    DemoEvent("Sport for Development Youth Festival", K.CELEBRATION, ("SHS",), -30,
              country="JP", city="Osaka", times=("10:00", "16:00"),
              summary="A day of inclusive games and workshops on values through sport.",
              fr={"title": "Festival de la jeunesse sur le sport au service du développement",
                  "summary": "Une journée de jeux inclusifs et d’ateliers sur les valeurs transmises par le "
                             "sport."},
              zh={"title": "体育促进发展青年节",
                  "summary": "为期一天的包容性游戏和工作坊，探讨通过体育传递的价值观。"}),
    DemoEvent("Webinar: Gender Equality in Science and Technology", K.WORKSHOP, ("SHS", "SC"), -60,
              times=("15:00", "16:30"), has_image=False,
              summary="Women researchers talk about careers, barriers and role models.",
              fr={"title": "Webinaire\u00a0: l’égalité des genres dans les sciences et les technologies",
                  "summary": "Des chercheuses évoquent leurs parcours professionnels, les obstacles et les "
                             "modèles à suivre."},
              zh={"title": "网络研讨会：科学技术领域的性别平等",
                  "summary": "女性研究人员畅谈职业发展、障碍与榜样。"}),
    DemoEvent("Inclusive Policy Lab Workshop", K.WORKSHOP, ("SHS",), 110, days=2,
              country="CN", city="Beijing", registration=True, status=Event.EventStatus.MOVED_ONLINE,
              summary="Officials try out tools for checking whether policies leave people behind.",
              fr={"title": "Atelier du Laboratoire des politiques inclusives",
                  "summary": "Des responsables testent des outils permettant de vérifier si les politiques "
                             "laissent des personnes de côté."},
              zh={"title": "包容性政策实验室研讨会",
                  "summary": "政府官员试用各种工具，检验政策是否让一些人掉队。"}),
    DemoEvent("International Conference on Nomadic Heritage and Sustainable Development", K.CONFERENCE,
              ("SHS", "CLT"), -45, days=3, country="MN", city="Ulaanbaatar",
              summary="Scholars and herders discuss the future of mobile pastoralism.",
              fr={"title": "Conférence internationale sur le patrimoine nomade et le développement durable",
                  "summary": "Universitaires et éleveurs débattent de l’avenir du pastoralisme mobile."},
              zh={"title": "游牧遗产与可持续发展国际会议", "summary": "学者和牧民共同探讨移动放牧的未来。"}),
    # Culture
    DemoEvent("Capacity-building Workshop on Community-based Inventorying of Living Heritage", K.WORKSHOP,
              ("CLT",), -120, days=4, country="MN", city="Ulaanbaatar",
              summary="Communities and officials practise documenting their intangible cultural heritage.",
              fr={"title": "Atelier de renforcement des capacités sur l’inventaire du patrimoine vivant fondé "
                           "sur la participation des communautés",
                  "summary": "Communautés et responsables publics s’exercent à documenter leur patrimoine "
                             "culturel immatériel."},
              zh={"title": "以社区为基础的活态遗产清单编制能力建设研讨班",
                  "summary": "社区和政府官员练习记录其非物质文化遗产。"}),
    DemoEvent("World Heritage Site Managers' Forum", K.FORUM, ("CLT",), 40, days=3,
              country="CN", city="Hangzhou", sites=("west-lake-cultural-landscape-of-hangzhou",),
              times=("09:00", "17:30"), registration=True,
              summary="Site managers discuss visitor management, monitoring and local communities.",
              fr={"title": "Forum des gestionnaires de sites du patrimoine mondial",
                  "summary": "Les gestionnaires de sites débattent de la gestion des visiteurs, du suivi et "
                             "des communautés locales."},
              zh={"title": "世界遗产地管理者论坛",
                  "summary": "遗产地管理者围绕游客管理、监测和当地社区展开讨论。"}),
    DemoEvent("Exhibition: The Silk Roads in Photographs", K.EXHIBITION, ("CLT",), -20, days=60,
              country="CN", city="Xi'an", venue="Shaanxi History Museum",
              sites=("silk-roads-the-routes-network-of-changan-tianshan-corridor",),
              summary="Photographs of the cities, caravanserais and landscapes of the Silk Roads.",
              fr={"title": "Exposition\u00a0: les Routes de la soie en photographies",
                  "summary": "Photographies des villes, des caravansérails et des paysages des Routes de la "
                             "soie.",
                  "venue": "Musée d’histoire du Shaanxi"},
              zh={"title": "展览：影像中的丝绸之路",
                  "summary": "展出丝绸之路沿线城市、商队驿站和景观的照片。",
                  "venue": "陕西历史博物馆"}),
    DemoEvent("Training on Heritage Impact Assessment", K.TRAINING, ("CLT",), 130, days=4,
              country="JP", city="Nara", sites=("historic-monuments-of-ancient-nara",),
              summary="Heritage professionals learn to assess the impact of projects on World Heritage.",
              fr={"title": "Formation à l’évaluation d’impact sur le patrimoine",
                  "summary": "Des professionnels du patrimoine apprennent à évaluer l’impact de projets sur le "
                             "patrimoine mondial."},
              zh={"title": "遗产影响评估培训班", "summary": "遗产专业人员学习评估各类项目对世界遗产的影响。"}),
    DemoEvent("Exhibition: Living Heritage of Mongolia", K.EXHIBITION, ("CLT",), 180, days=30,
              country="MN", city="Ulaanbaatar",
              summary="Objects, sound and film on Mongolia's elements of intangible cultural heritage.",
              fr={"title": "Exposition\u00a0: le patrimoine vivant de la Mongolie",
                  "summary": "Objets, sons et films consacrés aux éléments du patrimoine culturel immatériel "
                             "de la Mongolie."},
              zh={"title": "展览：蒙古的活态遗产",
                  "summary": "通过实物、声音和影像展现蒙古的非物质文化遗产项目。"}),
    DemoEvent("Workshop on the Conservation of Koguryo Tomb Murals", K.WORKSHOP, ("CLT",), -500, days=5,
              country="KP", city="Pyongyang", sites=("complex-of-koguryo-tombs",),
              summary="Conservators review the condition of the murals and plan monitoring.",
              fr={"title": "Atelier sur la conservation des peintures murales des tombes de Koguryo",
                  "summary": "Des restaurateurs examinent l’état des peintures murales et planifient leur "
                             "suivi."},
              zh={"title": "高句丽古墓壁画保护研讨会", "summary": "文物保护人员检查壁画状况并规划监测工作。"}),
    DemoEvent("Forum of Creative Cities in North-East Asia", K.FORUM, ("CLT",), -70, days=2,
              country="KR", city="Jeonju",
              summary="Creative cities share how crafts, gastronomy and media arts support development.",
              fr={"title": "Forum des villes créatives d’Asie du Nord-Est",
                  "summary": "Des villes créatives expliquent comment l’artisanat, la gastronomie et les arts "
                             "numériques soutiennent le développement."},
              zh={"title": "东北亚创意城市论坛", "summary": "创意城市分享手工艺、美食和媒体艺术如何助力发展。"}),
    DemoEvent("Heritage Festival in the Orkhon Valley", K.CELEBRATION, ("CLT",), 220, days=2,
              country="MN", city="Kharkhorin", sites=("orkhon-valley-cultural-landscape",),
              summary="Music, horse games and guided visits at the historic capital.",
              fr={"title": "Festival du patrimoine dans la vallée de l’Orkhon",
                  "summary": "Musique, jeux équestres et visites guidées dans la capitale historique."},
              zh={"title": "鄂尔浑河谷遗产节",
                  "summary": "在这座历史都城举办音乐表演、马上竞技和导览参观活动。"}),
    DemoEvent("Conference on Climate Change and World Heritage in East Asia", K.CONFERENCE, ("CLT", "SC"), 330,
              days=2, country="CN", city="Beijing", sites=("the-great-wall", "mount-huangshan"),
              summary="Experts discuss how climate change affects cultural and natural sites.",
              fr={"title": "Conférence sur le changement climatique et le patrimoine mondial en Asie de l’Est",
                  "summary": "Des experts examinent les effets du changement climatique sur les sites "
                             "culturels et naturels."},
              zh={"title": "东亚气候变化与世界遗产会议",
                  "summary": "专家探讨气候变化如何影响文化遗产地和自然遗产地。"}),
    DemoEvent("Seminar on the Conservation of Wooden Architecture", K.WORKSHOP, ("CLT",), 3, days=2,
              country="JP", city="Nara", times=("09:30", "16:30"),
              summary="Carpenters and conservators demonstrate traditional repair techniques.",
              fr={"title": "Séminaire sur la conservation de l’architecture en bois",
                  "summary": "Charpentiers et restaurateurs font la démonstration de techniques "
                             "traditionnelles de réparation."},
              zh={"title": "木结构建筑保护研讨会", "summary": "木匠和文物保护人员现场演示传统修缮技艺。"}),
    # Communication and Information
    DemoEvent("Media and Information Literacy Training for Journalists", K.TRAINING, ("CI",), -180, days=3,
              country="MN", city="Ulaanbaatar",
              summary="Journalists practise verifying information and countering disinformation.",
              fr={"title": "Formation des journalistes à l’éducation aux médias et à l’information",
                  "summary": "Des journalistes s’exercent à vérifier l’information et à contrer la "
                             "désinformation."},
              zh={"title": "记者媒体与信息素养培训班", "summary": "记者练习核实信息和应对虚假信息。"}),
    DemoEvent("Memory of the World Regional Workshop on Documentary Heritage", K.WORKSHOP, ("CI",), 55, days=3,
              country="KR", city="Cheongju", registration=True,
              summary="Archivists and librarians work on preservation plans and nominations.",
              fr={"title": "Atelier régional «\u00a0Mémoire du monde\u00a0» sur le patrimoine documentaire",
                  "summary": "Archivistes et bibliothécaires travaillent à des plans de préservation et à des "
                             "propositions d’inscription."},
              zh={"title": "“世界记忆”文献遗产区域研讨会",
                  "summary": "档案工作者和图书馆员共同研究保护计划和名录提名。"}),
    DemoEvent("Forum on Information Accessibility for Persons with Disabilities", K.FORUM, ("CI", "SHS"), 95,
              days=2, country="CN", city="Beijing",
              summary="Designers, developers and users discuss accessible digital services.",
              fr={"title": "Forum sur l’accessibilité de l’information pour les personnes handicapées",
                  "summary": "Concepteurs, développeurs et utilisateurs débattent de services numériques "
                             "accessibles."},
              zh={"title": "残疾人信息无障碍论坛",
                  "summary": "设计人员、开发人员和用户共同探讨无障碍数字服务。"}),
    DemoEvent("Webinar: Safety of Journalists in the Digital Age", K.WORKSHOP, ("CI",), 5, times=("10:00", "11:30"),
              registration=True, has_image=False,
              summary="Journalists and lawyers discuss online harassment and how to respond.",
              fr={"title": "Webinaire\u00a0: la sécurité des journalistes à l’ère numérique",
                  "summary": "Journalistes et avocats évoquent le harcèlement en ligne et les moyens d’y "
                             "répondre."},
              zh={"title": "网络研讨会：数字时代的记者安全",
                  "summary": "记者和律师探讨网络骚扰问题及应对之策。"}),
    DemoEvent("Exhibition: Audiovisual Archives of North-East Asia", K.EXHIBITION, ("CI", "CLT"), -10, days=30,
              country="JP", city="Tokyo",
              summary="Restored films, radio recordings and photographs from archives in the region.",
              fr={"title": "Exposition\u00a0: les archives audiovisuelles de l’Asie du Nord-Est",
                  "summary": "Films restaurés, enregistrements radiophoniques et photographies issus "
                             "d’archives de la région."},
              zh={"title": "展览：东北亚音像档案",
                  "summary": "展出来自本地区档案馆的修复影片、广播录音和照片。"}),
    DemoEvent("Meeting on Open Educational Resources Policy", K.MEETING, ("CI", "ED"), 300, days=2,
              country="KP", city="Pyongyang",
              summary="Officials discuss policies for openly licensed learning materials.",
              fr={"title": "Réunion sur les politiques en matière de ressources éducatives libres",
                  "summary": "Des responsables examinent des politiques relatives aux supports d’apprentissage "
                             "sous licence ouverte."},
              zh={"title": "开放教育资源政策会议", "summary": "政府官员讨论有关采用开放许可的学习资料的政策。"}),
    DemoEvent("Meeting of UNESCO Chairs in China", K.MEETING, ("ED", "SC", "SHS", "CLT", "CI"), -365, days=2,
              country="CN", city="Shanghai",
              summary="Holders of UNESCO Chairs share their research and plan joint work.",
              fr={"title": "Réunion des chaires UNESCO en Chine",
                  "summary": "Les titulaires de chaires UNESCO présentent leurs recherches et planifient des "
                             "travaux communs."},
              zh={"title": "中国联合国教科文组织教席会议",
                  "summary": "联合国教科文组织教席主持人分享研究成果，并规划合作开展的工作。"}),
    DemoEvent("Workshop on Public Service Broadcasting and Media Pluralism", K.WORKSHOP, ("CI",), -1, days=3,
              country="MN", city="Ulaanbaatar", times=("09:00", "17:00"),
              summary="Broadcasters discuss editorial independence and serving diverse audiences.",
              fr={"title": "Atelier sur la radiodiffusion de service public et le pluralisme des médias",
                  "summary": "Des radiodiffuseurs débattent de l’indépendance éditoriale et de la manière de "
                             "servir des publics divers."},
              zh={"title": "公共广播电视与媒体多元化研讨会",
                  "summary": "广播电视从业者讨论编辑独立以及如何服务多元受众。"}),
    # Drafts and a scheduled announcement: the visibility rules at work.
    DemoEvent("Regional Forum on Youth and Cultural Heritage", K.FORUM, ("CLT", "SHS"), 400, days=2,
              country="KR", city="Gyeongju", visibility=DRAFT,
              summary="Programme to be confirmed.",
              fr={"title": "Forum régional sur la jeunesse et le patrimoine culturel",
                  "summary": "Programme à confirmer."},
              zh={"title": "青年与文化遗产区域论坛", "summary": "议程待定。"}),
    DemoEvent("Workshop on Science Museums and Public Outreach", K.WORKSHOP, ("SC",), 240,
              country="CN", city="Shanghai", visibility=DRAFT, has_image=False,
              summary="Draft: dates and speakers to be confirmed.",
              fr={"title": "Atelier sur les musées de sciences et la sensibilisation du public",
                  "summary": "Projet\u00a0: dates et intervenants à confirmer."},
              zh={"title": "科学博物馆与公众科普研讨会", "summary": "草案：日期和发言人待定。"}),
    DemoEvent("Launch of a Regional Report on the Ethics of Neurotechnology", K.MEETING, ("SHS",), 35,
              country="JP", city="Tokyo", times=("14:00", "16:00"), visibility=SCHEDULED,
              summary="Presentation of a report on neurotechnology and human rights.",
              fr={"title": "Lancement d’un rapport régional sur l’éthique de la neurotechnologie",
                  "summary": "Présentation d’un rapport sur la neurotechnologie et les droits de l’homme."},
              zh={"title": "神经技术伦理区域报告发布会", "summary": "介绍一份关于神经技术与人权的报告。"}),
]
# fmt: on
