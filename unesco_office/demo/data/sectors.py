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
        "summary_fr": (
            "Des systèmes éducatifs qui n’excluent personne, de la petite enfance à "
            "l’apprentissage des adultes, et qui préparent chacun à un monde en mutation."
        ),
        "summary_zh_hans": (
            "建设惠及每一个人的教育体系，涵盖从幼儿期到成人学习的各个阶段，"
            "帮助人们为不断变化的世界做好准备。"
        ),
        "body": (
            "<p>As custodian of Sustainable Development Goal 4, UNESCO helps the five "
            "countries plan, monitor and improve their education systems.</p>"
            "<p>The office's work ranges from teacher training and learning cities to "
            "comprehensive sexuality education and education for sustainable "
            "development.</p>"
        ),
        "body_fr": (
            "<p>En tant qu’institution garante de l’objectif de développement durable 4, "
            "l’UNESCO aide les cinq pays à planifier, suivre et améliorer leurs systèmes "
            "éducatifs.</p>"
            "<p>Les activités du Bureau vont de la formation des enseignants et des villes "
            "apprenantes à l’éducation complète à la sexualité et à l’éducation en vue du "
            "développement durable.</p>"
        ),
        "body_zh_hans": (
            "<p>作为可持续发展目标4的牵头机构，联合国教科文组织帮助五国规划、监测和改进"
            "其教育体系。</p>"
            "<p>办事处的工作范围广泛，从教师培训、学习型城市到全面性教育和可持续发展"
            "教育。</p>"
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
        "summary_fr": (
            "La sécurité de l’eau, la biodiversité et la résilience face aux catastrophes, "
            "fondées sur des connaissances scientifiques partagées et sur les programmes "
            "environnementaux de l’UNESCO."
        ),
        "summary_zh_hans": (
            "依托共享的科学知识和联合国教科文组织的环境计划，促进水安全、生物多样性和抗灾韧性。"
        ),
        "body": (
            "<p>Through the Man and the Biosphere Programme, the Intergovernmental "
            "Hydrological Programme and the Global Geoparks, the office links scientists, "
            "site managers and decision-makers across the sub-region.</p>"
        ),
        "body_fr": (
            "<p>Par le biais du Programme sur l’Homme et la biosphère, du Programme "
            "hydrologique intergouvernemental et des géoparcs mondiaux UNESCO, le Bureau "
            "met en relation scientifiques, gestionnaires de sites et décideurs dans toute "
            "la sous-région.</p>"
        ),
        "body_zh_hans": (
            "<p>办事处通过人与生物圈计划、政府间水文计划和联合国教科文组织世界地质公园，"
            "将整个次区域的科学家、保护地管理者和决策者联系起来。</p>"
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
        "summary_fr": (
            "Des connaissances au service de politiques inclusives, l’éthique des sciences "
            "et des technologies, et une voix pour les jeunes."
        ),
        "summary_zh_hans": "为包容性政策提供知识，推动科学技术伦理，让青年发出自己的声音。",
        "body": (
            "<p>The office supports research that informs social policy, helps countries "
            "build their ethics infrastructure for artificial intelligence and other "
            "frontier technologies, and works with young people as partners.</p>"
        ),
        "body_fr": (
            "<p>Le Bureau soutient la recherche qui éclaire les politiques sociales, aide "
            "les pays à mettre en place leur infrastructure éthique pour l’intelligence "
            "artificielle et les autres technologies de pointe, et travaille avec les "
            "jeunes en tant que partenaires.</p>"
        ),
        "body_zh_hans": (
            "<p>办事处支持为社会政策提供依据的研究，帮助各国建设人工智能及其他前沿技术"
            "的伦理基础设施，并与青年作为合作伙伴携手工作。</p>"
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
        "summary_fr": (
            "Sauvegarder le patrimoine matériel et immatériel à mesure que les villes et "
            "les économies se développent, et partager les bonnes pratiques de la région."
        ),
        "summary_zh_hans": "在城市和经济发展的同时保护物质和非物质遗产，并分享本地区的良好做法。",
        "body": (
            "<p>The office accompanies the five countries in applying UNESCO's culture "
            "conventions: World Heritage, intangible cultural heritage and the diversity of "
            "cultural expressions.</p>"
        ),
        "body_fr": (
            "<p>Le Bureau accompagne les cinq pays dans l’application des conventions "
            "culturelles de l’UNESCO\u00a0: patrimoine mondial, patrimoine culturel "
            "immatériel et diversité des expressions culturelles.</p>"
        ),
        "body_zh_hans": (
            "<p>办事处协助五国实施联合国教科文组织在世界遗产、非物质文化遗产和文化"
            "表现形式多样性方面的各项文化公约。</p>"
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
        "summary_fr": (
            "Pluralisme des médias, patrimoine documentaire, accessibilité de l’information "
            "et sociétés du savoir inclusives."
        ),
        "summary_zh_hans": "媒体多元化、文献遗产、信息无障碍和包容的知识社会。",
        "body": (
            "<p>Digital technologies have changed how information is produced and shared. "
            "The office supports media and information literacy, accessible information "
            "for persons with disabilities and the preservation of documentary "
            "heritage.</p>"
        ),
        "body_fr": (
            "<p>Les technologies numériques ont transformé la manière dont l’information "
            "est produite et partagée. Le Bureau soutient l’éducation aux médias et à "
            "l’information, une information accessible aux personnes handicapées et la "
            "préservation du patrimoine documentaire.</p>"
        ),
        "body_zh_hans": (
            "<p>数字技术改变了信息的生产和分享方式。办事处支持媒体与信息素养、"
            "面向残疾人的无障碍信息以及文献遗产保护。</p>"
        ),
    },
]
