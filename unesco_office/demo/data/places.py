"""The names of the demo data's cities (those of the events and of the Category 2 centres) in
French and Simplified Chinese, as each language writes them. French follows UNESCO's usage:
Beijing and the other Chinese cities in pinyin, Séoul, Oulan-Bator."""

# English name -> (French name, Chinese name)
CITY_NAMES = {
    # China
    "Beijing": ("Beijing", "北京"),
    "Changsha": ("Changsha", "长沙"),
    "Hangzhou": ("Hangzhou", "杭州"),
    "Kunming": ("Kunming", "昆明"),
    "Nanjing": ("Nanjing", "南京"),
    "Qingdao": ("Qingdao", "青岛"),
    "Shanghai": ("Shanghai", "上海"),
    "Wolong": ("Wolong", "卧龙"),
    "Xi'an": ("Xi’an", "西安"),
    # Democratic People's Republic of Korea
    "Pyongyang": ("Pyongyang", "平壤"),
    "Samjiyon": ("Samjiyon", "三池渊"),
    # Japan
    "Itoigawa": ("Itoigawa", "糸鱼川"),
    "Nara": ("Nara", "奈良"),
    "Okayama": ("Okayama", "冈山"),
    "Osaka": ("Osaka", "大阪"),
    "Sakai": ("Sakai", "堺市"),
    "Sendai": ("Sendai", "仙台"),
    "Tokyo": ("Tokyo", "东京"),
    "Tsukuba": ("Tsukuba", "筑波"),
    # Mongolia
    "Dalanzadgad": ("Dalanzadgad", "达兰扎德嘎德"),
    "Kharkhorin": ("Kharkhorin", "哈拉和林"),
    "Ulaanbaatar": ("Oulan-Bator", "乌兰巴托"),
    # Republic of Korea
    "Cheongju": ("Cheongju", "清州"),
    "Gyeongju": ("Gyeongju", "庆州"),
    "Incheon": ("Incheon", "仁川"),
    "Jecheon City": ("Jecheon", "堤川市"),
    "Jeju": ("Jeju", "济州"),
    "Jeonju": ("Jeonju", "全州"),
    "Seoul": ("Séoul", "首尔"),
}
