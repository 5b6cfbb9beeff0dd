## Text messages. Each must fit in 2 SMS segments with real values filled in: at most 306
## characters when every character is in the GSM alphabet, otherwise at most 134.
## Variables: $code is an 8-character reference code, $url a link of about 35 characters,
## $program a program name of up to 30 characters, $phone a phone number.
## Lingala here is written without tone marks and with plain e/o (no ɛ/ɔ) so every text stays GSM-7.

sms-confirmation = Denver Digital Navigators: tozwi bosengi na yo. Code na yo ezali { $code }. Tala bosengi na yo na { $url }. Yanola STOP mpo na kotelemisa SMS.
sms-still-waiting = Denver Digital Navigators: tobosani bosengi na yo { $code } te. Mosalisi moko akozwa yo noki.
sms-did-you-apply = Otindaki bosengi epai ya { $program }? Yanola 1 iyo, 2 te, 3 nazali na posa ya lisalisi.
sms-still-connected = Internet ya ndako na yo ezali naino kosala? Yanola IYO to TE.
sms-satisfaction = Osepeli boni na lisalisi oyo ozwaki? Yanola na nimero banda 1 (nasepeli te) kino 5 (nasepeli mingi).
sms-opted-out = Okozwa lisusu SMS ya Denver Digital Navigators te. Yanola START mpo na kozwa SMS lisusu.
sms-opted-in = Okozwa lisusu SMS ya Denver Digital Navigators. Yanola STOP mpo na kotelemisa SMS.
sms-help = Denver Digital Navigators: lisalisi ya ofele mpo na internet, ordinateur mpe tablette. Benga { $phone }. Yanola STOP mpo na kotelemisa SMS.
sms-reply-received = Matondi. Mosalisi na yo akotanga nsango na yo.
sms-template-call-back = Denver Digital Navigators: tomekaki kobenga yo mpo na bosengi { $code }. Benga biso na { $phone }.
sms-template-documents = Denver Digital Navigators: mpo na bosengi { $code }, yaka na karte ya identite na foto mpe mokanda ya lifuti to lisalisi na yo (lokola SNAP).

## Kosenga lisalisi na SMS: motuna moko na SMS moko.
sms-intake-menu = Denver Digital Navigators. STOP mpo na kotelemisa. Monoko na yo? { $menu }
sms-intake-menu-again = Yanola na nimero ya monoko na yo: { $menu }
sms-intake-hello = Denver Digital Navigators: lisalisi ya ofele mpo na internet mpe biloko. Yanola STOP mpo na kotelemisa, ZONGA mpo na kozonga. Nkombo na yo nani?
sms-intake-name-again = Svp, koma nkombo na yo na mikanda. Nkombo na yo nani?
sms-intake-name-long = Ezali molai mingi mpo na nkombo. Svp, koma nkombo ya mokuse.
sms-intake-needs = Osengi lisalisi na nini? Yanola na nimero moko to mingi: 1 internet ya ndako, 2 esaleli, 3 lisalisi na tekinoloji
sms-intake-needs-again = Yanola na nimero ya liste, lokola 1 to 1 3: 1 internet ya ndako, 2 esaleli, 3 lisalisi na tekinoloji
sms-intake-place = Ofandaka wapi? Yanola na code postal na yo to nkombo ya quartier na yo.
sms-intake-place-unknown = Tozwi esika yango te. Yanola na code postal ya nimero 5 to nkombo ya quartier na yo na Denver.
sms-intake-place-outside = Code postal yango ezali libanda ya esika tosalaka. Soki ofandaka na Denver, yanola na code postal to quartier.
sms-intake-consent = Motuna ya suka: tokoki kotindela yo SMS mpo na bosengi na yo? Yanola IYO to TE.
sms-intake-consent-again = Yanola IYO to TE: tokoki kotindela yo SMS mpo na bosengi na yo?
sms-intake-done = Matondi! Code na yo ezali { $code }. Navigateur akobenga yo noki. Tala bosengi na yo na { $url } to benga { $phone }.
sms-intake-refused = Bolimbisi, tokoki kozwa bosengi na SMS ya nimero oyo te. Svp benga { $phone }.
sms-intake-expired = Bosengi na yo na SMS esilaki te, yango wana tolongolaki yango. Mpo na kobanda lisusu, tinda SIKA.

## Words residents may text back, separated by commas, in capitals, without accents.
## STOP, START, HELP, YES and NO in English always work too.
## Lingala words plus the French ones many Lingala speakers also text.
sms-keywords-stop = STOP, TELEMA, KOTELEMA, TELEMISA, KOTELEMISA, TIKA, KOTIKA, SUKISA, KOSUKISA, ARRET, ARRETER, ANNULER, DESABONNER
sms-keywords-start = START, BANDA, KOBANDA, BANDA LISUSU, COMMENCER, IYO
sms-keywords-help = LISALISI, SALISA, SALISA NGAI, AIDE, INFO
sms-keywords-yes = IYO, EE, OUI
sms-keywords-no = TE, NON
sms-keywords-new = SIKA, BOSENGI SIKA
sms-keywords-back = ZONGA, KOZONGA
sms-keywords-restart = BANDA BISIKA, KOBANDA BISIKA

## Ba rendez-vous (bokundoli, biyano, bantango na nimero).
sms-weekday = { $day ->
    [1] mokolo ya liboso
    [2] mokolo ya mibale
    [3] mokolo ya misato
    [4] mokolo ya minei
    [5] mokolo ya mitano
    [6] mposo
   *[7] lomingo
}
sms-appointment-date = %d/%m
sms-appointment-time = %H:%M
sms-appointment-when = { $weekday } { $date }, { $time }
sms-reminder-day-before = Denver Digital Navigators: lobi ozali na rendez-vous, { $when }, na { $site }, { $address }. Zongisa OK mpo na kondima, BONGOLA mpo na ntango mosusu, NAKOYA TE mpo na koboya.
sms-reminder-soon = Denver Digital Navigators: rendez-vous na yo ezali lelo na { $time }, na { $site }, { $address }. Zongisa OK mpo na kondima, BONGOLA mpo na ntango mosusu, NAKOYA TE mpo na koboya.
sms-appointment-confirmed = Matondi, rendez-vous na yo ya { $when } endimami. Tokomona yo na { $site }.
sms-appointment-cancelled = Rendez-vous na yo ya { $when } elongwe. Zongisa BONGOLA mpo na kozwa bantango mosusu.
sms-appointment-booked = Ozwi rendez-vous: { $when } na { $site }, { $address }. Zongisa NAKOYA TE mpo na koboya.
sms-slot-offer = Denver Digital Navigators: pona ntango ya rendez-vous na yo. Zongisa nimero na yango: { $slots }
sms-slot-offer-none = Bolimbisi, ntango ya pamba ezali te na mposo mibale oyo ezali koya. Mosalisi moko akobenga yo, to benga { $phone }.
sms-slot-not-offered = { $count ->
    [1] Zongisa 1 mpo na kozwa ntango oyo totindeli yo.
   *[other] Zongisa nimero moko kobanda 1 tii { $count }: ya moko ya bantango oyo totindeli yo.
}
sms-slot-expired = Bantango wana ebombami lisusu mpo na yo te. Zongisa BONGOLA mpo na kozwa mosusu.
sms-slot-taken = Bolimbisi, moto moko azwi ntango wana sikoyo. Bantango mosusu, zongisa nimero na yango: { $slots }
sms-no-show = Denver Digital Navigators: tomoni yo te lelo. Likambo te! Pona ntango mosusu, zongisa nimero na yango: { $slots }
sms-no-show-none = Denver Digital Navigators: tomoni yo te lelo. Likambo te! Mosalisi moko akobenga yo mpo na ntango mosusu, to benga { $phone }.
sms-keywords-confirm = OK, NANDIMI, NAKOYA, NAYEI, CONFIRMER, JE CONFIRME
sms-keywords-cancel-appointment = NAKOYA TE, NAKOKOKA TE, JE NE VIENS PAS
sms-keywords-another-time = BONGOLA, KOBONGOLA, NTANGO MOSUSU, MOKOLO MOSUSU, CHANGER, AUTRE DATE
## Issue 17, part C: a navigator no longer available; their bookings are cancelled. $code, $url.
sms-appointment-cancelled-navigator = Denver Digital Navigators: bolimbisi, rendez-vous ya bosengi { $code } elongolami mpo mosalisi na yo azali te. Pona ngonga mosusu na { $url }
## Issue 18, part B: a lent device due back soon or late, and the answer to a reply asking for
## more time. $device (one of sms-loan-device-*), $tag (its asset tag), $date (sms-loan-day).
sms-loan-day = { $weekday } { $date }
sms-loan-device-hotspot = hotspot ya internet
sms-loan-device-laptop = ordinatɛ́ ya komema (laptop)
sms-loan-device-tablet = tablette
sms-loan-device-chromebook = Chromebook
sms-loan-device-other = esaleli
sms-loan-due-soon = Denver Digital Navigators: svp zongisa { $device } ({ $tag }) liboso ya { $date } esila. Osengeli na ntango ebakisami? Zongisa BAKISA NTANGO.
sms-loan-overdue = Denver Digital Navigators: { $device } ({ $tag }) esengelaki kozonga { $date }. Svp zongisa yango, to zongisa BAKISA NTANGO mpo na kosenga navigateur na yo ntango ebakisami.
sms-loan-more-time = Matondo. Toyebisi navigateur na yo ete osengeli na ntango ebakisami na { $device }. Akobenga yo mpo na mokolo ya sika.
# Replies asking for more time with a lent device. None may be an opt-out, opt-in or help
# word, nor an appointment word, of any language.
sms-keywords-more-time = BAKISA NTANGO, KOBAKISA NTANGO, BAKISA MIKOLO, PROLONGER, PLUS DE TEMPS
