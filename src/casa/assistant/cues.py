"""Words that signal an intent in any of the five language forms, folded like the messages.

Each message gets the cue tokens of the words it contains as extra features, so what one
language teaches the classifier carries to the others (a fare is a fare in every script).
"""

from __future__ import annotations

from casa.city.normalize import normalize

_CUES: dict[str, str] = {
    "fare": "prix tarif tarifs tarification billet billets ticket tickets tiki tiket fare fares "
    "price prices cost costs coute coûte coutent combien much ch7al chhal bch7al bchhal "
    "b ch7al kaytswa abonnement abonnements pass carte rechargeable card kart karta "
    "ثمن سعر تذكرة تذاكر تعريفة تعريفه بشحال شحال التيكي تيكي البيي بيي كيسوا الكارط "
    "الكارطة بطاقة اشتراك تكلفة تكلفه",
    "hours": "horaire horaires heures premier première dernier dernière first last hours "
    "opening until jusqu commence finit start starts begin ends awel akhir lowel lekher "
    "kaybda kaysali ysali ybda أول آخر اخر ساعات أوقات اوقات يبدأ يبدا كيبدا كيسالي يعمل "
    "يشتغل فوقاش",
    "alert": "perturbation perturbations grève greve panne travaux incident alerte alertes "
    "trafic retard retards disruption disruptions strike delay delays alert alerts status "
    "normally running working broken idrab grev mochkil wa9ef wa9fa khdam khdama "
    "اضطرابات اضطراب إضراب اضراب عطل عطلة متوقف واقف مشكل خدام تنبيهات حادث تأخير",
    "park": "parking parkings garer gare stationner stationnement park parked garage "
    "nparki parki nbarki blasa blays tomobil voiture car spots spaces "
    "باركينغ نباركي موقف مواقف ركن أركن اركن السيارة سيارتي الطوموبيل بلاصة بلايص مرأب",
    "stop": "arrêt arret arrêts station stations stop stops mahatta sttasion "
    "proche proches closest nearest a9rab aqrab "
    "محطة المحطة محطات ستاسيون أقرب اقرب الأقرب الاقرب",
    "line": "ligne lignes line lines parcours dessert route stations passe kaydouz kaymchi "
    "مسار الخط خط يمر كيدوز كيمشي",
    "depart": "prochain prochains prochaine départ départs depart next departures leave "
    "leaving passe passage jay jaya ydouz yji imta الجاي القادم التالي يمر يدوز يجي امتى "
    "مواعيد",
    "journey": "aller rendre rejoindre itinéraire itineraire trajet go get reach route "
    "directions trip way nmchi nemchi nwsl nwsel nwssl tri9 nsafer nakhod "
    "أذهب اذهب الذهاب أصل اصل الوصول الطريق رحلة نمشي نوصل ناخد طريق",
    "greet": "bonjour salut bonsoir coucou hello hi hey yo bjr slt salam slm salamo ahlan "
    "marhba sba7 msa lkhir morning evening "
    "السلام سلام مرحبا أهلا اهلا صباح مساء الخير",
    "thanks": "merci mercii remercie thanks thank thx cheers appreciated choukran chokran "
    "chokrane choukrane shukran barak tbarklah ykhlik "
    "شكرا أشكرك اشكرك مرسي بارك يخليك تبارك جزاك",
    "help": "aide aider aidez aidez-moi help menu faire sais peux can do 3awni t3awni "
    "t9der n9der kat3ref dir "
    "مساعدة مساعده ساعدني عاوني تعاوني تقدر تستطيع تفعل كتعرف دير",
    "transport": "tram tramway busway bus ligne line t1 t2 t3 t4 bw1 bw2 "
    "ترامواي الترامواي طرام الطرام الباصواي البوسواي",
}
CUES: dict[str, str] = {}
for cue, words in _CUES.items():
    for word in words.split():
        CUES.setdefault(normalize(word), f"cue{cue}")


def cue_tokens(folded: str) -> str:
    """Return the cue tokens of a folded message's words, space separated."""
    return " ".join(CUES[w] for w in folded.split() if w in CUES)
