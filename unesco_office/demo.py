"""Demo content for a development site: the office's own facts, real designated sites, and
events spread around today, each with a generated placeholder image.

Every record is upserted by its natural key (sector code, ISO alpha-2, official id or slug,
the profile's single row) and written only when a value differs, so loading twice changes
nothing: no new rows, no new files, no new history. Generated events are placed at fixed
offsets from the day the loader runs; on a later day only their dates (and the scheduled
event's publication time) move.

Names and taglines of the office, its sectors and countries come in English, French and
Chinese; World Heritage sites carry their official names on the List. Everything else is
English only and shows in English on the French and Chinese pages.
"""

import datetime
import io
import secrets
import textwrap
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from PIL import Image, ImageColor, ImageDraw, ImageFont

from countries.models import Centre, Country, Site
from events.models import Event
from sectors.models import Sector

from .models import OfficeProfile
from .richtext import RichTextField, sanitize_html

IMAGE_SIZE = (1200, 675)
IMAGE_CREDIT = "Placeholder image © unesco-office demo"
# A fixed publication time, so that reloading never "republishes" anything.
PUBLISHED_AT = datetime.datetime(2024, 1, 1, 9, 0, tzinfo=datetime.UTC)
REGISTRATION_URL = "https://forms.example.org/unesco-office/{slug}/"
ADMIN_URL = "http://127.0.0.1:8000/admin/"  # where `make demo` serves the admin by default

LIVE, DRAFT, SCHEDULED = "live", "draft", "scheduled"


# --------------------------------------------------------------------------------------------
# The office
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Sectors and countries
# --------------------------------------------------------------------------------------------

SECTORS = [
    {
        "code": "ED",
        "name": "Education",
        "name_fr": "Éducation",
        "name_zh_hans": "教育",
        "slug": "education",
        "colour": "#0B5CAD",
        "order": 1,
        "tagline": "Quality learning for every child, young person and adult",
        "tagline_fr": "Un apprentissage de qualité pour chaque enfant, chaque jeune et chaque adulte",
        "tagline_zh_hans": "为每一名儿童、青年和成人提供优质学习",
        "summary": (
            "Education systems that include everyone, from early childhood to adult "
            "learning, and that prepare people for a changing world."
        ),
        "body": (
            "<p>As custodian of Sustainable Development Goal 4, UNESCO helps the five "
            "countries plan, monitor and improve their education systems.</p>"
            "<p>The office's work ranges from teacher training and learning cities to "
            "comprehensive sexuality education and education for sustainable "
            "development.</p>"
        ),
    },
    {
        "code": "SC",
        "name": "Natural Sciences",
        "name_fr": "Sciences exactes et naturelles",
        "name_zh_hans": "自然科学",
        "slug": "natural-sciences",
        "colour": "#1E6B45",
        "order": 2,
        "tagline": "Science, water and living landscapes for a sustainable future",
        "tagline_fr": "La science, l’eau et des paysages vivants pour un avenir durable",
        "tagline_zh_hans": "以科学、水资源和生机勃勃的景观共创可持续未来",
        "summary": (
            "Water security, biodiversity and disaster resilience, built on shared "
            "scientific knowledge and UNESCO's environmental programmes."
        ),
        "body": (
            "<p>Through the Man and the Biosphere Programme, the Intergovernmental "
            "Hydrological Programme and the Global Geoparks, the office links scientists, "
            "site managers and decision-makers across the sub-region.</p>"
        ),
    },
    {
        "code": "SHS",
        "name": "Social and Human Sciences",
        "name_fr": "Sciences sociales et humaines",
        "name_zh_hans": "社会及人文科学",
        "slug": "social-and-human-sciences",
        "colour": "#7A2E86",
        "order": 3,
        "tagline": "Ethics, inclusion and youth for fairer societies",
        "tagline_fr": "Éthique, inclusion et jeunesse pour des sociétés plus justes",
        "tagline_zh_hans": "以伦理、包容和青年力量促进更公平的社会",
        "summary": (
            "Knowledge for inclusive policies, the ethics of science and technology, and a "
            "voice for young people."
        ),
        "body": (
            "<p>The office supports research that informs social policy, helps countries "
            "build their ethics infrastructure for artificial intelligence and other "
            "frontier technologies, and works with young people as partners.</p>"
        ),
    },
    {
        "code": "CLT",
        "name": "Culture",
        "name_fr": "Culture",
        "name_zh_hans": "文化",
        "slug": "culture",
        "colour": "#A63A24",
        "order": 4,
        "tagline": "Heritage and creativity as drivers of sustainable development",
        "tagline_fr": "Le patrimoine et la créativité, moteurs du développement durable",
        "tagline_zh_hans": "以遗产和创意推动可持续发展",
        "summary": (
            "Safeguarding tangible and intangible heritage while cities and economies grow, "
            "and sharing the region's good practice."
        ),
        "body": (
            "<p>The office accompanies the five countries in applying UNESCO's culture "
            "conventions: World Heritage, intangible cultural heritage and the diversity of "
            "cultural expressions.</p>"
        ),
    },
    {
        "code": "CI",
        "name": "Communication and Information",
        "name_fr": "Communication et information",
        "name_zh_hans": "传播与信息",
        "slug": "communication-and-information",
        "colour": "#0D5F6E",
        "order": 5,
        "tagline": "Free flow of ideas and access to information for all",
        "tagline_fr": "La libre circulation des idées et l’accès de tous à l’information",
        "tagline_zh_hans": "促进思想自由交流，让人人获取信息",
        "summary": (
            "Media pluralism, documentary heritage, information accessibility and "
            "inclusive knowledge societies."
        ),
        "body": (
            "<p>Digital technologies have changed how information is produced and shared. "
            "The office supports media and information literacy, accessible information "
            "for persons with disabilities and the preservation of documentary "
            "heritage.</p>"
        ),
    },
]

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


# --------------------------------------------------------------------------------------------
# Designated sites and Category 2 centres
# --------------------------------------------------------------------------------------------

WH = Site.Designation.WORLD_HERITAGE
BR = Site.Designation.BIOSPHERE_RESERVE
GP = Site.Designation.GEOPARK
WH_CATEGORY = {"C": Site.Category.CULTURAL, "N": Site.Category.NATURAL, "M": Site.Category.MIXED}

# (official id, name, countries, year, category, criteria, extension years, lat, lon, ha,
#  featured, summary). Facts as on the World Heritage List.
# fmt: off
WORLD_HERITAGE = [
    ("438", "The Great Wall", "CN", 1987, "C", "(i)(ii)(iii)(iv)(vi)", "", "40.41667", "116.08333", "2151.55", True,
     "Walls, watchtowers and passes built over two millennia to defend China's northern frontier."),
    ("437", "Mount Taishan", "CN", 1987, "M", "(i)(ii)(iii)(iv)(v)(vi)(vii)", "", "36.26667", "117.1", "25000", False,
     "A sacred mountain of imperial pilgrimage whose temples and inscriptions sit in a grand natural setting."),
    ("439", "Imperial Palaces of the Ming and Qing Dynasties in Beijing and Shenyang", "CN", 1987, "C", "(i)(ii)(iii)(iv)", "2004", "41.79416667", "123.4469444", "84.96", False,
     "The Forbidden City in Beijing and the Mukden Palace in Shenyang, seats of imperial power."),
    ("547", "Mount Huangshan", "CN", 1990, "M", "(ii)(vii)(x)", "", "30.145333", "118.155083", "16060", False,
     "Granite peaks, twisted pines and seas of cloud that inspired generations of painters and poets."),
    ("707", "Historic Ensemble of the Potala Palace, Lhasa", "CN", 1994, "C", "(i)(iv)(vi)", "2000, 2001", "29.65792", "91.11717", "60.5", False,
     "The Potala Palace, the Jokhang Temple Monastery and the Norbulingka in Lhasa."),
    ("1213", "Sichuan Giant Panda Sanctuaries - Wolong, Mt Siguniang and Jiajin Mountains", "CN", 2006, "N", "(x)", "", "30.8333333333", "103", "924500", False,
     "Nature reserves and scenic parks that hold a large share of the world's wild giant pandas."),
    ("1334", "West Lake Cultural Landscape of Hangzhou", "CN", 2011, "C", "(ii)(iii)(vi)", "", "30.2375", "120.1408333333", "3322.88", False,
     "A lake framed by hills, causeways, temples and gardens that shaped landscape design across East Asia."),
    ("1714", "Beijing Central Axis: A Building Ensemble Exhibiting the Ideal Order of the Chinese Capital", "CN", 2024, "C", "(iii)(iv)", "", "39.9072222222", "116.3913888889", "589", False,
     "A north-south line of palaces, gates, altars and squares that organises the historic capital."),
    ("1442", "Silk Roads: the Routes Network of Chang'an-Tianshan Corridor", "CN KG KZ", 2014, "C", "(ii)(iii)(v)(vi)", "", "34.3044444444", "108.8572222222", "42668.16", True,
     "Capitals, trading cities, forts and Buddhist sites along a 5,000 km stretch of the Silk Roads."),
    ("870", "Historic Monuments of Ancient Nara", "JP", 1998, "C", "(ii)(iii)(iv)(vi)", "", "34.67555556", "135.8394444", "617", True,
     "Temples, shrines and the excavated imperial palace of Japan's eighth-century capital."),
    ("661", "Himeji-jo", "JP", 1993, "C", "(i)(iv)", "", "34.83333333", "134.7", "107", False,
     "A white-walled castle of the early seventeenth century, the finest surviving in Japan."),
    ("1193", "Shiretoko", "JP", 2005, "N", "(ix)(x)", "", "43.94944", "144.96583", "71100", False,
     "A peninsula where seasonal sea ice feeds one of the richest marine and land ecosystems of the north."),
    ("1593", "Mozu-Furuichi Kofun Group: Mounded Tombs of Ancient Japan", "JP", 2019, "C", "(iii)(iv)", "", "34.5622222222", "135.6094444444", "166.66", False,
     "Keyhole-shaped and other burial mounds of the Kofun period in the Osaka plain."),
    ("1418", "Fujisan, sacred place and source of artistic inspiration", "JP", 2013, "C", "(iii)(vi)", "", "35.3608333333", "138.7275", "20702.1", False,
     "Japan's highest mountain, an object of pilgrimage and a lasting subject of art."),
    ("736", "Seokguram Grotto and Bulguksa Temple", "KR", 1995, "C", "(i)(iv)", "", "35.791498", "129.349029", "", True,
     "A granite grotto with a seated Buddha and the temple complex below it, masterpieces of Silla Buddhist art."),
    ("738", "Jongmyo Shrine", "KR", 1995, "C", "(iv)", "", "37.5747222222", "126.9936111111", "19.4", False,
     "The royal ancestral shrine of the Joseon dynasty, where rites with music and dance are still performed."),
    ("1264", "Jeju Volcanic Island and Lava Tubes", "KR", 2007, "N", "(vii)(viii)", "", "33.4688888889", "126.7202777777", "9521.8", False,
     "A lava-tube system, a tuff cone rising from the sea and the summit of Hallasan."),
    ("1591", "Getbol, Korean Tidal Flats", "KR", 2021, "N", "(x)", "", "34.8288222222", "126.1044444444", "128411", False,
     "Tidal flats on the south-west coast that feed migratory birds along the East Asian-Australasian Flyway."),
    ("1091", "Complex of Koguryo Tombs", "KP", 2004, "C", "(i)(ii)(iii)(iv)", "", "38.86305556", "125.415", "234.73", True,
     "Painted tombs of the Koguryo kingdom, whose murals show daily life, customs and beliefs."),
    ("1278", "Historic Monuments and Sites in Kaesong", "KP", 2013, "C", "(ii)(iii)", "", "37.9816666667", "126.5080555556", "494.2", False,
     "City walls, tombs, a Confucian academy and observatory of the Koryo dynasty's capital."),
    ("1642", "Mount Kumgang – Diamond Mountain from the Sea", "KP", 2025, "M", "(iii)(vii)", "", "38.6602777778", "128.1375", "19827.86", False,
     "Granite peaks, waterfalls and a coast, with Buddhist sites in a landscape revered for centuries."),
    ("1081", "Orkhon Valley Cultural Landscape", "MN", 2004, "C", "(ii)(iii)(iv)", "", "47.479214", "102.678482", "121967", True,
     "Pastureland along the Orkhon River with remains of capitals, including Kharkhorum of the Mongol Empire."),
    ("1440", "Great Burkhan Khaldun Mountain and its surrounding sacred landscape", "MN", 2015, "C", "(iv)(vi)", "", "48.7619777778", "109.0093277778", "443739.2", False,
     "A mountain in the Khentii range associated with mountain worship and with Chinggis Khaan."),
    ("769", "Uvs Nuur Basin", "MN RU", 2003, "N", "(ix)(x)", "", "50.275", "92.71972222", "898063.5", False,
     "A closed basin of a great saline lake, with desert, steppe, taiga and tundra side by side."),
    ("1448", "Landscapes of Dauria", "MN RU", 2017, "N", "(ix)(x)", "", "49.9302222222", "115.4254444444", "912624", False,
     "Steppe and wetlands whose wet and dry cycles sustain rare species and migrating birds."),
]
# fmt: on

# Official French and Chinese names on the World Heritage List, by official id. Where the
# List gives no Chinese name, none is set: Chinese pages show the English one.
# fmt: off
WORLD_HERITAGE_NAMES = {
    "438": ("La Grande Muraille", "长城"),
    "437": ("Mont Taishan", "泰山"),
    "439": ("Palais impériaux des dynasties Ming et Qing à Beijing et à Shenyang", "明清故宫（北京故宫、沈阳故宫）"),
    "547": ("Mont Huangshan", "黄山"),
    "707": ("Ensemble historique du Palais du Potala, Lhasa", "拉萨布达拉宫历史建筑群"),
    "1213": ("Sanctuaires du grand panda du Sichuan - Wolong, Mont Siguniang et Montagnes de Jiajin", "四川大熊猫栖息地"),
    "1334": ("Paysage culturel du lac de l’Ouest de Hangzhou", "杭州西湖文化景观"),
    "1714": ("Axe central de Beijing : un ensemble de constructions représentant l’Ordre idéal de la capitale chinoise", "北京中轴线：中国理想都城秩序的杰作"),
    "1442": ("Routes de la soie : le réseau de routes du corridor de Chang’an-Tian-shan", ""),
    "870": ("Monuments historiques de l'ancienne Nara", "古奈良的历史遗迹"),
    "661": ("Himeji-jo", "姬路城"),
    "1193": ("Shiretoko", "知床半岛"),
    "1593": ("Ensemble de kofun de Mozu-Furuichi : tertres funéraires de l’ancien Japon", "百舌鸟和古市古坟群：古日本墓葬群"),
    "1418": ("Fujisan, lieu sacré et source d'inspiration artistique", ""),
    "736": ("Grotte de Seokguram et temple Bulguksa", "石窟庵和佛国寺"),
    "738": ("Sanctuaire de Jongmyo", "宗庙"),
    "1264": ("Île volcanique et tunnels de lave de Jeju", "济州火山岛和熔岩洞"),
    "1591": ("Getbol, étendues cotidales coréennes", "韩国滩涂"),
    "1091": ("Ensemble des tombes de Koguryo", "高句丽古墓群"),
    "1278": ("Monuments et sites historiques de Kaesong", ""),
    "1642": ("Mont Kumgang – mont du Diamant de la mer", "金刚山——海上钻石山"),
    "1081": ("Paysage culturel de la vallée de l’Orkhon", "鄂尔浑峡谷文化景观"),
    "1440": ("Grande montagne Burkhan Khaldun et son paysage sacré environnant", "布尔罕和乐敦圣山及其周围景观"),
    "769": ("Bassin d’Ubs Nuur", "乌布苏盆地"),
    "1448": ("Paysages de la Dauria", ""),
}
# fmt: on

# (name, country, designation, year designated, latitude, longitude, featured, summary); all
# followed by Natural Sciences. Coordinates: about the centre of the core area, for the maps.
# fmt: off
OTHER_SITES = [
    ("Wolong Biosphere Reserve", "CN", BR, 1979, "31.0", "103.2", True,
     "Mountain forests of western Sichuan and a stronghold of the giant panda."),
    ("Changbaishan Biosphere Reserve", "CN", BR, 1979, "42.1", "128.0", False,
     "Volcanic mountain forests on China's north-eastern border, from broadleaf woods to alpine tundra."),
    ("Xishuangbanna Biosphere Reserve", "CN", BR, 1993, "21.95", "101.2", False,
     "Tropical forests of southern Yunnan, rich in plants, elephants and ethnic cultures."),
    ("Mount Hakusan Biosphere Reserve", "JP", BR, 1980, "36.15", "136.77", False,
     "A sacred volcanic mountain of central Honshu, with beech forests and alpine flora."),
    ("Jeju Island Biosphere Reserve", "KR", BR, 2002, "33.36", "126.53", False,
     "Hallasan, its streams and coastal waters: the island from summit to sea."),
    ("Mount Sorak Biosphere Reserve", "KR", BR, 1982, "38.12", "128.47", False,
     "Granite peaks and mixed forests of the Taebaek mountains."),
    ("Mount Paekdu Biosphere Reserve", "KP", BR, 1989, "41.85", "128.3", False,
     "The volcano and crater lake at the head of the Korean peninsula, with its forests and wildlife."),
    ("Mount Kuwol Biosphere Reserve", "KP", BR, 2004, "38.5", "125.2", False,
     "Mountains of the western coast known for their forests, springs and historic temples."),
    ("Bogd Khan Mountain Biosphere Reserve", "MN", BR, 1996, "47.8", "107.0", True,
     "Forest-steppe mountain beside Ulaanbaatar, protected for centuries as a sacred place."),
    ("Great Gobi Biosphere Reserve", "MN", BR, 1990, "43.5", "97.0", False,
     "Desert and semi-desert home to the wild Bactrian camel and the Gobi bear."),
    ("Huangshan UNESCO Global Geopark", "CN", GP, 2004, "30.13", "118.17", False,
     "Granite landforms shaped by uplift, weathering and glaciation, explained along its trails."),
    ("Zhangjiajie UNESCO Global Geopark", "CN", GP, 2004, "29.32", "110.43", False,
     "Thousands of quartz-sandstone pillars rising from subtropical forest."),
    ("Itoigawa UNESCO Global Geopark", "JP", GP, 2009, "37.04", "137.86", False,
     "Jade, the Fossa Magna and the meeting of two tectonic plates on the Sea of Japan coast."),
    ("Unzen Volcanic Area UNESCO Global Geopark", "JP", GP, 2009, "32.76", "130.29", False,
     "An active volcano and the communities that live with its eruptions."),
    ("Jeju Island UNESCO Global Geopark", "KR", GP, 2010, "33.38", "126.55", True,
     "Volcanic cones, lava tubes and coastal cliffs interpreted for visitors across the island."),
    ("Cheongsong UNESCO Global Geopark", "KR", GP, 2017, "36.43", "129.06", False,
     "Orbicular granite, ice valleys and waterfalls in the mountains of North Gyeongsang."),
]
# fmt: on

# (acronym, name, country, sector, city, year, website, summary)
# fmt: off
CENTRES = [
    ("WHITRAP", "World Heritage Institute of Training and Research for the Asia and the Pacific Region", "CN", "CLT", "Shanghai", 2007, "",
     "Training and research for World Heritage site managers across Asia and the Pacific."),
    ("CRIHAP", "International Training Centre for Intangible Cultural Heritage in the Asia-Pacific Region", "CN", "CLT", "Beijing", 2012, "",
     "Training for those who safeguard living heritage, from communities to ministries."),
    ("INRULED", "International Research and Training Centre for Rural Education", "CN", "ED", "Beijing", 2008, "",
     "Research and training on education in rural areas."),
    ("IRTCES", "International Research and Training Centre on Erosion and Sedimentation", "CN", "SC", "Beijing", 1984, "",
     "Research, training and exchange on soil erosion and river sediment."),
    ("IRCI", "International Research Centre for Intangible Cultural Heritage in the Asia-Pacific Region", "JP", "CLT", "Sakai", 2011, "",
     "Research that supports the safeguarding of intangible cultural heritage."),
    ("ICHARM", "International Centre for Water Hazard and Risk Management", "JP", "SC", "Tsukuba", 2006, "",
     "Research, training and networking to reduce floods, droughts and other water-related disasters."),
    ("APCEIU", "Asia-Pacific Centre of Education for International Understanding", "KR", "ED", "Seoul", 2000, "https://www.unescoapceiu.org/",
     "Global citizenship education and education for international understanding."),
    ("ICHCAP", "International Information and Networking Centre for Intangible Cultural Heritage in the Asia-Pacific Region", "KR", "CLT", "Jeonju", 2011, "https://www.unesco-ichcap.org/",
     "Information and networking for living heritage across the Asia-Pacific region."),
    ("ICDH", "International Centre for Documentary Heritage", "KR", "CI", "Cheongju", 2020, "",
     "Support for the Memory of the World Programme and the care of documentary heritage."),
    ("IISNC", "International Institute for the Study of Nomadic Civilizations", "MN", "SHS", "Ulaanbaatar", 1998, "https://unesco-iisnc.org/",
     "Research and dialogue on nomadic cultures, societies and ways of life."),
]
# fmt: on


# --------------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------------


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
        start = self.start if isinstance(self.start, datetime.date) else today + _days(self.start)
        return start, start + _days(self.days - 1)

    def previous_dates(self, today):
        if not self.moved_by:
            return None, None
        return tuple(day - _days(self.moved_by) for day in self.dates(today))


def _days(n):
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


# --------------------------------------------------------------------------------------------
# Placeholder images
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placeholder:
    title: str
    subtitle: str
    colour: str

    @property
    def alt(self):
        return f"Placeholder graphic: the words “{self.title}” on a coloured background"[:250]


def _font(size):
    return ImageFont.load_default(size=size)


def _wrap(draw, text, font, width):
    """Split `text` into lines no wider than `width` pixels."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def placeholder_image(*, placeholder: Placeholder, size: tuple[int, int]) -> bytes:
    """A JPEG banner: the record's colour fading to a darker shade, its name in large text.

    The same placeholder and size always give the same bytes.
    """
    width, height = size
    colour = ImageColor.getrgb(placeholder.colour)
    dark = tuple(channel // 3 for channel in colour)
    mask = Image.linear_gradient("L").resize((width, height))
    image = Image.composite(Image.new("RGB", size, dark), Image.new("RGB", size, colour), mask)
    draw = ImageDraw.Draw(image)
    margin = width // 20
    # Cards show images at 3:2 (static/css/site.css), cutting the sides of a wider banner:
    # the words stay inside the part they show.
    side = margin + max(0, (width - height * 3 // 2) // 2)
    text_width = width - 2 * side
    size_px = max(height // 9, 8)
    while True:
        font = _font(size_px)
        lines = _wrap(draw, placeholder.title, font, text_width)
        if len(lines) <= 3 or size_px <= 8:
            break
        size_px = int(size_px * 0.85)
    small = _font(max(height // 22, 6))
    line_height = int(size_px * 1.2)
    y = height - margin - line_height * len(lines)
    draw.text((side, margin), placeholder.subtitle, font=small, fill="white")
    for line in lines[:4]:
        draw.text((side, y), line, font=font, fill="white")
        y += line_height
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=85)
    return output.getvalue()


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


class Tally:
    """Created / updated / unchanged counts per model, in the order models were seen."""

    def __init__(self):
        self.counts: dict[str, Counter] = {}

    @staticmethod
    def label(model):
        return str(model._meta.verbose_name_plural).capitalize()

    def add(self, model, outcome):
        self.counts.setdefault(self.label(model), Counter())[outcome] += 1

    def line(self, label):
        c = self.counts.get(label, Counter())
        return (
            f"{label}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
        )

    def lines(self):
        return [self.line(label) for label in self.counts]


def _prepare(model, values):
    """Values as the database will hand them back, keyed by attribute name.

    A translated field's plain name ("name") means its English column: the plain attribute
    would follow whichever language happens to be active. Other languages are named
    explicitly ("name_fr", "name_zh_hans").
    """
    translated = translator.get_options_for_model(model).all_fields
    prepared = {}
    for name, value in values.items():
        if name in translated:
            name = build_localized_fieldname(name, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
        field = model._meta.get_field(name)
        if isinstance(field, RichTextField):
            value = sanitize_html(value)
        elif isinstance(field, models.ForeignKey):
            value = value.pk if value is not None else None
        prepared[field.attname] = value
    return prepared


def _upsert(model, *, lookup, values, tally, m2m=None, placeholder=None, image_size=IMAGE_SIZE):
    """Create or update one record; write it only when something differs."""
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    changed = False
    for attname, value in _prepare(model, values).items():
        if created or getattr(obj, attname) != value:
            setattr(obj, attname, value)
            changed = True
    # An image that is already there (generated earlier or uploaded by staff) is kept.
    new_image = placeholder is not None and not obj.image
    if new_image:
        obj.image = ContentFile(
            placeholder_image(placeholder=placeholder, size=image_size),
            name=f"{slugify(placeholder.title)[:60] or 'placeholder'}.jpg",
        )
        obj.image_alt = placeholder.alt
        obj.image_credit = IMAGE_CREDIT
        changed = True
    if changed:
        # Cleaning a stored image would re-read the file from storage to measure it again.
        obj.full_clean(exclude=None if new_image or created else ["image"])
        obj.save()
    for name, targets in (m2m or {}).items():
        manager = getattr(obj, name)
        wanted = {target.pk for target in targets}
        if created or set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(targets)
            changed = True
    tally.add(model, "created" if created else "updated" if changed else "unchanged")
    return obj


def _decimal_or_none(value, places):
    return Decimal(value).quantize(Decimal(1).scaleb(-places)) if value else None


def _publishing(visibility, *, today, published_at=PUBLISHED_AT):
    if visibility == DRAFT:
        return {"status": Event.Status.DRAFT, "published_at": None}
    if visibility == SCHEDULED:
        at = datetime.datetime.combine(today + _days(3), datetime.time(8, 0), tzinfo=datetime.UTC)
        return {"status": Event.Status.PUBLISHED, "published_at": at}
    return {"status": Event.Status.PUBLISHED, "published_at": published_at}


def load_demo_data(
    *,
    today: datetime.date | None = None,
    image_size: tuple[int, int] | None = None,
    progress: Callable[[str], object] | None = None,
) -> Tally:
    """Upsert the whole demo data set in one transaction and one revision.

    `today` anchors the generated events (default: the local date); `image_size` is the size
    of newly generated placeholders (default: IMAGE_SIZE); `progress` receives each model's
    summary line as soon as that model is done.
    """
    today = today or timezone.localdate()
    image_size = image_size or IMAGE_SIZE
    tally = Tally()
    published = {"status": Sector.Status.PUBLISHED, "published_at": PUBLISHED_AT}

    def upsert(model, **kwargs):
        return _upsert(model, tally=tally, image_size=image_size, **kwargs)

    def done(model):
        if progress is not None:
            progress(tally.line(tally.label(model)))

    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment("Demo data")

        upsert(OfficeProfile, lookup={"pk": 1}, values=OFFICE)
        done(OfficeProfile)

        sectors = {}
        for spec in SECTORS:
            fields = {k: v for k, v in spec.items() if k != "code"}
            sectors[spec["code"]] = upsert(
                Sector,
                lookup={"code": spec["code"]},
                values={**fields, **published},
                placeholder=Placeholder(spec["name"], "UNESCO programme sector", spec["colour"]),
            )
        done(Sector)

        countries = {}
        for spec in COUNTRIES:
            fields = {k: v for k, v in spec.items() if k not in {"iso2", "colour"}}
            covered = spec["iso2"] in COVERED
            countries[spec["iso2"]] = upsert(
                Country,
                lookup={"iso2": spec["iso2"]},
                values={**fields, "is_covered": covered, **published},
                placeholder=Placeholder(
                    spec["name"],
                    "Country covered by the office" if covered else "Partner country",
                    spec["colour"],
                ),
            )
        done(Country)

        sites = {}
        for (official_id, name, isos, year, category, criteria, extensions,
             lat, lon, area, featured, summary) in WORLD_HERITAGE:  # fmt: skip
            sector = sectors["SC" if category == "N" else "CLT"]
            slug = slugify(name)[:200]
            name_fr, name_zh = WORLD_HERITAGE_NAMES.get(official_id, ("", ""))
            translated_names = {
                field: value
                for field, value in [("name_fr", name_fr), ("name_zh_hans", name_zh)]
                if value
            }
            sites[slug] = upsert(
                Site,
                lookup={"designation": WH, "official_id": official_id},
                values={
                    "name": name,
                    **translated_names,
                    "slug": slug,
                    "sector": sector,
                    "wh_category": WH_CATEGORY[category],
                    "criteria": criteria,
                    "year_designated": year,
                    "extension_years": extensions,
                    "is_in_danger": False,
                    "in_danger_since": None,
                    "latitude": _decimal_or_none(lat, 6),
                    "longitude": _decimal_or_none(lon, 6),
                    "area_ha": _decimal_or_none(area, 2),
                    "official_url": f"https://whc.unesco.org/en/list/{official_id}/",
                    "summary": summary,
                    "is_featured": featured,
                    **published,
                },
                m2m={"countries": [countries[iso] for iso in isos.split()]},
                placeholder=Placeholder(name, "World Heritage site", sector.colour),
            )
        for name, iso, designation, year, lat, lon, featured, summary in OTHER_SITES:
            sector = sectors["SC"]
            label = Site.Designation(designation).label
            slug = slugify(name)[:200]
            sites[slug] = upsert(
                Site,
                lookup={"slug": slug},
                values={
                    "name": name,
                    "designation": designation,
                    "sector": sector,
                    "year_designated": year,
                    "latitude": _decimal_or_none(lat, 6),
                    "longitude": _decimal_or_none(lon, 6),
                    "summary": summary,
                    "is_featured": featured,
                    **published,
                },
                m2m={"countries": [countries[iso]]},
                placeholder=Placeholder(name, str(label), sector.colour),
            )
        done(Site)

        for acronym, name, iso, code, city, year, website, summary in CENTRES:
            sector = sectors[code]
            upsert(
                Centre,
                lookup={"slug": slugify(acronym)},
                values={
                    "name": name,
                    "acronym": acronym,
                    "country": countries[iso],
                    "sector": sector,
                    "city": city,
                    "year_established": year,
                    "website": website,
                    "summary": summary,
                    **published,
                },
                placeholder=Placeholder(name, f"Category 2 centre · {acronym}", sector.colour),
            )
        done(Centre)

        for event in [*SEED_EVENTS, *GENERATED_EVENTS]:
            start, end = event.dates(today)
            previous_start, previous_end = event.previous_dates(today)
            start_time, end_time = (
                (datetime.time.fromisoformat(t) for t in event.times)
                if event.times
                else (None, None)
            )
            country = countries[event.country] if event.country else None
            event_sectors = [sectors[code] for code in event.sectors]
            if isinstance(event.start, datetime.date):
                first_published = datetime.datetime.combine(
                    start - _days(21), datetime.time(9, 0), tzinfo=datetime.UTC
                )
            else:
                first_published = PUBLISHED_AT
            lat, lon = CITY_COORDINATES.get(event.city, ("", ""))
            upsert(
                Event,
                lookup={"slug": event.slug},
                values={
                    "title": event.title,
                    "kind": event.kind,
                    "start_date": start,
                    "end_date": end,
                    "start_time": start_time,
                    "end_time": end_time,
                    # Online events give their times in the office's own time zone.
                    "time_zone": "" if country else "Asia/Shanghai",
                    "is_online": country is None,
                    "country": country,
                    "city": event.city,
                    "venue": event.venue if country else "Online",
                    "latitude": _decimal_or_none(lat, 6),
                    "longitude": _decimal_or_none(lon, 6),
                    "summary": event.summary,
                    "registration_url": (
                        REGISTRATION_URL.format(slug=event.slug) if event.registration else ""
                    ),
                    "event_status": event.status,
                    "previous_start_date": previous_start,
                    "previous_end_date": previous_end,
                    **_publishing(event.visibility, today=today, published_at=first_published),
                },
                m2m={
                    "sectors": event_sectors,
                    "sites": [sites[slug] for slug in event.sites],
                },
                placeholder=(
                    Placeholder(
                        event.title, str(Event.Kind(event.kind).label), event_sectors[0].colour
                    )
                    if event.has_image
                    else None
                ),
            )
        done(Event)
    return tally


# --------------------------------------------------------------------------------------------
# A login for the demo site
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str | None  # None when the login already existed


def create_demo_login(*, username: str = "admin") -> DemoLogin:
    """A superuser with a fresh random password; an existing user is left untouched."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        return DemoLogin(username=username, password=None)
    password = secrets.token_urlsafe(24)  # 32 characters
    User.objects.create_superuser(username=username, email="", password=password)
    return DemoLogin(username=username, password=password)


def login_instructions(login: DemoLogin, *, admin_url: str = ADMIN_URL) -> str:
    if login.password is None:
        return textwrap.dedent(
            f"""\
            The login “{login.username}” already exists; nothing was changed.
            To set a new password, run: manage.py changepassword {login.username}"""
        )
    return textwrap.dedent(
        f"""\
        Created the superuser “{login.username}”. This password is shown only once:

            URL:      {admin_url}
            Username: {login.username}
            Password: {login.password}

        To change it later, run: manage.py changepassword {login.username}"""
    )
