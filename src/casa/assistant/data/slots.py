"""Slot fillers of the labelled dataset: places, times, lines and relations per language form.

Values are canonical: a place is the key of the gazetteer place without its kind prefix (an
arrondissement by its English slug), a time is ``HH:MM``, ``tomorrow HH:MM``, ``tomorrow`` or
``now``, a line is its GTFS id and a relation is ``near``.
"""

from __future__ import annotations

PLACES: dict[str, dict[str, list[str]]] = {
    "casa-port": {
        "fr": ["Casa Port", "la gare de Casa-Port", "casa-port"],
        "en": ["Casa Port", "Casa Port station", "casaport"],
        "ar": ["محطة الدار البيضاء الميناء", "الدار البيضاء الميناء"],
        "darija_ar": ["كازا بور", "لاڭار ديال كازا بور"],
        "darija_latn": ["casa port", "kaza por", "casaport", "kaza port"],
    },
    "ain-diab-plage": {
        "fr": ["Aïn Diab", "Ain Diab Plage", "la Corniche"],
        "en": ["Ain Diab beach", "Ain Diab", "the Corniche"],
        "ar": ["شاطئ عين الذياب", "عين الذياب"],
        "darija_ar": ["عين الذياب", "الكورنيش"],
        "darija_latn": ["ain diab", "3in diab", "corniche"],
    },
    "twin-center": {
        "fr": ["Twin Center", "twin centre", "les tours jumelles"],
        "en": ["Twin Center", "the twin center"],
        "ar": ["توين سنتر"],
        "darija_ar": ["التوين", "توين سنتر", "توين سانتر"],
        "darija_latn": ["twin", "twin center", "twin centre"],
    },
    "casa-voyageurs": {
        "fr": ["Casa Voyageurs", "la gare Casa-Voyageurs", "casa voyageur"],
        "en": ["Casa Voyageurs", "Casa Voyageurs station", "the train station"],
        "ar": ["محطة الدار البيضاء المسافرين"],
        "darija_ar": ["لاڭار", "كازا فوياجور"],
        "darija_latn": ["lagar", "lgare", "casa voyageurs", "kaza voyajour"],
    },
    "lissasfa": {
        "fr": ["Lissasfa"],
        "en": ["Lissasfa"],
        "ar": ["ليساسفة"],
        "darija_ar": ["ليساسفة"],
        "darija_latn": ["lissasfa", "lisasfa"],
    },
    "sidi-moumen": {
        "fr": ["Sidi Moumen"],
        "en": ["Sidi Moumen"],
        "ar": ["سيدي مومن"],
        "darija_ar": ["سيدي مومن"],
        "darija_latn": ["sidi moumen", "sidi momen"],
    },
    "maarif": {
        "fr": ["Maârif", "Maarif"],
        "en": ["Maarif"],
        "ar": ["المعاريف"],
        "darija_ar": ["لمعاريف", "المعاريف"],
        "darija_latn": ["lma3arif", "maarif", "ma3arif"],
    },
    "place-mohammed-v": {
        "fr": ["la place Mohammed V", "place des pigeons"],
        "en": ["Mohammed V Square", "Place Mohammed V"],
        "ar": ["ساحة محمد الخامس"],
        "darija_ar": ["ساحة الحمام", "بلاصة الحمام"],
        "darija_latn": ["blasa l7mam", "place mohammed 5"],
    },
    "marche-central": {
        "fr": ["Marché Central", "marche central"],
        "en": ["the Central Market", "Marché Central"],
        "ar": ["السوق المركزي"],
        "darija_ar": ["لمارشي سونطرال"],
        "darija_latn": ["lmarchi santral", "marche central"],
    },
    "derb-sultan": {
        "fr": ["Derb Sultan", "derb soltane"],
        "en": ["Derb Sultan"],
        "ar": ["درب السلطان"],
        "darija_ar": ["درب السلطان", "درب سلطان"],
        "darija_latn": ["derb sultan", "derb soltan"],
    },
    "habous": {
        "fr": ["quartier Habous", "Habous"],
        "en": ["the Habous quarter", "Habous"],
        "ar": ["الأحباس"],
        "darija_ar": ["لحبوس", "الحبوس"],
        "darija_latn": ["l7bous", "habous"],
    },
    "anfa-park": {
        "fr": ["Anfa Park", "parc Anfa"],
        "en": ["Anfa Park"],
        "ar": ["أنفا بارك"],
        "darija_ar": ["أنفا بارك"],
        "darija_latn": ["anfa park"],
    },
    "sidi-maarouf": {
        "fr": ["Sidi Maârouf", "sidi maarouf"],
        "en": ["Sidi Maarouf"],
        "ar": ["سيدي معروف"],
        "darija_ar": ["سيدي معروف"],
        "darija_latn": ["sidi m3arouf", "sidi maarouf"],
    },
    "abdelmoumen": {
        "fr": ["Abdelmoumen", "bd Abdelmoumen"],
        "en": ["Abdelmoumen"],
        "ar": ["عبد المومن"],
        "darija_ar": ["عبد المومن"],
        "darija_latn": ["3abd lmoumen", "abdelmoumen"],
    },
    "mohammed-zerktouni": {
        "fr": ["Zerktouni", "Mohammed Zerktouni"],
        "en": ["Zerktouni"],
        "ar": ["محمد الزرقطوني"],
        "darija_ar": ["الزرقطوني"],
        "darija_latn": ["zerktouni"],
    },
    "bab-marrakech": {
        "fr": ["Bab Marrakech", "l'ancienne médina"],
        "en": ["Bab Marrakech", "the old medina"],
        "ar": ["باب مراكش", "المدينة القديمة"],
        "darija_ar": ["باب مراكش"],
        "darija_latn": ["bab mrakech", "lmdina l9dima"],
    },
    "derb-ghalef": {
        "fr": ["Derb Ghallef", "derb ghalef"],
        "en": ["Derb Ghallef"],
        "ar": ["درب غلف"],
        "darija_ar": ["درب غلف"],
        "darija_latn": ["derb ghelf", "derb ghalef"],
    },
    "technopark": {
        "fr": ["Technopark", "technoparc"],
        "en": ["the Technopark", "Technopark"],
        "ar": ["تكنوبارك"],
        "darija_ar": ["التكنوبارك", "تكنوبارك"],
        "darija_latn": ["technopark", "teknopark"],
    },
}

# Places with car parks or stops close by, for parking, nearest-stop and departure questions.
PARKING_PLACES = [
    "twin-center",
    "casa-port",
    "casa-voyageurs",
    "maarif",
    "place-mohammed-v",
    "marche-central",
    "anfa-park",
    "bab-marrakech",
]
STOP_PLACES = [
    "casa-port",
    "lissasfa",
    "sidi-moumen",
    "place-mohammed-v",
    "marche-central",
    "derb-sultan",
    "abdelmoumen",
    "mohammed-zerktouni",
    "ain-diab-plage",
    "technopark",
]

TIMES: dict[str, list[tuple[str, str]]] = {
    "fr": [
        ("à 8h", "08:00"),
        ("à 8h30", "08:30"),
        ("vers 17h", "17:00"),
        ("demain à 9h", "tomorrow 09:00"),
        ("maintenant", "now"),
        ("à 18h15", "18:15"),
        ("demain matin à 7h", "tomorrow 07:00"),
        ("ce soir", "19:00"),
    ],
    "en": [
        ("at 8", "08:00"),
        ("at 8:30", "08:30"),
        ("at 5pm", "17:00"),
        ("tomorrow at 9", "tomorrow 09:00"),
        ("now", "now"),
        ("at 6:15 pm", "18:15"),
        ("this evening", "19:00"),
        ("tomorrow at 7am", "tomorrow 07:00"),
    ],
    "ar": [
        ("على الساعة 8", "08:00"),
        ("الآن", "now"),
        ("غدا على الساعة 9", "tomorrow 09:00"),
        ("على الساعة 17", "17:00"),
        ("هذا المساء", "19:00"),
        ("على الساعة 8:30", "08:30"),
    ],
    "darija_ar": [
        ("دابا", "now"),
        ("غدا ف 8", "tomorrow 08:00"),
        ("ف 9", "09:00"),
        ("مع 5 دلعشية", "17:00"),
        ("هاد لعشية", "19:00"),
        ("ف 8 ونص", "08:30"),
    ],
    "darija_latn": [
        ("daba", "now"),
        ("ghda f 8", "tomorrow 08:00"),
        ("f 9", "09:00"),
        ("m3a 5 d l3chiya", "17:00"),
        ("had l3chiya", "19:00"),
        ("f 8 w nos", "08:30"),
        ("ghda m3a 7", "tomorrow 07:00"),
        ("db", "now"),
    ],
}

LINES: dict[str, list[tuple[str, str]]] = {
    "fr": [
        ("T1", "T1"),
        ("tram 2", "T2"),
        ("la ligne T3", "T3"),
        ("busway BW1", "BW1"),
        ("T4", "T4"),
    ],
    "en": [("T1", "T1"), ("tram line 2", "T2"), ("T3", "T3"), ("BW2", "BW2"), ("line T4", "T4")],
    "ar": [("الخط T1", "T1"), ("الترامواي 2", "T2"), ("الخط 3", "T3"), ("BW1", "BW1")],
    "darija_ar": [("T1", "T1"), ("الطرام 2", "T2"), ("الترامواي 4", "T4"), ("البوسواي 1", "BW1")],
    "darija_latn": [
        ("T1", "T1"),
        ("tram 2", "T2"),
        ("t3", "T3"),
        ("busway 2", "BW2"),
        ("tram 4", "T4"),
    ],
}

NEAR: dict[str, list[str]] = {
    "fr": ["près de", "à côté de", "près du", "pas loin de"],
    "en": ["near", "close to", "next to", "around"],
    "ar": ["قرب", "بالقرب من"],
    "darija_ar": ["قرب", "حدا", "قريب من"],
    "darija_latn": ["7da", "qrib mn", "9rib l", "hda"],
}
