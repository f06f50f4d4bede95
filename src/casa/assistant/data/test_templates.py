"""Phrasings of the test split, written before the rules and kept apart from the training ones.

Slots: ``{A}`` origin, ``{B}`` destination, ``{P}`` a place, ``{T}`` a time, ``{L}`` a line,
``{R}`` a relation. Nothing here is read by the rules or the model.
"""

from __future__ import annotations

TEST: dict[str, dict[str, list[str]]] = {
    "fr": {
        "journey": [
            "Comment aller de {A} à {B} {T} ?",
            "je voudrais me rendre à {B} en partant de {A}",
            "itinéraire {A} -> {B} svp",
            "quel tram prendre pour aller a {B} depuis {A}",
            "Je suis à {A}, comment je fais pour rejoindre {B} ?",
            "trajet vers {B} {T}",
        ],
        "departures": [
            "prochain tram à {P} ?",
            "Quand passe le prochain tramway à l'arrêt {P} ?",
            "horaires des départs depuis {P} {T}",
        ],
        "fares": [
            "c'est combien le billet de tram ?",
            "Quel est le prix d'un ticket de busway ?",
            "Tarif d'un trajet en tramway svp",
            "combien coute un abonnement ou une carte rechargeable ?",
        ],
        "line_info": [
            "Quels arrêts dessert la {L} ?",
            "Par où passe le {L} ?",
            "donne moi le parcours de {L}",
        ],
        "hours": [
            "à quelle heure commence le tram le matin ?",
            "Le tramway circule jusqu'à quelle heure ?",
            "dernier tram ce soir c'est à quelle heure",
        ],
        "parking": [
            "Où me garer {R} {P} ?",
            "y a-t-il des places de parking libres {R} {P}",
            "je cherche un parking {R} {P}",
            "stationnement {R} {P} ?",
        ],
        "alerts": [
            "Y a-t-il des perturbations sur le tram aujourd'hui ?",
            "le {L} est-il en panne ?",
            "infos trafic tramway",
        ],
        "nearest_stop": [
            "Quel est l'arrêt le plus proche de {P} ?",
            "où est la station de tram la plus proche {R} {P}",
            "arrêt de tram {R} {P} ?",
        ],
        "greeting": ["Bonjour", "salut !", "bonsoir WEBOT", "Coucou"],
        "thanks": ["Merci beaucoup", "merci, c'est parfait", "super merci !"],
        "help": [
            "Qu'est-ce que tu sais faire ?",
            "aide",
            "comment ça marche ?",
            "tu peux m'aider à quoi exactement",
        ],
        "out_of_scope": [
            "Quel temps fera-t-il demain ?",
            "raconte moi une blague",
            "Qui a gagné le match du Raja hier ?",
            "recette du tajine au poulet",
            "quel est le cours du dirham",
        ],
    },
    "en": {
        "journey": [
            "How do I get from {A} to {B} {T}?",
            "route to {B} from {A}",
            "best way from {A} to {B}",
            "I need to go to {B} {T}",
            "which tram goes from {A} to {B}?",
        ],
        "departures": [
            "next tram at {P}?",
            "When does the next tram leave {P} {T}?",
            "departures from {P}",
        ],
        "fares": [
            "How much is a tram ticket?",
            "what's the fare on the busway",
            "ticket price please",
            "how much does a tram ride cost",
        ],
        "line_info": [
            "Which stops does {L} serve?",
            "show me the route of {L}",
            "where does the {L} go?",
        ],
        "hours": [
            "What time does the first tram run?",
            "until when does the tram operate?",
            "when is the last tram tonight",
        ],
        "parking": [
            "Where can I park {R} {P}?",
            "any free parking spots {R} {P}?",
            "car park {R} {P}",
        ],
        "alerts": [
            "Are there any disruptions on the tram today?",
            "is {L} running normally?",
            "service alerts",
        ],
        "nearest_stop": [
            "What's the closest tram stop to {P}?",
            "nearest station {R} {P}",
            "where is the nearest stop {R} {P}?",
        ],
        "greeting": ["Hello", "hi there", "good morning", "hey"],
        "thanks": ["Thank you!", "thanks a lot", "cheers, that helps"],
        "help": ["What can you do?", "help me", "how does this work?"],
        "out_of_scope": [
            "What's the weather tomorrow?",
            "tell me a joke",
            "who won the football match yesterday",
            "book me a hotel room",
        ],
    },
    "ar": {
        "journey": [
            "كيف أذهب من {A} إلى {B} {T}؟",
            "أريد الذهاب إلى {B} انطلاقا من {A}",
            "ما هو الطريق من {A} إلى {B}؟",
            "كيف أصل إلى {B} {T}؟",
        ],
        "departures": [
            "متى يمر الترامواي القادم في {P}؟",
            "مواعيد الانطلاق من محطة {P}",
            "الترام التالي من {P} {T}",
        ],
        "fares": [
            "كم ثمن تذكرة الترامواي؟",
            "ما هو سعر التذكرة في الباصواي؟",
            "كم تكلفة الرحلة؟",
        ],
        "line_info": [
            "ما هي محطات {L}؟",
            "أين يمر {L}؟",
            "مسار {L} من فضلك",
        ],
        "hours": [
            "متى يبدأ الترامواي في الصباح؟",
            "في أي ساعة آخر ترامواي؟",
            "ما هي ساعات عمل الترامواي؟",
        ],
        "parking": [
            "أين أجد موقفا للسيارات {R} {P}؟",
            "هل توجد أماكن شاغرة لركن السيارة {R} {P}؟",
            "موقف سيارات {R} {P}",
        ],
        "alerts": [
            "هل هناك اضطرابات في الترامواي اليوم؟",
            "هل {L} متوقف؟",
            "أخبار حركة السير في الترامواي",
        ],
        "nearest_stop": [
            "ما هي أقرب محطة ترامواي إلى {P}؟",
            "أقرب محطة {R} {P}",
            "أين توجد أقرب محطة من {P}؟",
        ],
        "greeting": ["السلام عليكم", "مرحبا", "صباح الخير"],
        "thanks": ["شكرا جزيلا", "شكرا لك", "جزاك الله خيرا"],
        "help": ["ماذا يمكنك أن تفعل؟", "مساعدة", "كيف تعمل؟"],
        "out_of_scope": [
            "كيف سيكون الطقس غدا؟",
            "احك لي نكتة",
            "من فاز في مباراة الوداد؟",
            "ما هي عاصمة فرنسا؟",
        ],
    },
    "darija_ar": {
        "journey": [
            "كيفاش نمشي من {A} ل {B} {T}؟",
            "بغيت نمشي ل {B} من {A}",
            "شنو ناخد باش نوصل ل {B}؟",
            "كيفاش نوصل ل {B} {T}",
            "من {A} ل {B} كيفاش؟",
        ],
        "departures": [
            "امتى يدوز الطرام الجاي ف {P}؟",
            "شحال باقي للطرام ف {P}",
            "الطرام ديال {P} امتى غادي يجي {T}؟",
        ],
        "fares": [
            "بشحال التيكي ديال الطرام؟",
            "شحال كيسوا البيي ديال البوسواي؟",
            "بشحال الطرام؟",
        ],
        "line_info": [
            "فين كيدوز {L}؟",
            "شنو هوما المحطات ديال {L}؟",
            "{L} فين كيمشي؟",
        ],
        "hours": [
            "فوقاش كيبدا الطرام الصباح؟",
            "حتى لشمن ساعة كيخدم الطرام؟",
            "آخر طرام فوقاش؟",
        ],
        "parking": [
            "فين نلقى بلاصة باش نباركي {R} {P}؟",
            "كاين شي باركينغ {R} {P}؟",
            "فين نحط الطوموبيل {R} {P}",
        ],
        "alerts": [
            "واش الطرام خدام اليوم؟",
            "واش كاين شي مشكل ف {L}؟",
            "كاين شي اضراب ولا عطلة ف الطرام؟",
        ],
        "nearest_stop": [
            "فين أقرب محطة ديال الطرام {R} {P}؟",
            "شمن ستاسيون قريبة ل {P}؟",
            "فين كاين الطرام {R} {P}؟",
        ],
        "greeting": ["السلام", "سلام عليكم خويا", "أهلا"],
        "thanks": ["شكرا بزاف", "الله يخليك", "مرسي بزاف"],
        "help": ["شنو كتعرف دير؟", "عاوني عافاك", "كيفاش نخدم بيك؟"],
        "out_of_scope": [
            "شنو الجو غدا؟",
            "عاودلي شي نكتة",
            "شكون ربح الماتش ديال الرجاء؟",
            "فين نلقى شي طاجين مزيان؟",
        ],
    },
    "darija_latn": {
        "journey": [
            "kifach nmchi mn {A} l {B} {T}",
            "bghit nmchi l {B} mn {A}",
            "chno nakhod bach nwsl l {B}?",
            "kifach nwsel l {B} {T}",
            "mn {A} l {B} kifach a sat?",
            "bghit nsafer mn {A} l {B} b tram",
        ],
        "departures": [
            "imta ydouz tram jay f {P}?",
            "ch7al ba9i l tram f {P}",
            "tram dyal {P} fo9ach ghadi yji {T}",
        ],
        "fares": [
            "b ch7al tiki dyal tram?",
            "chhal tiki dyal tram?",
            "bchhal l ticket dial busway",
            "ch7al kaytswa l billet?",
        ],
        "line_info": [
            "fin kaydouz {L}?",
            "chno homa les stations dyal {L}",
            "{L} fin kaymchi?",
        ],
        "hours": [
            "fo9ach kaybda tram sba7?",
            "7ta l ch7al kaykhdem tram?",
            "akhir tram fo9ach?",
        ],
        "parking": [
            "fin nlqa blasa bach nparki {R} {P}?",
            "kayn chi parking {R} {P}?",
            "fin n7et tomobil {R} {P}",
        ],
        "alerts": [
            "wach tram khdam lyoum?",
            "wach kayn chi mochkil f {L}?",
            "kayn chi grève f tram?",
        ],
        "nearest_stop": [
            "fin a9rab station dyal tram {R} {P}?",
            "chmen station 9riba l {P}?",
            "fin kayn tram {R} {P}?",
        ],
        "greeting": ["salam", "slm khoya", "ahlan", "salam 3alikom"],
        "thanks": ["choukran bzaf", "lah ykhlik", "merci bzf"],
        "help": ["chno kat3ref dir?", "3awni 3afak", "kifach nkhdem bik?"],
        "out_of_scope": [
            "chno ljaw ghda?",
            "3awdli chi nokta",
            "chkoun rbe7 match dyal raja?",
            "fin nlqa chi tajine mzyan?",
        ],
    },
}
