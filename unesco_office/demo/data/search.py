"""The site search's synonyms of the demo: names that visitors type for the same place or
thing in English, French and Chinese, as an office's editors would keep them."""

SYNONYMS = [
    ["Forbidden City", "Cité interdite", "紫禁城", "故宫"],
    ["Beijing", "Peking", "Pékin", "北京"],
    ["Ulaanbaatar", "Ulan Bator", "Oulan-Bator", "乌兰巴托"],
    ["Mogao Caves", "Dunhuang", "敦煌", "莫高窟"],
    ["Fujisan", "Mount Fuji", "mont Fuji", "富士山"],
    ["Republic of Korea", "South Korea", "Corée du Sud", "韩国", "大韩民国"],
    ["Democratic People's Republic of Korea", "DPRK", "North Korea", "Corée du Nord", "朝鲜"],
    ["Category 2 centre", "C2C", "centre de catégorie 2", "二类中心"],
]
