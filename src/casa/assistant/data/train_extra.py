"""Extra training phrasings of the third round: other subjects, help and greetings."""

from __future__ import annotations

# Phrasings added in the third round, for the train split only (dev stays as it was, so its
# figures compare across rounds): out-of-scope questions on other subjects, many of them
# "how much ..." about anything but a ticket, and more ways to ask for help or say hello.
TRAIN_EXTRA: dict[str, dict[str, list[str]]] = {
    "fr": {
        "alerts": [
            "le tram est en panne ?",
            "y a-t-il du retard sur le busway aujourd'hui",
        ],
        "greeting": [
            "bonjour, ça va ?",
            "coucou",
        ],
        "help": [
            "tu sers à quoi ?",
            "quelles questions je peux te poser",
            "comment ça marche ?",
        ],
        "out_of_scope": [
            "combien coûte un café en terrasse",
            "combien de calories dans un msemen",
            "où acheter un téléphone pas cher",
            "quel film passe au cinéma ce soir",
            "qui a gagné le match hier",
            "raconte-moi une blague",
            "traduis bonjour en japonais",
            "le prix du billet d'avion pour Paris",
            "les horaires de la pharmacie de garde",
            "comment renouveler ma carte d'identité",
        ],
    },
    "en": {
        "alerts": [
            "is the tram running normally today?",
        ],
        "help": [
            "what are you for?",
            "how does this work?",
        ],
        "out_of_scope": [
            "how much is a coffee downtown",
            "how many calories in a msemen",
            "where can I buy a cheap phone",
            "which film is on at the cinema tonight",
            "who won the match yesterday",
            "tell me a joke",
            "translate hello into Japanese",
            "price of a plane ticket to Paris",
            "opening hours of the night pharmacy",
            "how do I renew my passport",
        ],
    },
    "ar": {
        "alerts": [
            "هل هناك تأخير في الباصواي اليوم؟",
        ],
        "greeting": [
            "صباح الخير، كيف حالك؟",
        ],
        "help": [
            "ما الأسئلة التي يمكنني طرحها؟",
            "كيف تعمل؟",
        ],
        "out_of_scope": [
            "كم ثمن القهوة في المقهى؟",
            "أين أشتري هاتفا رخيصا؟",
            "من فاز بالمباراة أمس؟",
            "ما هو الفيلم المعروض الليلة؟",
            "ترجم مرحبا إلى اليابانية",
            "كم سعر تذكرة الطائرة إلى باريس؟",
            "كيف أجدد جواز السفر؟",
            "ما هي مواعيد الصيدلية الليلية؟",
        ],
    },
    "darija_ar": {
        "greeting": [
            "كيداير؟",
        ],
        "help": [
            "شنو كتدير نتا؟",
            "كيفاش كتخدم؟",
        ],
        "out_of_scope": [
            "شحال كتسوا القهوة ف القهوة؟",
            "شحال كيسوا كيلو ديال الماطيشة؟",
            "شحال ف عمرك؟",
            "شنو كاين ف السينما اليوم؟",
            "عاود ليا شي نكتة",
            "كيفاش نجدد الباسبور؟",
            "فين كاينة الفارماسيان ديال الليل؟",
        ],
    },
    "darija_latn": {
        "alerts": [
            "busway m3atel lyoum?",
        ],
        "greeting": [
            "labas 3lik?",
            "kidayr?",
        ],
        "help": [
            "chno katdir nta?",
            "kifach katkhdem?",
        ],
        "out_of_scope": [
            "ch7al kaswa l9hwa f lmarché?",
            "ch7al kayswa kilo dyal maticha?",
            "ch7al f 3mrek?",
            "ch7al men calorie f msemen?",
            "fin nchri tilifon rkhis?",
            "chno kayn f cinema lyouma?",
            "3awd lia chi nokta",
            "tarjem lia salam b japonais",
            "kifach njded lpassport?",
            "fin kayna pharmacie dyal lil?",
        ],
    },
}
