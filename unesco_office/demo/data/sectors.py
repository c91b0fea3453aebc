"""UNESCO's five programme sectors, as the office presents them."""

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
