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

## Words residents may text back, separated by commas, in capitals, without accents.
## STOP, START, HELP, YES and NO in English always work too.
## Lingala words plus the French ones many Lingala speakers also text.
sms-keywords-stop = STOP, TELEMA, KOTELEMA, TELEMISA, KOTELEMISA, TIKA, KOTIKA, SUKISA, KOSUKISA, ARRET, ARRETER, ANNULER, DESABONNER
sms-keywords-start = START, BANDA, KOBANDA, BANDA LISUSU, COMMENCER, IYO
sms-keywords-help = LISALISI, SALISA, SALISA NGAI, AIDE, INFO
sms-keywords-yes = IYO, EE, OUI
sms-keywords-no = TE, NON
