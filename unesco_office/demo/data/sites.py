"""Designated sites: World Heritage sites as on the List, Biosphere Reserves and Global
Geoparks."""

from countries.models import Site

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
