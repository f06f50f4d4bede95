"""Which language and script a message is written in: fr, en, ar, darija_ar or darija_latn."""

from __future__ import annotations

import re

from casa.city.normalize import normalize

FORMS = ("fr", "en", "ar", "darija_ar", "darija_latn")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LATIN = re.compile(r"[a-zA-Z]")

DARIJA_AR = frozenset(
    normalize(w)
    for w in [
        "كيفاش",
        "داير",
        "بغيت",
        "نمشي",
        "نوصل",
        "فين",
        "شنو",
        "واش",
        "دابا",
        "بشحال",
        "شحال",
        "ديال",
        "ديالي",
        "كاين",
        "كاينة",
        "باش",
        "الطرام",
        "طرام",
        "نباركي",
        "باركينغ",
        "بلاصة",
        "التيكي",
        "تيكي",
        "البيي",
        "امتى",
        "فوقاش",
        "شمن",
        "حدا",
        "قريبة",
        "ستاسيون",
        "عاوني",
        "عافاك",
        "عاودلي",
        "شكون",
        "ربح",
        "بزاف",
        "خويا",
        "الله",
        "يخليك",
        "مرسي",
        "نحط",
        "الطوموبيل",
        "كيدوز",
        "كيمشي",
        "كيبدا",
        "كيخدم",
        "خدام",
        "لشمن",
        "نرجع",
        "نرجعو",
        "غدوة",
        "لعشية",
        "دلعشية",
        "ونص",
        "كيسوا",
        "كيسالي",
        "نسولك",
        "تقدر",
        "دير",
        "واقف",
        "بلايص",
        "الجو",
        "نلقى",
        "ناخد",
        "نطلب",
        "غني",
        "ليا",
        "عطيني",
        "الماتش",
        "هوما",
        "ولا",
        "اضراب",
        "تبارك",
    ]
)
DARIJA_LATN = frozenset(
    normalize(w)
    for w in [
        "kifach",
        "kifash",
        "kif",
        "nmchi",
        "nemchi",
        "nwsl",
        "nwsel",
        "bghit",
        "bghina",
        "fin",
        "fen",
        "chno",
        "chnou",
        "wach",
        "daba",
        "db",
        "ch7al",
        "chhal",
        "bch7al",
        "bchhal",
        "b",
        "dyal",
        "dial",
        "diyal",
        "kayn",
        "kayna",
        "bach",
        "l",
        "mn",
        "men",
        "f",
        "m3a",
        "ghda",
        "ghadi",
        "imta",
        "fo9ach",
        "foqach",
        "nparki",
        "blasa",
        "blays",
        "tiki",
        "tomobil",
        "7da",
        "qrib",
        "9rib",
        "9riba",
        "a9rab",
        "hda",
        "khoya",
        "choukran",
        "chokran",
        "bzaf",
        "bzf",
        "lah",
        "ykhlik",
        "3afak",
        "3awni",
        "3awdli",
        "kaydouz",
        "kaymchi",
        "kaybda",
        "kaykhdem",
        "khdam",
        "nrje3",
        "nrj3",
        "nrjaa",
        "w",
        "l3chiya",
        "d",
        "nos",
        "rbe3",
        "ydouz",
        "yji",
        "jay",
        "ba9i",
        "sba7",
        "7ta",
        "akhir",
        "awel",
        "mochkil",
        "lyoum",
        "wa9ef",
        "idrab",
        "chkoun",
        "rbe7",
        "mzyan",
        "nlqa",
        "ljaw",
        "kidayr",
        "ghni",
        "lia",
        "3tini",
        "ntlob",
        "wasfa",
        "nokta",
        "slm",
        "salam",
        "salamo",
        "3alikom",
        "msa",
        "lkhir",
        "homa",
        "mnin",
        "kaysali",
        "nswlk",
        "t9der",
        "n9der",
        "dir",
        "kat3ref",
        "t3awni",
        "nkhdem",
        "bik",
        "nakhod",
        "tri9",
        "ndir",
        "ana",
        "n7et",
        "barak",
        "fik",
        "tbarklah",
        "3lik",
        "ahlan",
        "sa3a",
        "ch7al",
        "kaytswa",
        "chi",
        "nsafer",
        "sat",
    ]
)
ENGLISH = frozenset(
    (
        "how do i get from to the what where when which is are any next tram please can park "
        "nearest closest stop stops route fare ticket much cost price thanks thank you hello hi "
        "there help does go going want need me my this evening tonight now tomorrow at near "
        "close around last first time times until running service tell show about best way "
        "free spots spaces car station beach square market quarter old leave departures trip "
        "reach arrive directions weather joke who won book hotel room yesterday what's "
        """
        good morning hey cheers order pizza sing song a a lot that helps work normally
        disruptions today alerts
        """
        "status delays strike opening hours of get I in on"
    )
    .lower()
    .split()
)
FRENCH = frozenset(
    (
        "comment aller de à a au aux du des le la les un une je voudrais me rendre en partant "
        "quel quelle prendre pour depuis suis fais rejoindre vers trajet prochain passe "
        "l'arrêt arrêt horaires départs c'est combien billet prix tarif d'un coute coûte "
        "abonnement ou carte rechargeable quels arrêts dessert par où donne moi parcours "
        "heure commence matin circule jusqu'à dernier ce soir où garer près y a-t-il places "
        "parking libres cherche stationnement perturbations sur aujourd'hui est-il panne "
        "infos trafic plus proche station bonjour salut bonsoir coucou merci beaucoup parfait "
        "super qu'est-ce que tu sais faire aide ça marche peux m'aider quoi exactement temps "
        "fera-t-il demain raconte blague qui gagné match hier recette cours maintenant svp "
        "itinéraire voyage premier roule quand finit dois ma voiture il est-ce travaux ligne "
        "côté loin pas quelles stations sur veux arriver transport vous remercie gentil "
        "bien aidez-moi peux-tu fait météo président commander chante chanson est"
    )
    .lower()
    .split()
)


def detect(text: str) -> str:
    """Return the language form of a message; Latin-script Darija and code-switching count."""
    arabic = len(_ARABIC.findall(text))
    latin = len(_LATIN.findall(text))
    words = normalize(text).split()
    if arabic > latin:
        darija = sum(w in DARIJA_AR or (len(w) > 2 and w[1:] in DARIJA_AR) for w in words)
        return "darija_ar" if darija else "ar"
    raw = re.findall(r"[\w'’-]+", text.lower())
    scores = {
        "darija_latn": 1.5 * sum(w in DARIJA_LATN for w in words),
        "fr": sum(w in FRENCH for w in raw) + 0.5 * bool(re.search(r"[éèêàùçô]", text.lower())),
        "en": sum(w in ENGLISH for w in raw),
    }
    best = max(scores, key=lambda k: (scores[k], k == "fr"))
    return best if scores[best] > 0 else "fr"
