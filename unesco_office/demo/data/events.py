"""The office's own events (with their real dates and places) and further events placed
around the day the loader runs."""

import datetime
from dataclasses import dataclass

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
                      "collections alive."),
    DemoEvent("7th International Conference on Theory and Practice of Electronic Governance (ICEGOV2013)",
              K.CONFERENCE, ("CI",), D(2013, 10, 22), days=4, country="KR", city="Seoul",
              summary="Researchers, officials and practitioners compare how digital government "
                      "can serve citizens better."),
    DemoEvent("International Conference on Learning Cities",
              K.CONFERENCE, ("ED",), D(2013, 10, 21), days=3, country="CN", city="Beijing",
              summary="Mayors, education experts and city planners discuss how a city can offer "
                      "learning to people of every age."),
    DemoEvent("CONFINTEA VI Regional Follow-up Meeting in Asia and the Pacific",
              K.MEETING, ("ED",), D(2013, 10, 18), days=2, country="KR", city="Jecheon City",
              summary="Countries of the region take stock of adult learning and education since "
                      "the Sixth International Conference on Adult Education."),
    DemoEvent("9th China Information Accessibility Forum",
              K.FORUM, ("CI",), D(2013, 10, 15), days=2, country="CN", city="Beijing",
              summary="Government, industry and organisations of persons with disabilities look "
                      "at how websites, media and digital services can work for everyone."),
    DemoEvent("“Flying Dreams and Sailing with Love”: CSE Summer Study for Primary School Pupils",
              K.TRAINING, ("ED",), D(2022, 7, 21), days=5, country="CN", city="Hangzhou",
              summary="Primary school pupils in Hangzhou spend a summer week on age-appropriate "
                      "comprehensive sexuality education (CSE) activities."),
    DemoEvent("2023 International Youth Forum on Creativity and Heritage along the Silk Roads",
              K.FORUM, ("SHS", "CLT"), D(2023, 6, 26), days=5, country="CN", city="Nanjing",
              summary="Young people from countries along the land and maritime Silk Roads meet in "
                      "Changsha and Nanjing to talk about heritage, creativity and cultural "
                      "diversity."),
    DemoEvent("“Reversing the Future”: Theatre for the International Day of Persons with Disabilities 2023",
              K.CELEBRATION, ("CI", "SHS"), D(2023, 12, 3), country="CN", city="Beijing",
              summary="A theatre performance by actors with and without disabilities marks the "
                      "International Day of Persons with Disabilities."),
]

# Further events at fixed offsets from today: past and upcoming, every country, sector and kind.
GENERATED_EVENTS = [
    # Education
    DemoEvent("Sub-regional Consultation on SDG 4 Monitoring in North-East Asia", K.MEETING, ("ED",), -320, days=2,
              country="CN", city="Beijing", venue="UNESCO Beijing Office", times=("09:00", "17:30"),
              summary="Education ministries compare how they measure progress towards SDG 4."),
    DemoEvent("Teacher Training on Education for Sustainable Development", K.TRAINING, ("ED", "SC"), -150, days=3,
              country="MN", city="Ulaanbaatar", venue="Mongolian National University of Education",
              summary="Secondary school teachers try out lesson plans on climate, water and biodiversity."),
    DemoEvent("Webinar: Digital Learning for Rural Schools", K.WORKSHOP, ("ED", "CI"), 12, times=("14:00", "15:30"),
              registration=True, has_image=False,
              summary="Practitioners share what works when connectivity and devices are scarce."),
    DemoEvent("Launch of a Regional Review on Early Childhood Care and Education", K.MEETING, ("ED",), 45,
              country="JP", city="Tokyo", times=("10:00", "12:00"), registration=True,
              summary="Presentation of a review of early childhood policies in the five countries."),
    DemoEvent("Learning Cities Network Meeting for North-East Asia", K.MEETING, ("ED",), 90, days=2,
              country="KR", city="Incheon", status=Event.EventStatus.RESCHEDULED, moved_by=21,
              summary="Member cities exchange practices on lifelong learning for all."),
    DemoEvent("Comprehensive Sexuality Education: Training of Trainers", K.TRAINING, ("ED",), -40, days=4,
              country="CN", city="Kunming",
              summary="Teacher educators prepare to train colleagues in age-appropriate sexuality education."),
    DemoEvent("Science Teaching Materials Workshop for Secondary Schools", K.WORKSHOP, ("ED", "SC"), -330, days=3,
              country="KP", city="Pyongyang",
              summary="Teachers and curriculum developers review new science teaching materials."),
    DemoEvent("Asia-Pacific Conference on Global Citizenship Education", K.CONFERENCE, ("ED",), 160, days=3,
              country="KR", city="Seoul", times=("09:00", "18:00"), registration=True,
              summary="Educators and researchers discuss teaching for peace, respect and solidarity."),
    DemoEvent("Youth Conference on Education for Sustainable Development", K.CONFERENCE, ("ED",), -200, days=2,
              country="JP", city="Okayama",
              summary="Secondary and university students present their local sustainability projects."),
    # Natural Sciences
    DemoEvent("East Asian Biosphere Reserve Network Meeting", K.MEETING, ("SC",), 60, days=4,
              country="MN", city="Ulaanbaatar", sites=("bogd-khan-mountain-biosphere-reserve",),
              summary="Managers of biosphere reserves share experience on sustainable livelihoods."),
    DemoEvent("Workshop on Groundwater Management in the Gobi", K.WORKSHOP, ("SC",), -220, days=2,
              country="MN", city="Dalanzadgad",
              summary="Hydrologists and herders look at how to share scarce groundwater."),
    DemoEvent("Hydrology Training for Young Water Scientists", K.TRAINING, ("SC",), -90, days=5,
              country="CN", city="Beijing", times=("09:00", "17:00"),
              summary="Early-career researchers train in sediment and flood modelling."),
    DemoEvent("Geopark Management Workshop", K.WORKSHOP, ("SC",), 30, days=3,
              country="KR", city="Jeju", sites=("jeju-island-unesco-global-geopark",), registration=True,
              summary="Geopark staff from the region work on interpretation, education and tourism."),
    DemoEvent("Forum on Ocean Literacy in the Yellow Sea", K.FORUM, ("SC", "ED"), 150, days=2,
              country="CN", city="Qingdao",
              summary="Scientists, teachers and communicators discuss how to bring the ocean into classrooms."),
    DemoEvent("Field School on Biodiversity Monitoring in Giant Panda Habitat", K.TRAINING, ("SC",), -400, days=6,
              country="CN", city="Wolong",
              sites=("sichuan-giant-panda-sanctuaries-wolong-mt-siguniang-and-jiajin-mountains",
                     "wolong-biosphere-reserve"),
              summary="Rangers and students practise camera trapping and vegetation surveys."),
    DemoEvent("Open Science Dialogue for North-East Asia", K.FORUM, ("SC",), -15, times=("10:00", "12:30"),
              has_image=False,
              summary="An online dialogue on open access, open data and citizen science."),
    DemoEvent("Seminar on Tsunami Preparedness and Disaster Risk Reduction", K.WORKSHOP, ("SC", "ED"), 200, days=2,
              country="JP", city="Sendai",
              summary="Local governments and schools share lessons on early warning and evacuation."),
    DemoEvent("Biosphere Reserve Management Workshop at Mount Paekdu", K.WORKSHOP, ("SC",), 250, days=3,
              country="KP", city="Samjiyon", sites=("mount-paekdu-biosphere-reserve",),
              summary="Reserve staff work on zoning, monitoring and community participation."),
    DemoEvent("International Conference on Water-related Disaster Risk", K.CONFERENCE, ("SC",), 260, days=3,
              country="JP", city="Tsukuba", registration=True,
              summary="Researchers and practitioners present new work on floods, droughts and resilience."),
    DemoEvent("Celebration of Geoparks Week in Itoigawa", K.CELEBRATION, ("SC", "ED"), 70, days=2,
              country="JP", city="Itoigawa", sites=("itoigawa-unesco-global-geopark",),
              summary="Guided walks, talks and school visits celebrate the geopark and its jade."),
    # Social and Human Sciences
    DemoEvent("Regional Consultation on the Ethics of Artificial Intelligence", K.MEETING, ("SHS",), 20, days=2,
              country="KR", city="Seoul", times=("09:30", "17:30"), registration=True,
              summary="Policymakers and experts discuss readiness assessments for ethical AI."),
    DemoEvent("Youth Dialogue on Inclusive Cities", K.FORUM, ("SHS",), 75,
              country="CN", city="Changsha", times=("13:30", "17:00"), status=Event.EventStatus.CANCELLED,
              summary="Young people propose how their cities could include everyone."),
    DemoEvent("Bioethics Training for National Ethics Committees", K.TRAINING, ("SHS",), -260, days=3,
              country="MN", city="Ulaanbaatar",
              summary="Members of ethics committees train in reviewing research involving people."),
    DemoEvent("Sport for Development Youth Festival", K.CELEBRATION, ("SHS",), -30,
              country="JP", city="Osaka", times=("10:00", "16:00"),
              summary="A day of inclusive games and workshops on values through sport."),
    DemoEvent("Webinar: Gender Equality in Science and Technology", K.WORKSHOP, ("SHS", "SC"), -60,
              times=("15:00", "16:30"), has_image=False,
              summary="Women researchers talk about careers, barriers and role models."),
    DemoEvent("Inclusive Policy Lab Workshop", K.WORKSHOP, ("SHS",), 110, days=2,
              country="CN", city="Beijing", registration=True, status=Event.EventStatus.MOVED_ONLINE,
              summary="Officials try out tools for checking whether policies leave people behind."),
    DemoEvent("International Conference on Nomadic Heritage and Sustainable Development", K.CONFERENCE,
              ("SHS", "CLT"), -45, days=3, country="MN", city="Ulaanbaatar",
              summary="Scholars and herders discuss the future of mobile pastoralism."),
    # Culture
    DemoEvent("Capacity-building Workshop on Community-based Inventorying of Living Heritage", K.WORKSHOP,
              ("CLT",), -120, days=4, country="MN", city="Ulaanbaatar",
              summary="Communities and officials practise documenting their intangible cultural heritage."),
    DemoEvent("World Heritage Site Managers' Forum", K.FORUM, ("CLT",), 40, days=3,
              country="CN", city="Hangzhou", sites=("west-lake-cultural-landscape-of-hangzhou",),
              times=("09:00", "17:30"), registration=True,
              summary="Site managers discuss visitor management, monitoring and local communities."),
    DemoEvent("Exhibition: The Silk Roads in Photographs", K.EXHIBITION, ("CLT",), -20, days=60,
              country="CN", city="Xi'an", venue="Shaanxi History Museum",
              sites=("silk-roads-the-routes-network-of-changan-tianshan-corridor",),
              summary="Photographs of the cities, caravanserais and landscapes of the Silk Roads."),
    DemoEvent("Training on Heritage Impact Assessment", K.TRAINING, ("CLT",), 130, days=4,
              country="JP", city="Nara", sites=("historic-monuments-of-ancient-nara",),
              summary="Heritage professionals learn to assess the impact of projects on World Heritage."),
    DemoEvent("Exhibition: Living Heritage of Mongolia", K.EXHIBITION, ("CLT",), 180, days=30,
              country="MN", city="Ulaanbaatar",
              summary="Objects, sound and film on Mongolia's elements of intangible cultural heritage."),
    DemoEvent("Workshop on the Conservation of Koguryo Tomb Murals", K.WORKSHOP, ("CLT",), -500, days=5,
              country="KP", city="Pyongyang", sites=("complex-of-koguryo-tombs",),
              summary="Conservators review the condition of the murals and plan monitoring."),
    DemoEvent("Forum of Creative Cities in North-East Asia", K.FORUM, ("CLT",), -70, days=2,
              country="KR", city="Jeonju",
              summary="Creative cities share how crafts, gastronomy and media arts support development."),
    DemoEvent("Heritage Festival in the Orkhon Valley", K.CELEBRATION, ("CLT",), 220, days=2,
              country="MN", city="Kharkhorin", sites=("orkhon-valley-cultural-landscape",),
              summary="Music, horse games and guided visits at the historic capital."),
    DemoEvent("Conference on Climate Change and World Heritage in East Asia", K.CONFERENCE, ("CLT", "SC"), 330,
              days=2, country="CN", city="Beijing", sites=("the-great-wall", "mount-huangshan"),
              summary="Experts discuss how climate change affects cultural and natural sites."),
    DemoEvent("Seminar on the Conservation of Wooden Architecture", K.WORKSHOP, ("CLT",), 3, days=2,
              country="JP", city="Nara", times=("09:30", "16:30"),
              summary="Carpenters and conservators demonstrate traditional repair techniques."),
    # Communication and Information
    DemoEvent("Media and Information Literacy Training for Journalists", K.TRAINING, ("CI",), -180, days=3,
              country="MN", city="Ulaanbaatar",
              summary="Journalists practise verifying information and countering disinformation."),
    DemoEvent("Memory of the World Regional Workshop on Documentary Heritage", K.WORKSHOP, ("CI",), 55, days=3,
              country="KR", city="Cheongju", registration=True,
              summary="Archivists and librarians work on preservation plans and nominations."),
    DemoEvent("Forum on Information Accessibility for Persons with Disabilities", K.FORUM, ("CI", "SHS"), 95,
              days=2, country="CN", city="Beijing",
              summary="Designers, developers and users discuss accessible digital services."),
    DemoEvent("Webinar: Safety of Journalists in the Digital Age", K.WORKSHOP, ("CI",), 5, times=("10:00", "11:30"),
              registration=True, has_image=False,
              summary="Journalists and lawyers discuss online harassment and how to respond."),
    DemoEvent("Exhibition: Audiovisual Archives of North-East Asia", K.EXHIBITION, ("CI", "CLT"), -10, days=30,
              country="JP", city="Tokyo",
              summary="Restored films, radio recordings and photographs from archives in the region."),
    DemoEvent("Meeting on Open Educational Resources Policy", K.MEETING, ("CI", "ED"), 300, days=2,
              country="KP", city="Pyongyang",
              summary="Officials discuss policies for openly licensed learning materials."),
    DemoEvent("Meeting of UNESCO Chairs in China", K.MEETING, ("ED", "SC", "SHS", "CLT", "CI"), -365, days=2,
              country="CN", city="Shanghai",
              summary="Holders of UNESCO Chairs share their research and plan joint work."),
    DemoEvent("Workshop on Public Service Broadcasting and Media Pluralism", K.WORKSHOP, ("CI",), -1, days=3,
              country="MN", city="Ulaanbaatar", times=("09:00", "17:00"),
              summary="Broadcasters discuss editorial independence and serving diverse audiences."),
    # Drafts and a scheduled announcement: the visibility rules at work.
    DemoEvent("Regional Forum on Youth and Cultural Heritage", K.FORUM, ("CLT", "SHS"), 400, days=2,
              country="KR", city="Gyeongju", visibility=DRAFT,
              summary="Programme to be confirmed."),
    DemoEvent("Workshop on Science Museums and Public Outreach", K.WORKSHOP, ("SC",), 240,
              country="CN", city="Shanghai", visibility=DRAFT, has_image=False,
              summary="Draft: dates and speakers to be confirmed."),
    DemoEvent("Launch of a Regional Report on the Ethics of Neurotechnology", K.MEETING, ("SHS",), 35,
              country="JP", city="Tokyo", times=("14:00", "16:00"), visibility=SCHEDULED,
              summary="Presentation of a report on neurotechnology and human rights."),
]
# fmt: on
