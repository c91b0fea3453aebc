"""Category 2 centres in the office's countries."""

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
