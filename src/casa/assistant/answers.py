"""What WEBOT says, in the language and script it was spoken to.

French, Arabic and English go through the translation layer (English message ids, the
package's .po catalogues); Darija has no locale of its own in Casa, so its two scripts are
kept here, keyed by the same message ids.
"""

# Message ids are whole sentences, kept on one line each so they match the catalogues.
# ruff: noqa: E501

from __future__ import annotations

from typing import Any

from casa.core.i18n import gettext

DARIJA: dict[str, tuple[str, str]] = {
    # message id: (Arabic script, Latin script)
    "Hello! I am WEBOT. Ask me how to get somewhere by tram or busway, the next departures, fares, lines, hours, service alerts, the nearest stop or where to park.": (
        "السلام! أنا WEBOT. سولني كيفاش تمشي لشي بلاصة ب الطرام ولا البوسواي، الطرام الجاي، التمن، الخطوط، الأوقات، الاضطرابات، أقرب محطة ولا فين تباركي.",
        "salam! ana WEBOT. swlni kifach tmchi l chi blasa b tram wla busway, tram jay, taman, les lignes, l2aw9at, les perturbations, a9rab station wla fin tparki.",
    ),
    "You are welcome. Have a good trip!": ("بلا جميل. طريق السلامة!", "bla jmil. tri9 slama!"),
    "I can only help with getting around Casablanca: journeys by tram and busway, departures, fares, lines, hours, service alerts, nearest stops and parking.": (
        "نقدر نعاونك غير ف التنقل ف كازا: الطرام والبوسواي، الطرام الجاي، التمن، الخطوط، الأوقات، الاضطرابات، أقرب محطة والباركينغ.",
        "n9der n3awnek ghir f tan9ol f casa: tram w busway, tram jay, taman, les lignes, l2aw9at, perturbations, a9rab station w parking.",
    ),
    "Where are you leaving from?": ("منين غادي تخرج؟", "mnin ghadi tkhrej?"),
    "Where do you want to go?": ("فين بغيتي تمشي؟", "fin bghiti tmchi?"),
    "Which place? Give me a stop or a place name.": (
        "فين بالضبط؟ عطيني سمية المحطة ولا البلاصة.",
        "fin bdabt? 3tini smiya dyal station wla blasa.",
    ),
    "I do not know the place {text}. Try a stop or landmark name, or look on the city map (/map).": (
        "ما عرفتش البلاصة {text}. جرب سمية ديال محطة ولا معلمة، ولا شوف الخريطة (/map).",
        "ma3rftch l blasa {text}. jareb smiya dyal station wla ma3lama, wla chouf l kharita (/map).",
    ),
    "From {origin} to {destination}: leave at {departure}, arrive at {arrival}.": (
        "من {origin} ل {destination}: خرج مع {departure}، توصل مع {arrival}.",
        "mn {origin} l {destination}: khrej m3a {departure}, twsel m3a {arrival}.",
    ),
    "walk to {stop} ({minutes} min)": (
        "تمشى على رجليك ل {stop} ({minutes} دقايق)",
        "tmcha 3la rjlik l {stop} ({minutes} min)",
    ),
    "walk to your destination ({minutes} min)": (
        "تمشى ل البلاصة ديالك ({minutes} دقايق)",
        "tmcha l blasa dyalek ({minutes} min)",
    ),
    "take {line} at {stop} at {departure} towards {headsign}, get off at {alight} at {arrival}": (
        "خود {line} من {stop} مع {departure} اتجاه {headsign}، نزل ف {alight} مع {arrival}",
        "khod {line} mn {stop} m3a {departure} ttijah {headsign}, nzel f {alight} m3a {arrival}",
    ),
    "Fare: {amount} MAD ({tickets} ticket(s), table in force since {since}); {voted} MAD under the voted table.": (
        "التمن: {amount} درهم ({tickets} تيكي، التعريفة المعمول بيها من {since})؛ {voted} درهم ب التعريفة اللي تصوتات.",
        "taman: {amount} DH ({tickets} tiki, ta3rifa li khdama mn {since}); {voted} DH b ta3rifa li tsawtat.",
    ),
    "I found no tram or busway journey from {origin} to {destination} at that time. See the planner at /api/v1/transit/journeys or casatramway.ma.": (
        "ما لقيت حتى طريق ب الطرام ولا البوسواي من {origin} ل {destination} ف هاد الوقت. شوف casatramway.ma.",
        "ma l9it hta tri9 b tram wla busway mn {origin} l {destination} f had l wa9t. chouf casatramway.ma.",
    ),
    "You are already there: {origin} and {destination} are the same place.": (
        "راك تما: {origin} و {destination} نفس البلاصة.",
        "rak tma: {origin} w {destination} nafs lblasa.",
    ),
    "A single tram or busway trip costs {amount} MAD (table in force since {since}), with one free transfer within 30 minutes. The voted table ({voted_since}) puts it at {voted} MAD; its date of effect is not confirmed.": (
        "التيكي ديال الطرام ولا البوسواي ب {amount} درهم (التعريفة المعمول بيها من {since})، وعندك تبديلة فابور ف 30 دقيقة. التعريفة اللي تصوتات ({voted_since}) فيها {voted} درهم، وما زال ما تأكدش امتى غادي تبدا.",
        "tiki dyal tram wla busway b {amount} DH (ta3rifa li khdama mn {since}), w 3andek tbdila fabor f 30 d9i9a. ta3rifa li tsawtat ({voted_since}) fiha {voted} DH, w mazal ma t2akedch imta ghadi tbda.",
    ),
    "Next departures at {stop}: {list}.": (
        "الطرام الجاي ف {stop}: {list}.",
        "tram jay f {stop}: {list}.",
    ),
    "No departure from {stop} in the next three hours.": (
        "ما كاين حتى طرام من {stop} ف التلت سوايع الجايين.",
        "ma kayn hta tram mn {stop} f tlt swaye3 jayin.",
    ),
    "Which line? The network has {lines}.": (
        "شمن خط؟ كاينين {lines}.",
        "chmen ligne? kaynin {lines}.",
    ),
    "{line} ({name}) runs from {first} to {last}, {count} stops: {stops}.": (
        "{line} ({name}) كيمشي من {first} حتى ل {last}، {count} محطة: {stops}.",
        "{line} ({name}) kaymchi mn {first} 7ta l {last}, {count} station: {stops}.",
    ),
    "Service hours: {list}.": ("الأوقات: {list}.", "l2aw9at: {list}."),
    "{line} from {first} to {last}": (
        "{line} من {first} حتى ل {last}",
        "{line} mn {first} 7ta l {last}",
    ),
    "Near {place}: {list}.": ("قرب {place}: {list}.", "7da {place}: {list}."),
    "{name}: {free} free of {capacity} (updated {age} min ago), {walk} min walk": (
        "{name}: {free} بلاصة خاوية من {capacity} (تحدثات هادي {age} دقيقة)، {walk} دقايق على رجليك",
        "{name}: {free} blasa khawya mn {capacity} (t7ddat hadi {age} min), {walk} min 3la rjlik",
    ),
    "{name}: free places unknown, {walk} min walk": (
        "{name}: ما عرفناش شحال من بلاصة خاوية، {walk} دقايق على رجليك",
        "{name}: ma3rfnach ch7al mn blasa khawya, {walk} min 3la rjlik",
    ),
    "I know no car park within 800 m of {place}. See the parking map at /parking.": (
        "ما كنعرف حتى باركينغ ف 800 متر قرب {place}. شوف خريطة الباركينغ ف /parking.",
        "ma kan3ref hta parking f 800 m 7da {place}. chouf l kharita dyal parking f /parking.",
    ),
    "The nearest stop to {place} is {stop} ({lines}), {distance} m away.": (
        "أقرب محطة ل {place} هي {stop} ({lines})، على بعد {distance} متر.",
        "a9rab station l {place} hiya {stop} ({lines}), b3ida b {distance} m.",
    ),
    "No service alert in force on the tram and busway.": (
        "ما كاين حتى اضطراب دابا ف الطرام والبوسواي.",
        "ma kayn hta perturbation daba f tram w busway.",
    ),
    "Service alerts: {list}.": ("الاضطرابات: {list}.", "perturbations: {list}."),
    "I have no service alerts to read; see casatramway.ma for the operator's announcements.": (
        "ما عنديش الاضطرابات؛ شوف casatramway.ma.",
        "ma 3andich les perturbations; chouf casatramway.ma.",
    ),
    "Coming back:": ("الرجوع:", "rjou3:"),
    "By tram only:": ("غير ب الطرام:", "ghir b tram:"),
    "By busway only:": ("غير ب البوسواي:", "ghir b busway:"),
    "I found no journey by tram only from {origin} to {destination}; here is the best one.": (
        "ما لقيتش طريق غير ب الطرام من {origin} ل {destination}؛ ها حسن طريق.",
        "ma l9itch tri9 ghir b tram mn {origin} l {destination}; ha a7san tri9.",
    ),
    "I found no journey by busway only from {origin} to {destination}; here is the best one.": (
        "ما لقيتش طريق غير ب البوسواي من {origin} ل {destination}؛ ها حسن طريق.",
        "ma l9itch tri9 ghir b busway mn {origin} l {destination}; ha a7san tri9.",
    ),
    "No tram runs any more today from {origin} to {destination}. Ask me about tomorrow.": (
        "ما بقا حتى طرام اليوم من {origin} ل {destination}. سولني على غدا.",
        "ma b9a hta tram lyoum mn {origin} l {destination}. swlni 3la ghda.",
    ),
    "No busway runs any more today from {origin} to {destination}. Ask me about tomorrow.": (
        "ما بقا حتى بوسواي اليوم من {origin} ل {destination}. سولني على غدا.",
        "ma b9a hta busway lyoum mn {origin} l {destination}. swlni 3la ghda.",
    ),
    "No transit network is loaded, so I cannot answer that yet.": (
        "ما كاينش الريزو ديال الطرام، ما نقدرش نجاوب دابا.",
        "ma kaynch reseau dyal tram, ma n9derch njawb daba.",
    ),
}


def say(message: str, form: str, **params: Any) -> str:
    """Return a message in a language form, its parameters filled in."""
    if form in ("darija_ar", "darija_latn") and message in DARIJA:
        text = DARIJA[message][0 if form == "darija_ar" else 1]
    else:
        text = gettext(message, locale_of(form))
    return text.format(**params)


def locale_of(form: str) -> str:
    """Return Casa's locale for a language form (Darija in Arabic script reads as Arabic)."""
    return {"darija_ar": "ar", "darija_latn": "fr"}.get(form, form)


def separator(form: str) -> str:
    """Return the list separator of a language form."""
    return "، " if form in ("ar", "darija_ar") else ", "
